import ServicePlanDomain
import ServicePlanStore

/// `GET /plans/{code}`: the whole plan, section by section, as the printed plan lays it out.
/// Every figure shown is computed here from the stored plan; templates only place strings.
struct PlanPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let code: String
    let title: String
    let council: String
    /// The council's page, for a plan linked to its council.
    let councilHref: String?
    let directorate: String
    let department: String
    let divisions: String
    let period: String
    let status: String
    let keyAreas: [AreaRow]
    let hasKeyAreas: Bool
    let objectives: [ObjectiveView]
    let indicatorGroups: [IndicatorGroup]
    let figureColumns: [Column]
    let risks: [RiskRow]
    let hasRisks: Bool
    let equality: EqualityTable
    let budget: BudgetSection
    let staffing: StaffingTable
    let priorities: [PriorityView]
    let notes: [String]
    let hasNotes: Bool
    let exports: [ExportLink]
    let historyHref: String?
    let authorityCode: String
    let neighbours: String
    let benchmarkingEditHref: String?
    let quartileSources: [String]
    let hasQuartileSources: Bool
    let canManage: Bool
    let newIndicatorHref: String?
    let newRiskHref: String?
    let newEqualityActionHref: String?
    let newObjectiveHref: String?

    /// `computedQuartiles`: the quartiles computed from national data and how many authorities
    /// each rests on, so the page can say where its quartiles come from.
    /// `returns`: the plan's returns the reader may see, for each indicator's progress.
    init(_ plan: ServicePlan, user: User?, computedQuartiles: [ComputedQuartiles.Source] = [], crossReferences: CrossReferenceIndex? = nil,
         returns: [QuarterlyReturn] = []) {
        quartileSources = computedQuartiles.map { source in
            "\(source.indicator.name) \(source.year.label): computed from \(source.authorities) authorities' published values"
        }
        hasQuartileSources = !quartileSources.isEmpty
        let base = SitePaths.plan(plan.code)
        historyHref = Permissions.canSeePartII(user) ? SitePaths.history(plan.code) : nil
        authorityCode = plan.council.authorityCode ?? "Not set"
        neighbours = plan.council.neighbours.isEmpty ? "None set" : plan.council.neighbours.joined(separator: ", ")
        benchmarkingEditHref = user?.role == .admin ? SitePaths.benchmarkingEdit(plan.code) : nil
        canManage = Permissions.canManagePlan(user, plan)
        newIndicatorHref = canManage ? SitePaths.collection(plan.code, .indicator) + "/new" : nil
        newRiskHref = canManage ? SitePaths.collection(plan.code, .risk) + "/new" : nil
        newEqualityActionHref = canManage ? SitePaths.collection(plan.code, .equalityAction) + "/new" : nil
        newObjectiveHref = canManage ? SitePaths.collection(plan.code, .objective) + "/new" : nil
        pageTitle = "\(plan.title) – serviceplan"
        code = plan.code
        title = plan.title
        council = plan.council.name
        councilHref = plan.link.map { SitePaths.council($0.council) }
        directorate = plan.council.directorate
        department = plan.council.department
        divisions = plan.council.divisions.joined(separator: ", ")
        period = plan.period.label
        status = plan.status.label

        func areaRow(_ number: Int) -> AreaRow {
            AreaRow(number: number, title: plan.area(number)?.title ?? "(not listed in the corporate plan)",
                    priority: plan.priority(ofArea: number)?.title ?? "", areaHref: plan.link.map { SitePaths.area(council: $0.council, number) })
        }
        keyAreas = plan.keyAreasOfFocus.map(areaRow)
        hasKeyAreas = !plan.keyAreasOfFocus.isEmpty
        priorities = plan.priorities.map { p in
            PriorityView(code: p.code, title: p.title,
                         areas: p.areasOfFocus.map { AreaRow(number: $0.number, title: $0.title, priority: p.title) })
        }

        let indicatorRefs = Set(plan.indicators.map(\.ref))
        objectives = plan.objectives.map { o in
            let canEdit = Permissions.canEditObjective(user, o, in: plan)
            let objectivePath = SitePaths.item(.objective(plan: plan.code, ref: o.ref)) ?? base
            return ObjectiveView(
                ref: o.ref, anchor: "objective-\(o.ref.anchor)", title: o.title,
                areas: o.areasOfFocus.map(areaRow),
                ecm: o.ecmOutcomes.map(\.label).joined(separator: ", "),
                cypp: o.cyppPriorities.isEmpty ? nil : o.cyppPriorities.map { "CYPP \($0)" }.joined(separator: ", "),
                crossReferences: o.crossReferences.joined(separator: ", "),
                hasCrossReferences: !o.crossReferences.isEmpty,
                crossReferenceLinks: o.crossReferences.enumerated().map { i, ref in
                    let target = crossReferences?.resolve(ref).flatMap { !$0.partII || Permissions.canSeePartII(user) ? $0 : nil }
                    return CrossReferenceLink(ref: ref, targetHref: target.map { SitePaths.plan($0.plan) + "#" + (SitePaths.anchor($0.reference) ?? "") },
                                              title: target.map { "\($0.ref): \($0.title)" } ?? "", last: i == o.crossReferences.count - 1)
                },
                officer: o.responsibleOfficer,
                initialRisk: RiskCell(o.risk.initial), residualRisk: RiskCell(o.risk.residual),
                indicators: o.indicatorRefs.map { ref in
                    let inPlan = indicatorRefs.contains(ref)
                    return LinkedIndicator(ref: ref, href: inPlan ? "#indicator-\(ref.anchor)" : nil, inPlan: inPlan)
                },
                hasIndicators: !o.indicatorRefs.isEmpty,
                milestoneYears: o.milestoneYears.map { y in
                    let rows = y.milestones.map { m in
                        MilestoneRow(editHref: canEdit ? m.id.flatMap { SitePaths.item(.milestone(plan: plan.code, objective: o.ref, id: $0)) }.map { $0 + "/edit" } : nil,
                                     text: m.text, due: m.due.longText, dueISO: m.due.description)
                    }
                    let missing: String?
                    if case .missing(let reason) = y.entries {
                        missing = reason == .unknown
                            ? "Not known: the milestones for this year were lost from the source document."
                            : reason.rawValue
                    } else {
                        missing = nil
                    }
                    return MilestoneYearView(year: y.year.label, milestones: rows, hasMilestones: !rows.isEmpty, missing: missing)
                },
                notes: o.notes, hasNotes: !o.notes.isEmpty,
                editHref: canEdit ? "\(objectivePath)/edit" : nil,
                newMilestoneHref: canEdit ? SitePaths.collection(plan.code, .milestone, objective: o.ref) + "/new?objective=\(o.ref.urlPathEncoded)" : nil,
                partII: o.partII)
        }

        // Columns come from the years the plan's figures actually have, not from a fixed layout.
        let quartileYears = Array(Set(plan.indicators.flatMap { $0.quartiles.keys })).sorted()
        let targetYears = Array(Set(plan.indicators.flatMap { $0.targets.keys })).sorted()
        let actualYears = Array(Set(plan.indicators.flatMap { $0.actuals.keys })).sorted()
        var columns: [Column] = []
        for y in quartileYears {
            columns += [Column(label: "\(y.label) England top quartile"), Column(label: "\(y.label) England median"),
                        Column(label: "\(y.label) England bottom quartile")]
        }
        // As the printed table: each year's target, then its actual where any indicator has one.
        let figureYears = Array(Set(targetYears + actualYears)).sorted()
        for y in figureYears {
            if targetYears.contains(y) { columns.append(Column(label: "\(y.label) target")) }
            if actualYears.contains(y) { columns.append(Column(label: "\(y.label) actual")) }
        }
        figureColumns = columns

        indicatorGroups = plan.indicatorsByCategory.map { group in
            IndicatorGroup(
                label: group.category.label, anchor: "category-\(group.category.rawValue)",
                rows: group.indicators.map { i in
                    func cell(_ f: Figure?) -> Cell {
                        guard let f else { return Cell(text: "—", isMissing: true) }
                        return Cell(text: i.display(f), isMissing: f.number == nil)
                    }
                    var cells: [Cell] = []
                    for y in quartileYears {
                        let q = i.quartiles[y]
                        cells += [cell(q?.top), cell(q?.middle), cell(q?.bottom)]
                    }
                    for y in figureYears {
                        if targetYears.contains(y) { cells.append(cell(i.targets[y])) }
                        if actualYears.contains(y) { cells.append(cell(i.actuals[y])) }
                    }
                    return IndicatorRow(
                        ref: i.ref, anchor: "indicator-\(i.ref.anchor)", title: i.title, scope: i.scope.label,
                        unit: i.unit.label, polarity: i.polarity.label, key: i.isKey.label, laa: i.inLocalAreaAgreement.label,
                        corporatePlan: i.corporatePlanCodes.joined(separator: "; "),
                        baseline: "\(i.display(i.baseline.value)) (\(i.baseline.year.label))",
                        cells: cells, notes: i.notes, hasNotes: !i.notes.isEmpty,
                        editHref: Permissions.canEditIndicator(user, i, in: plan) ? (SitePaths.item(.indicator(plan: plan.code, ref: i.ref)) ?? base) + "/edit" : nil,
                        partII: i.partII, seriesHref: SitePaths.item(.indicator(plan: plan.code, ref: i.ref)) ?? base,
                        progress: i.progress(period: plan.period, returns: returns).sentence(for: i))
                },
                isEmpty: group.indicators.isEmpty,
                columnCount: 10 + columns.count)
        }

        risks = plan.risks.map { r in
            let canEdit = plan.objective(r.objectiveRef).map { Permissions.canEditObjective(user, $0, in: plan) } ?? false
            return RiskRow(objective: r.objectiveRef, objectiveAnchor: "objective-\(r.objectiveRef.anchor)", description: r.description,
                           treatment: r.treatment, initial: RiskCell(r.initial), residual: RiskCell(r.residual),
                           editHref: canEdit ? r.id.flatMap { SitePaths.item(.risk(plan: plan.code, id: $0)) }.map { $0 + "/edit" } : nil, partII: r.partII)
        }
        hasRisks = !plan.risks.isEmpty

        let years = plan.period.years
        equality = EqualityTable(
            years: years.map { Column(label: $0.label) },
            rows: plan.equalityActions.map { e in
                EqualityRow(area: e.area, impact: e.impact.label, action: e.action,
                            years: years.map { e.years.contains($0) ? Cell(text: "Yes", isMissing: false) : Cell(text: "No", isMissing: true) },
                            officers: e.officers,
                            editHref: Permissions.canManagePlan(user, plan) ? e.id.flatMap { SitePaths.item(.equalityAction(plan: plan.code, id: $0)) }.map { $0 + "/edit" } : nil,
                            partII: e.partII)
            },
            hasRows: !plan.equalityActions.isEmpty)

        func pounds(_ figure: Figure) -> Cell {
            Cell(text: figure.number.map(Budget.pounds) ?? figure.text, isMissing: figure.number == nil)
        }
        budget = BudgetSection(
            missing: plan.budget.missing?.rawValue,
            lines: plan.budget.lines.map {
                BudgetRow(year: $0.year.label, division: $0.division, expenditure: pounds($0.expenditure), income: pounds($0.income), net: pounds($0.net))
            },
            hasLines: !plan.budget.lines.isEmpty,
            costs: plan.budget.serviceCosts.map { ServiceCostRow(year: $0.year.label, service: $0.service, cost: pounds($0.cost)) },
            hasCosts: !plan.budget.serviceCosts.isEmpty,
            isEmpty: plan.budget.isEmpty)

        staffing = StaffingTable(
            divisions: plan.council.divisions.map { Column(label: $0) },
            rows: plan.staffing.map { s in
                StaffingRow(year: s.year.label,
                            cells: plan.council.divisions.map { d in
                                guard let fte = s.fte.first(where: { $0.division == d })?.fte else { return Cell(text: "—", isMissing: true) }
                                return Cell(text: Figure.format(fte), isMissing: false)
                            },
                            total: Figure.format(s.total))
            },
            hasRows: !plan.staffing.isEmpty)

        notes = plan.notes
        hasNotes = !plan.notes.isEmpty
        exports = ExportFormatLabel.all.map { ExportLink(label: $0.label, href: SitePaths.export(plan.code, format: $0.name)) }
    }

}

private enum ExportFormatLabel {
    static let all: [(name: String, label: String)] = [
        ("yaml", "Plan file (YAML)"), ("json", "JSON"), ("csv", "Indicator table (CSV)"),
    ]
}
