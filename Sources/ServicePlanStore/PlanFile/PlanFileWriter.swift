import ServicePlanDomain
import Yams

/// Writes a plan in the canonical plan-file form: fixed key order, years sorted, short code
/// lists in flow style. Reading the output back and writing again gives the same bytes.
public enum PlanFileWriter {
    public static func yaml(_ plan: ServicePlan) -> String {
        var top: [(String, Node)] = [
            ("format", s(PlanFileReader.formatTag)),
            ("code", s(plan.code)),
            ("title", s(plan.title)),
            ("status", s(plan.status.rawValue)),
            ("period", flowMap([("from", s(plan.period.first.label)), ("to", s(plan.period.last.label))])),
        ]
        if let link = plan.link {
            // The council's details and priorities live in its own file.
            top.append(("council", s(link.council)))
            top.append(("department", s(link.department)))
            if !plan.council.divisions.isEmpty { top.append(("divisions", list(plan.council.divisions.map { map([("name", s($0))]) }))) }
        } else {
            top.append(("council", map([
                ("name", s(plan.council.name)),
                ("directorate", s(plan.council.directorate)),
                ("department", s(plan.council.department)),
                ("divisions", list(plan.council.divisions.map { map([("name", s($0))]) })),
            ] + (plan.council.authorityCode.map { [("authorityCode", s($0))] } ?? [])
              + (plan.council.neighbours.isEmpty ? [] : [("neighbours", flowList(plan.council.neighbours))]))))
            top.append(("priorities", priorities(plan.priorities)))
        }
        if !plan.keyAreasOfFocus.isEmpty { top.append(("keyAreasOfFocus", flowList(plan.keyAreasOfFocus.map(String.init)))) }
        top.append(("objectives", list(plan.objectives.map(objective))))
        top.append(("indicators", list(plan.indicators.map(indicator))))
        if !plan.risks.isEmpty { top.append(("risks", list(plan.risks.map(risk)))) }
        if !plan.equalityActions.isEmpty { top.append(("equalityActions", list(plan.equalityActions.map(equalityAction)))) }
        if !plan.budget.isEmpty { top.append(("budget", budget(plan.budget))) }
        if !plan.staffing.isEmpty {
            top.append(("staffing", list(plan.staffing.map { entry in
                map([("year", s(entry.year.label)),
                     ("fte", flowMap(entry.fte.map { ($0.division, s(Figure.format($0.fte))) }))])
            })))
        }
        appendNotes(plan.notes, to: &top)
        do {
            return try Yams.serialize(node: map(top), width: -1, allowUnicode: true, lineBreak: .ln)
        } catch {
            // The tree is built here from strings only; the emitter has nothing to reject.
            preconditionFailure("YAML emitter refused a plan tree: \(error)")
        }
    }

    static func priorities(_ priorities: [CorporatePriority]) -> Node {
        list(priorities.map { priority in
            map([
                ("number", s(String(priority.number))),
                ("title", s(priority.title)),
                ("areasOfFocus", list(priority.areasOfFocus.map { map([("number", s(String($0.number))), ("title", s($0.title))]) })),
            ])
        })
    }

    private static func objective(_ o: ServiceObjective) -> Node {
        var fields: [(String, Node)] = [
            ("ref", s(o.ref)),
            ("title", s(o.title)),
            ("areasOfFocus", flowList(o.areasOfFocus.map(String.init))),
        ]
        if !o.ecmOutcomes.isEmpty { fields.append(("ecmOutcomes", flowList(o.ecmOutcomes.map(\.rawValue)))) }
        if !o.cyppPriorities.isEmpty { fields.append(("cyppPriorities", flowList(o.cyppPriorities))) }
        if !o.crossReferences.isEmpty { fields.append(("crossReferences", flowList(o.crossReferences))) }
        fields.append(("responsibleOfficer", s(o.responsibleOfficer)))
        if let owner = o.owner { fields.append(("owner", s(owner))) }
        fields.append(("risk", map([("initial", assessment(o.risk.initial)), ("residual", assessment(o.risk.residual))])))
        if !o.indicatorRefs.isEmpty { fields.append(("indicators", flowList(o.indicatorRefs))) }
        fields.append(("milestones", list(o.milestoneYears.map { year in
            switch year.entries {
            case .missing(let reason):
                return map([("year", s(year.year.label)), ("missing", s(reason.rawValue))])
            case .listed(let items):
                return map([("year", s(year.year.label)),
                            ("items", list(items.map { map([("text", s($0.text)), ("due", s($0.due.description))]) }))])
            }
        })))
        appendNotes(o.notes, to: &fields)
        appendPartII(o.partII, to: &fields)
        return map(fields)
    }

    private static func assessment(_ a: RiskAssessment) -> Node {
        switch a {
        case .rated(let r):
            if let l = r.likelihood, let sv = r.severity {
                return flowMap([("likelihood", s(String(l))), ("severity", s(String(sv)))])
            }
            return flowMap([("score", s(String(r.score)))])
        case .bandOnly(let band, let reason):
            return flowMap([("band", s(band.rawValue)), ("missing", s(reason.rawValue))])
        case .unknown(let reason):
            return flowMap([("missing", s(reason.rawValue))])
        }
    }

    private static func indicator(_ i: Indicator) -> Node {
        var fields: [(String, Node)] = [
            ("ref", s(i.ref)),
            ("title", s(i.title)),
            ("category", s(i.category.rawValue)),
            ("scope", s(i.scope.rawValue)),
            ("key", s(i.isKey.rawValue)),
            ("laa", s(i.inLocalAreaAgreement.rawValue)),
            ("unit", s(i.unit.rawValue)),
            ("polarity", s(i.polarity.rawValue)),
        ]
        if i.aggregation != .snapshot { fields.append(("aggregation", s(i.aggregation.rawValue))) }
        if !i.corporatePlanCodes.isEmpty { fields.append(("corporatePlan", flowList(i.corporatePlanCodes))) }
        fields.append(("baseline", flowMap([("year", s(i.baseline.year.label)), ("value", s(i.baseline.value.text))])))
        if !i.quartiles.isEmpty {
            fields.append(("quartiles", map(i.quartiles.sorted { $0.key < $1.key }.map { year, q in
                (year.label, flowMap([("top", s(q.top.text)), ("middle", s(q.middle.text)), ("bottom", s(q.bottom.text))]))
            })))
        }
        fields.append(("targets", figures(i.targets)))
        if !i.actuals.isEmpty { fields.append(("actuals", figures(i.actuals))) }
        appendNotes(i.notes, to: &fields)
        if let owner = i.owner { fields.append(("owner", s(owner))) }
        appendPartII(i.partII, to: &fields)
        switch i.profile {
        case .seasonal(let shares)?: fields.append(("profile", flowMap([("seasonal", flowList(shares.map(Figure.format)))])))
        case let profile?: fields.append(("profile", s(profile.name)))
        case nil: break
        }
        return map(fields)
    }

    private static func risk(_ r: Risk) -> Node {
        var fields: [(String, Node)] = [
            ("objective", s(r.objectiveRef)),
            ("description", s(r.description)),
        ]
        if !r.treatment.isEmpty { fields.append(("treatment", list(r.treatment.map(s)))) }
        fields.append(("initial", assessment(r.initial)))
        fields.append(("residual", assessment(r.residual)))
        appendNotes(r.notes, to: &fields)
        appendPartII(r.partII, to: &fields)
        return map(fields)
    }

    private static func equalityAction(_ e: EqualityAction) -> Node {
        var fields: [(String, Node)] = [
            ("area", s(e.area)),
            ("impact", s(e.impact.rawValue)),
            ("action", s(e.action)),
            ("years", flowList(e.years.map(\.label))),
            ("officers", s(e.officers)),
        ]
        appendPartII(e.partII, to: &fields)
        return map(fields)
    }

    /// Section 4.1: the reason there are no figures, or the lines and service costs, one flow map each.
    private static func budget(_ budget: Budget) -> Node {
        var fields: [(String, Node)] = []
        if let missing = budget.missing { fields.append(("missing", s(missing.rawValue))) }
        if !budget.lines.isEmpty {
            fields.append(("lines", list(budget.lines.map { line in
                flowMap([("year", s(line.year.label)), ("division", s(line.division)), ("expenditure", s(line.expenditure.text)),
                         ("income", s(line.income.text)), ("net", s(line.net.text))])
            })))
        }
        if !budget.serviceCosts.isEmpty {
            fields.append(("serviceCosts", list(budget.serviceCosts.map { cost in
                flowMap([("year", s(cost.year.label)), ("service", s(cost.service)), ("cost", s(cost.cost.text))])
            })))
        }
        return map(fields)
    }

    private static func figures(_ values: [FinancialYear: Figure]) -> Node {
        flowMap(values.sorted { $0.key < $1.key }.map { ($0.key.label, s($0.value.text)) })
    }

    /// Part II is written only when set, so ordinary plans carry no noise.
    private static func appendPartII(_ partII: Bool, to fields: inout [(String, Node)]) {
        if partII { fields.append(("partII", s("true"))) }
    }

    static func appendNotes(_ notes: [String], to fields: inout [(String, Node)]) {
        if !notes.isEmpty { fields.append(("notes", list(notes.map(s)))) }
    }

    // MARK: Node builders

    static func s(_ text: String) -> Node { .scalar(.init(text)) }
    static func map(_ pairs: [(String, Node)]) -> Node {
        .mapping(.init(pairs.map { (s($0.0), $0.1) }, .implicit, .block))
    }
    static func flowMap(_ pairs: [(String, Node)]) -> Node {
        .mapping(.init(pairs.map { (s($0.0), $0.1) }, .implicit, .flow))
    }
    static func list(_ items: [Node]) -> Node { .sequence(.init(items, .implicit, .block)) }
    static func flowList(_ items: [String]) -> Node { .sequence(.init(items.map(s), .implicit, .flow)) }
}
