import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// The HTML pages: the plan list and each plan, plus downloads of a plan in every export format.
struct PlanPagesController {
    let plans: any PlanRepository
    let pages: PageRenderer
    let returns: any ReturnRepository
    let monitoring: MonitoringConfiguration
    let benchmarks: any BenchmarkRepository
    let councils: any CouncilRepository

    func add(to router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("plans/:code", use: plan)
        router.get("plans/:code/export/:format", use: export)
    }

    /// Plans shown per page of the dashboard: a shared service or national body may hold
    /// thousands, and each panel loads its plan and returns.
    static let plansPerPage = 20

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let summaries = try await plans.summaries()
        let pageCount = max(1, (summaries.count + Self.plansPerPage - 1) / Self.plansPerPage)
        guard let number = request.uri.queryParameters.get("page").map({ Int($0) }) ?? 1, (1...pageCount).contains(number) else {
            throw HTTPError(.notFound, message: "There is no such page of plans: pages run from 1 to \(pageCount).")
        }
        var panels: [(plan: ServicePlan, returns: [QuarterlyReturn])] = []
        for summary in summaries.dropFirst((number - 1) * Self.plansPerPage).prefix(Self.plansPerPage) {
            guard let plan = try await plans.plan(code: summary.code) else { continue }
            panels.append((plan.visible(to: context.user), try await returns.returns(plan: summary.code)))
        }
        var page = DashboardPage(plans: panels, user: context.user, monitoring: monitoring)
        page.paging = DashboardPage.Paging(page: number, of: pageCount, plans: summaries.count, perPage: Self.plansPerPage)
        return try pages.page("dashboard", page, context: context, path: request.uri.path)
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let computed = try await benchmarks.computeQuartiles(try await plans.require(context), years: [])
        let crossReferences = try await councils.crossReferences(for: computed.plan, plans: plans)
        return try pages.page("plan", PlanPage(computed.plan, user: context.user, computedQuartiles: computed.sources,
                                               crossReferences: crossReferences), context: context,
                              path: request.uri.path)
    }

    /// `/plans/ULS/export/yaml` downloads `ULS.yaml`; json and csv likewise.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let plan = try await plans.require(context)
        let name = try context.parameters.require("format")
        guard let format = ExportFormat(rawValue: name) else {
            throw HTTPError(.notFound, message: "There is no export format \(name); use yaml, json or csv.")
        }
        let contentType: String
        switch format {
        case .yaml: contentType = "application/yaml; charset=utf-8"
        case .json: contentType = "application/json; charset=utf-8"
        case .csv: contentType = "text/csv; charset=utf-8"
        }
        var response = JSONResponse.text(format.render(plan), contentType: contentType)
        response.headers[.contentDisposition] = "attachment; filename=\"\(plan.code).\(format.rawValue)\""
        return response
    }
}
