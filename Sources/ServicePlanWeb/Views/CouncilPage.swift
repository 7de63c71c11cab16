import ServicePlanDomain
import ServicePlanReports

/// `/councils/{code}`: the council's plans at a glance (as on the dashboard), its directorates and
/// departments, its boards and the plans each scrutinises, and its corporate plan's priorities
/// with a link to each area of focus.
struct CouncilPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let name: String
    let corporatePlanTitle: String
    let corporatePlanPeriod: String
    let plans: [DashboardPage.PlanPanel]
    let hasPlans: Bool
    let directorates: [DirectorateRow]
    let boards: [BoardRow]
    let hasBoards: Bool
    let priorities: [PriorityRow]
    let laaHref: String
    /// Status counts of every plan's latest quarter, summed by directorate and by priority and area.
    let statusHeadings: [StatusSymbol]
    let byDirectorate: [CountRow]
    let byPriority: [CountRow]
    let hasCounts: Bool
    /// Some plan's latest quarter is example data: the counts say so.
    let countsIncludeExample: Bool
    /// Returns missing or late in every plan: for staff, as on the dashboard.
    let lateReturns: [LateRow]
    let showLateReturns: Bool
    let hasLateReturns: Bool

    struct PlanLink { let code: String, title: String, href: String }
    struct DepartmentRow { let code: String, name: String, plans: [PlanLink], hasPlans: Bool }
    struct DirectorateRow { let name: String, departments: [DepartmentRow] }
    struct BoardRow { let name: String, inferred: Bool, plans: [PlanLink], hasPlans: Bool, reportHref: String?, reportQuarter: String, reportExample: Bool }
    struct AreaLink { let number: Int, title: String, href: String }
    struct PriorityRow { let code: String, title: String, areas: [AreaLink] }
    /// `labelHref`, not `href`: a nil value is looked up in the enclosing context by Mustache.
    struct CountRow { let label: String, labelHref: String?, isArea: Bool, cells: [DashboardPage.Cell] }
    struct LateRow { let plan: String, quarter: String, state: String, formHref: String }

    init(council: CouncilFramework, panels: [DashboardPage.PlanPanel], plans linked: [ServicePlan],
         latest: [String: DashboardPage.LatestAssessment], staff: Bool) {
        func links(_ department: String) -> [PlanLink] {
            linked.filter { $0.link?.department == department }.map { PlanLink(code: $0.code, title: $0.title, href: SitePaths.plan($0.code)) }
        }
        pageTitle = "\(council.name) – serviceplan"
        name = council.name
        corporatePlanTitle = council.corporatePlan.title
        corporatePlanPeriod = "\(council.corporatePlan.period.first.label)–\(council.corporatePlan.period.last.label)"
        plans = panels
        hasPlans = !panels.isEmpty
        laaHref = SitePaths.localAreaAgreement(council: council.code)
        directorates = council.directorates.map { d in
            DirectorateRow(name: d.name, departments: d.departments.map {
                let plans = links($0.code)
                return DepartmentRow(code: $0.code, name: $0.name, plans: plans, hasPlans: !plans.isEmpty)
            })
        }
        boards = council.boards.map { b in
            let plans = b.departments.flatMap(links)
            // The board's latest quarter: the latest any of its plans has a return for that the reader may see.
            let quarter = plans.compactMap { latest[$0.code]?.quarter }.max()
            return BoardRow(name: b.name, inferred: b.nameInferred, plans: plans, hasPlans: !plans.isEmpty,
                            reportHref: quarter.map { SitePaths.boardReport(council: council.code, board: b.code, $0) },
                            reportQuarter: quarter?.label ?? "",
                            reportExample: plans.contains { latest[$0.code].map { $0.quarter == quarter && $0.isExample } ?? false })
        }
        hasBoards = !council.boards.isEmpty
        priorities = council.corporatePlan.priorities.map { p in
            PriorityRow(code: p.code, title: p.title, areas: p.areasOfFocus.map {
                AreaLink(number: $0.number, title: $0.title, href: SitePaths.area(council: council.code, $0.number))
            })
        }

        statusHeadings = DashboardPage.statuses.map { StatusSymbol($0) }
        func row(_ label: String, href: String? = nil, isArea: Bool = false, _ lines: [ReturnAssessment.IndicatorLine]) -> CountRow? {
            lines.isEmpty ? nil : CountRow(label: label, labelHref: href, isArea: isArea, cells: DashboardPage.cells(lines, href: href ?? ""))
        }
        byDirectorate = council.directorates.compactMap { d in
            let codes = Set(d.departments.flatMap { links($0.code) }.map(\.code))
            return row(d.name, codes.sorted().flatMap { latest[$0]?.indicators ?? [] })
        }
        // An indicator serves a priority when it lists the priority's code (as the dashboard
        // counts), and an area of focus when an objective serving the area measures it (as the area's page lists).
        var byPriority: [CountRow] = []
        for p in council.corporatePlan.priorities {
            let lines = linked.flatMap { plan in (latest[plan.code]?.indicators ?? []).filter { $0.indicator.corporatePlanCodes.contains(p.code) } }
            if let r = row("\(p.code) \(p.title)", lines) { byPriority.append(r) }
            for area in p.areasOfFocus {
                // Cited by the indicator itself (AOF13), or measuring an objective that serves the area.
                let serving = linked.flatMap { plan -> [ReturnAssessment.IndicatorLine] in
                    let refs = Set(plan.objectives.filter { $0.areasOfFocus.contains(area.number) }.flatMap(\.indicatorRefs))
                    return (latest[plan.code]?.indicators ?? []).filter {
                        refs.contains($0.indicator.ref) || $0.indicator.corporatePlanCodes.contains(area.code)
                    }
                }
                if let r = row("Area \(area.number): \(area.title)", href: SitePaths.area(council: council.code, area.number), isArea: true, serving) {
                    byPriority.append(r)
                }
            }
        }
        self.byPriority = byPriority
        hasCounts = !byDirectorate.isEmpty || !byPriority.isEmpty
        countsIncludeExample = latest.values.contains(where: \.isExample)
        lateReturns = panels.flatMap { panel in
            panel.returns.filter(\.attention).map { LateRow(plan: panel.code, quarter: $0.quarter, state: $0.state, formHref: $0.formHref) }
        }
        showLateReturns = staff
        hasLateReturns = !lateReturns.isEmpty
    }
}

/// `/councils/{code}/areas/{number}`: every objective, and every indicator those objectives
/// measure, in every plan of the council, that serves one area of focus.
struct AreaPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let councilName: String
    let councilHref: String
    let number: Int
    let title: String
    let priority: String
    let objectives: [Row]
    let hasObjectives: Bool
    let indicators: [Row]
    let hasIndicators: Bool

    struct Row { let plan: String, planHref: String, ref: String, title: String, href: String }

    init(council: CouncilFramework, priority: CorporatePriority, area: AreaOfFocus, plans: [ServicePlan]) {
        pageTitle = "Area of focus \(area.number) – \(council.name) – serviceplan"
        councilName = council.name
        councilHref = SitePaths.council(council.code)
        number = area.number
        title = area.title
        self.priority = "\(priority.code) \(priority.title)"
        var objectives: [Row] = [], indicators: [Row] = []
        for plan in plans {
            let serving = plan.objectives.filter { $0.areasOfFocus.contains(area.number) }
            objectives += serving.map { o in
                Row(plan: plan.code, planHref: SitePaths.plan(plan.code), ref: o.ref, title: o.title,
                    href: SitePaths.plan(plan.code) + "#" + (SitePaths.anchor(.objective(plan: plan.code, ref: o.ref)) ?? ""))
            }
            let refs = Set(serving.flatMap(\.indicatorRefs))
            indicators += plan.indicators.filter { refs.contains($0.ref) }.map { i in
                Row(plan: plan.code, planHref: SitePaths.plan(plan.code), ref: i.ref, title: i.title,
                    href: SitePaths.plan(plan.code) + "#" + (SitePaths.anchor(.indicator(plan: plan.code, ref: i.ref)) ?? ""))
            }
        }
        self.objectives = objectives
        hasObjectives = !objectives.isEmpty
        self.indicators = indicators
        hasIndicators = !indicators.isEmpty
    }
}
