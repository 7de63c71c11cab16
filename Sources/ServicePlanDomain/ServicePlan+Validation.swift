/// Rules that span several parts of a plan. Single values are checked where they are read
/// (a plan file, a form); these need the whole plan. Import refuses a plan that breaks any.
extension ServicePlan {
    /// Every cross-field rule the plan breaks, in file order. Empty means the plan may be saved.
    public func violations() -> [PlanViolation] {
        var found: [PlanViolation] = []
        let root = FieldPath.root
        func fail(_ path: FieldPath, _ value: String?, _ rule: String) {
            found.append(PlanViolation(path, RuleViolation(value: value, rule: rule)))
        }
        do { try Self.checkCode(code) } catch { found.append(PlanViolation(root["code"], error)) }
        found += textViolations()

        found += CorporatePriority.orderViolations(priorities, at: root["priorities"])
        let areaNumbers = Set(priorities.flatMap(\.areasOfFocus).map(\.number))
        var keyAreas = Set<Int>()
        for (i, number) in keyAreasOfFocus.enumerated() {
            if !areaNumbers.contains(number) {
                fail(root["keyAreasOfFocus"][i], String(number), "is not an area of focus listed under priorities")
            } else if !keyAreas.insert(number).inserted {
                fail(root["keyAreasOfFocus"][i], String(number), "is listed twice")
            }
        }

        var objectiveRefs = Set<String>()
        for (o, objective) in objectives.enumerated() {
            let path = root["objectives"][o]
            if !objectiveRefs.insert(objective.ref).inserted {
                fail(path["ref"], objective.ref, "is the ref of another objective")
            }
            for (i, number) in objective.areasOfFocus.enumerated() where !areaNumbers.contains(number) {
                fail(path["areasOfFocus"][i], String(number), "is not an area of focus listed under priorities")
            }
            var years = Set<FinancialYear>()
            for (y, year) in objective.milestoneYears.enumerated() {
                if !period.contains(year.year) {
                    fail(path["milestones"][y]["year"], year.year.label, "is outside the plan period \(period.label)")
                }
                if !years.insert(year.year).inserted {
                    fail(path["milestones"][y]["year"], year.year.label, "is listed twice")
                }
                for (m, milestone) in year.milestones.enumerated() where !period.contains(milestone.due) {
                    fail(path["milestones"][y]["items"][m]["due"], milestone.due.description,
                         "is outside the plan period \(period.first.firstDay) to \(period.last.lastDay)")
                }
            }
            for year in period.years where !years.contains(year) {
                fail(path["milestones"], nil, "has no entry for \(year.label): list its milestones or give `missing` with a reason")
            }
        }

        var indicatorRefs = Set<String>()
        // Pages and forms name an indicator by its ref's anchor (`ULS LI1` → `ULS-LI1`): two refs
        // with one anchor would share a return line's fields.
        var anchors: [String: String] = [:]
        for (i, indicator) in indicators.enumerated() {
            let path = root["indicators"][i]
            if !indicatorRefs.insert(indicator.ref).inserted {
                fail(path["ref"], indicator.ref, "is the ref of another indicator")
            } else if let other = anchors[indicator.ref.anchor] {
                fail(path["ref"], indicator.ref, "reads as \(other) in addresses and forms (\(indicator.ref.anchor)): choose a ref that differs in a letter or digit")
            } else {
                anchors[indicator.ref.anchor] = indicator.ref
            }
            if let profile = indicator.profile {
                do { try profile.check(for: indicator.aggregation) } catch { found.append(PlanViolation(path["profile"], error)) }
            }
            func checkUnit(_ figure: Figure, _ at: FieldPath) {
                guard case .value(let v) = figure else { return }
                do { try indicator.unit.check(v) } catch { found.append(PlanViolation(at, error)) }
            }
            checkUnit(indicator.baseline.value, path["baseline"]["value"])
            for (year, q) in indicator.quartiles.sorted(by: { $0.key < $1.key }) {
                checkUnit(q.top, path["quartiles"][year.label]["top"])
                checkUnit(q.middle, path["quartiles"][year.label]["middle"])
                checkUnit(q.bottom, path["quartiles"][year.label]["bottom"])
            }
            for (year, figure) in indicator.targets.sorted(by: { $0.key < $1.key }) {
                checkUnit(figure, path["targets"][year.label])
            }
            for (year, figure) in indicator.actuals.sorted(by: { $0.key < $1.key }) {
                checkUnit(figure, path["actuals"][year.label])
            }
            for year in period.years where indicator.targets[year] == nil {
                fail(path["targets"], nil, "has no target for \(year.label): give a number or a reason (\(MissingReason.allowedList))")
            }
        }

        for (r, risk) in risks.enumerated() where !objectiveRefs.contains(risk.objectiveRef) {
            fail(root["risks"][r]["objective"], risk.objectiveRef, "is not the ref of an objective in this plan")
        }
        for (e, action) in equalityActions.enumerated() {
            for (y, year) in action.years.enumerated() where !period.contains(year) {
                fail(root["equalityActions"][e]["years"][y], year.label, "is outside the plan period \(period.label)")
            }
        }
        var staffingYears = Set<FinancialYear>()
        for (s, entry) in staffing.enumerated() {
            if !staffingYears.insert(entry.year).inserted {
                fail(root["staffing"][s]["year"], entry.year.label, "is listed twice")
            }
            for item in entry.fte where !council.divisions.contains(item.division) {
                fail(root["staffing"][s]["fte"][item.division], item.division,
                     "is not one of the divisions: \(council.divisions.joined(separator: ", "))")
            }
        }
        budgetViolations(fail)
        return found
    }
}

extension CorporatePriority {
    /// Numbers used twice, or listed out of order, among priorities and their areas of focus.
    /// Priorities and areas are kept in number order (as the corporate plan lists them), so a
    /// plan is stored and shown in the order it was written.
    static func orderViolations(_ priorities: [CorporatePriority], at root: FieldPath) -> [PlanViolation] {
        var found: [PlanViolation] = []
        func fail(_ path: FieldPath, _ value: Int, _ rule: String) {
            found.append(PlanViolation(path, RuleViolation(value: String(value), rule: rule)))
        }
        var priorityNumbers = Set<Int>(), areaNumbers = Set<Int>()
        // Numbers a council uses (Halton's run 1–6 and 1–40), and that every engine stores.
        let range = 1...999_999
        for (p, priority) in priorities.enumerated() {
            if !range.contains(priority.number) {
                fail(root[p]["number"], priority.number, "is not a number from 1 to 999,999")
            } else if !priorityNumbers.insert(priority.number).inserted {
                fail(root[p]["number"], priority.number, "is used by another priority")
            } else if p > 0, priority.number < priorities[p - 1].number {
                fail(root[p]["number"], priority.number, "comes after priority \(priorities[p - 1].number): list priorities in number order")
            }
            for (a, area) in priority.areasOfFocus.enumerated() {
                if !range.contains(area.number) {
                    fail(root[p]["areasOfFocus"][a]["number"], area.number, "is not a number from 1 to 999,999")
                } else if !areaNumbers.insert(area.number).inserted {
                    fail(root[p]["areasOfFocus"][a]["number"], area.number, "is used by another area of focus")
                } else if a > 0, area.number < priority.areasOfFocus[a - 1].number {
                    fail(root[p]["areasOfFocus"][a]["number"], area.number,
                         "comes after area \(priority.areasOfFocus[a - 1].number): list areas of focus in number order")
                }
            }
        }
        return found
    }
}

extension ServicePlan {
    /// Section 4.1's rules: figures or a reason, not both; each line in the plan's period, for one
    /// of its divisions, once a year; amounts in pounds, not below zero; net is expenditure less income.
    func budgetViolations(_ fail: (FieldPath, String?, String) -> Void) {
        let path = FieldPath.root["budget"]
        if budget.missing != nil, !budget.lines.isEmpty || !budget.serviceCosts.isEmpty {
            fail(path["missing"], budget.missing?.rawValue, "is given with budget figures: give the figures or the reason, not both")
        }
        /// A finite number within the figure limit, or its violation.
        func inRange(_ v: Double, _ at: FieldPath) -> Bool {
            do { try Figure.checkMagnitude(v) } catch {
                fail(at, error.value, error.rule)
                return false
            }
            return true
        }
        func amount(_ figure: Figure, _ at: FieldPath) {
            guard let v = figure.number, inRange(v, at) else { return }
            if v < 0 { fail(at, Figure.format(v), "is below 0 (give the amount spent or earned)") }
        }
        var seen = Set<String>()
        for (l, line) in budget.lines.enumerated() {
            let at = path["lines"][l]
            if !period.contains(line.year) { fail(at["year"], line.year.label, "is outside the plan period \(period.label)") }
            if !council.divisions.contains(line.division) {
                fail(at["division"], line.division, "is not one of the divisions: \(council.divisions.joined(separator: ", "))")
            }
            if !seen.insert("\(line.year.label)\u{0}\(line.division)").inserted {
                fail(at["division"], line.division, "has a budget line for \(line.year.label) already")
            }
            amount(line.expenditure, at["expenditure"])
            amount(line.income, at["income"])
            if let net = line.net.number, !inRange(net, at["net"]) {
                // Reported above.
            } else if line.netDisagrees {
                fail(at["net"], line.net.text, "is not expenditure less income (\(line.expenditure.text) − \(line.income.text))")
            }
        }
        var services = Set<String>()
        for (c, cost) in budget.serviceCosts.enumerated() {
            let at = path["serviceCosts"][c]
            if !period.contains(cost.year) { fail(at["year"], cost.year.label, "is outside the plan period \(period.label)") }
            if !services.insert("\(cost.year.label)\u{0}\(cost.service)").inserted {
                fail(at["service"], cost.service, "has a cost for \(cost.year.label) already")
            }
            amount(cost.cost, at["cost"])
        }
    }
}
