import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// The council's framework: `/councils/{code}` (its plans at a glance, by directorate, with its
/// boards and corporate plan), `/councils/{code}/areas/{number}` (everything in every plan that
/// serves one area of focus), and the same as JSON under `/api/v1/councils`.
struct CouncilController {
    let councils: any CouncilRepository
    let plans: any PlanRepository
    let returns: any ReturnRepository
    let pages: PageRenderer
    let monitoring: MonitoringConfiguration

    func add(to router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("councils/:code", use: page)
        router.get("councils/:code/areas/:number", use: areaPage)
        api.get("councils", use: list)
        api.get("councils/:code", use: document)
        router.get("councils/:code/laa", use: localAreaAgreementPage)
        api.get("councils/:code/laa", use: localAreaAgreementDocument)
    }

    /// Every LAA indicator (or one not recorded either way) of the council's plans, with its plan's latest visible quarter.
    private func localAreaAgreement(_ context: AppRequestContext) async throws -> (CouncilFramework, [LocalAreaAgreementEntry]) {
        let council = try await council(context)
        let panels = try await plansWithReturns(council, user: context.user)
        let latest = latestQuarters(panels, user: context.user)
        // Each department's current plan: one with a quarter to show, or a plan no later plan has superseded.
        let current = panels.map(\.plan).filter { plan in
            latest[plan.code] != nil || !panels.contains { $0.plan.link != nil && $0.plan.link == plan.link && latest[$0.plan.code] != nil }
        }
        return (council, LocalAreaAgreementEntry.entries(plans: current, latest: latest))
    }

    /// The latest quarter the user may see of each department's current plan, judged as its report
    /// judges it (with the department's previous plan behind its first year). A department's
    /// earlier plans are left out, so council-wide counts hold each indicator once.
    private func latestQuarters(_ panels: [(plan: ServicePlan, returns: [QuarterlyReturn])], user: User?) -> [String: DashboardPage.LatestAssessment] {
        let all = panels.map { PlanReturns(plan: $0.plan, returns: $0.returns).visible(to: user) }
        var latest: [String: DashboardPage.LatestAssessment] = [:]
        for (plan, planReturns) in panels {
            latest[plan.code] = DashboardPage.latest(plan: plan, returns: planReturns, earlier: IndicatorSeries.earlierReturns(for: plan, among: all),
                                                     user: user, rules: monitoring.statusRules)
        }
        // The current plan of a department: the latest-starting one with a quarter to show.
        let superseded = panels.map(\.plan).filter { plan in
            panels.contains { other in
                other.plan.code != plan.code && other.plan.link != nil && other.plan.link == plan.link
                    && other.plan.period.first > plan.period.first && latest[other.plan.code] != nil
            }
        }
        for plan in superseded { latest[plan.code] = nil }
        return latest
    }

    @Sendable func localAreaAgreementPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (council, entries) = try await localAreaAgreement(context)
        return try pages.page("laa", LocalAreaAgreementPage(council: council, entries: entries), context: context, path: request.uri.path)
    }

    @Sendable func localAreaAgreementDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (council, entries) = try await localAreaAgreement(context)
        return JSONResponse.make(LocalAreaAgreementDocument(council: council, entries: entries))
    }

    private func council(_ context: AppRequestContext) async throws -> CouncilFramework {
        let code = try context.pathValue("code")
        // A code that cannot be one (a NUL, which PostgreSQL refuses outright) is not looked up.
        guard (try? ServicePlan.checkCode(code)) != nil, let council = try await councils.council(code: code) else {
            throw HTTPError(.notFound, message: "There is no council with code \(code).")
        }
        return council
    }

    /// The council's plans as the user may see them.
    private func linkedPlans(_ council: CouncilFramework, user: User?) async throws -> [ServicePlan] {
        var linked: [ServicePlan] = []
        for code in try await councils.planCodes(council: council.code) {
            if let plan = try await plans.plan(code: code) { linked.append(plan.visible(to: user)) }
        }
        return linked
    }

    /// The council's plans as the user may see them, each with its returns.
    private func plansWithReturns(_ council: CouncilFramework, user: User?) async throws -> [(plan: ServicePlan, returns: [QuarterlyReturn])] {
        var panels: [(plan: ServicePlan, returns: [QuarterlyReturn])] = []
        for plan in try await linkedPlans(council, user: user) {
            panels.append((plan, try await returns.returns(plan: plan.code)))
        }
        return panels
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let council = try await council(context)
        let panels = try await plansWithReturns(council, user: context.user)
        let dashboard = DashboardPage(plans: panels, user: context.user, monitoring: monitoring)
        let latest = latestQuarters(panels, user: context.user)
        return try pages.page("council", CouncilPage(council: council, panels: dashboard.plans, plans: panels.map(\.plan), latest: latest,
                                                     staff: Permissions.canSeePartII(context.user)),
                              context: context, path: request.uri.path)
    }

    @Sendable func areaPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let council = try await council(context)
        let text = try context.pathValue("number")
        guard let number = Int(text),
              let priority = council.corporatePlan.priorities.first(where: { $0.areasOfFocus.contains { $0.number == number } }),
              let area = priority.areasOfFocus.first(where: { $0.number == number }) else {
            throw HTTPError(.notFound, message: "\(council.name) has no area of focus \(text).")
        }
        let page = AreaPage(council: council, priority: priority, area: area, plans: try await linkedPlans(council, user: context.user))
        return try pages.page("area", page, context: context, path: request.uri.path)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(try await councils.councils().map { CouncilSummaryDocument(code: $0.code, name: $0.name) })
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let council = try await council(context)
        return JSONResponse.make(CouncilDocument(council, plans: try await linkedPlans(council, user: context.user)))
    }
}

struct CouncilSummaryDocument: Encodable {
    let code: String
    let name: String
}

/// `GET /api/v1/councils/{code}`: a contract with councils' scripts; extend, never rename.
struct CouncilDocument: Encodable {
    struct Period: Encodable { let from: String, to: String }
    struct Area: Encodable { let number: Int, title: String }
    struct Priority: Encodable { let number: Int, title: String, areasOfFocus: [Area] }
    struct CorporatePlanDocument: Encodable { let title: String, period: Period, priorities: [Priority] }
    struct DepartmentDocument: Encodable { let code: String, name: String, plans: [String] }
    struct DirectorateDocument: Encodable { let name: String, departments: [DepartmentDocument] }
    struct PlanEntry: Encodable { let code: String, title: String, department: String, status: String, period: Period }
    struct BoardDocument: Encodable { let code: String, name: String, nameInferred: Bool, departments: [String], plans: [String] }

    let code: String
    let name: String
    let authorityCode: String?
    let neighbours: [String]
    let corporatePlan: CorporatePlanDocument
    let directorates: [DirectorateDocument]
    let plans: [PlanEntry]
    let boards: [BoardDocument]

    init(_ council: CouncilFramework, plans linked: [ServicePlan]) {
        func codes(_ department: String) -> [String] { linked.filter { $0.link?.department == department }.map(\.code) }
        code = council.code
        name = council.name
        authorityCode = council.authorityCode
        neighbours = council.neighbours
        corporatePlan = CorporatePlanDocument(
            title: council.corporatePlan.title,
            period: Period(from: council.corporatePlan.period.first.label, to: council.corporatePlan.period.last.label),
            priorities: council.corporatePlan.priorities.map { p in
                Priority(number: p.number, title: p.title, areasOfFocus: p.areasOfFocus.map { Area(number: $0.number, title: $0.title) })
            })
        directorates = council.directorates.map { d in
            DirectorateDocument(name: d.name, departments: d.departments.map { DepartmentDocument(code: $0.code, name: $0.name, plans: codes($0.code)) })
        }
        plans = linked.map { plan in
            PlanEntry(code: plan.code, title: plan.title, department: plan.link?.department ?? "", status: plan.status.rawValue,
                      period: Period(from: plan.period.first.label, to: plan.period.last.label))
        }
        boards = council.boards.map { b in
            BoardDocument(code: b.code, name: b.name, nameInferred: b.nameInferred, departments: b.departments,
                          plans: b.departments.flatMap(codes))
        }
    }
}
