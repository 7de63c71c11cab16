import ServicePlanDomain

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

    struct PlanLink { let code: String, title: String, href: String }
    struct DepartmentRow { let code: String, name: String, plans: [PlanLink], hasPlans: Bool }
    struct DirectorateRow { let name: String, departments: [DepartmentRow] }
    struct BoardRow { let name: String, inferred: Bool, plans: [PlanLink], hasPlans: Bool }
    struct AreaLink { let number: Int, title: String, href: String }
    struct PriorityRow { let code: String, title: String, areas: [AreaLink] }

    init(council: CouncilFramework, panels: [DashboardPage.PlanPanel], plans linked: [ServicePlan]) {
        func links(_ department: String) -> [PlanLink] {
            linked.filter { $0.link?.department == department }.map { PlanLink(code: $0.code, title: $0.title, href: SitePaths.plan($0.code)) }
        }
        pageTitle = "\(council.name) – serviceplan"
        name = council.name
        corporatePlanTitle = council.corporatePlan.title
        corporatePlanPeriod = "\(council.corporatePlan.period.first.label)–\(council.corporatePlan.period.last.label)"
        plans = panels
        hasPlans = !panels.isEmpty
        directorates = council.directorates.map { d in
            DirectorateRow(name: d.name, departments: d.departments.map {
                let plans = links($0.code)
                return DepartmentRow(code: $0.code, name: $0.name, plans: plans, hasPlans: !plans.isEmpty)
            })
        }
        boards = council.boards.map { b in
            let plans = b.departments.flatMap(links)
            return BoardRow(name: b.name, inferred: b.nameInferred, plans: plans, hasPlans: !plans.isEmpty)
        }
        hasBoards = !council.boards.isEmpty
        priorities = council.corporatePlan.priorities.map { p in
            PriorityRow(code: p.code, title: p.title, areas: p.areasOfFocus.map {
                AreaLink(number: $0.number, title: $0.title, href: SitePaths.area(council: council.code, $0.number))
            })
        }
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
