import Hummingbird
import ServicePlanDomain
import ServicePlanReports
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
        router.get("plans/:code/calendar.ics", use: calendar)
    }

    /// `/plans/ULS/calendar.ics`: return deadlines and milestone due dates to subscribe to, as
    /// the reader may see the plan (a calendar client is the public: no Part II milestone).
    @Sendable func calendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        let plan = try await plans.require(context)
        var response = JSONResponse.text(PlanCalendar.ics(plan, monitoring: monitoring), contentType: "text/calendar; charset=utf-8")
        response.headers[.contentDisposition] = "inline; filename=\"\(plan.code).ics\""
        return response
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let shown = try await PlanPaging.codes(plans, page: request.uri.queryParameters.get("page"))
        var panels: [(plan: ServicePlan, returns: [QuarterlyReturn])] = []
        for code in shown.codes {
            guard let plan = try await plans.plan(code: code) else { continue }
            panels.append((plan.visible(to: context.user), try await returns.returns(plan: code)))
        }
        var page = DashboardPage(plans: panels, user: context.user, monitoring: monitoring)
        page.paging = PlanPaging(page: shown.number, plans: shown.count, path: "/")
        return try pages.page("dashboard", page, context: context, path: request.uri.path)
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let computed = try await benchmarks.computeQuartiles(try await plans.require(context), years: [])
        let crossReferences = try await councils.crossReferences(for: computed.plan)
        let visible = try await returns.returns(plan: computed.plan.code).visible(to: context.user)
        return try pages.page("plan", PlanPage(computed.plan, user: context.user, computedQuartiles: computed.sources,
                                               crossReferences: crossReferences, returns: visible), context: context,
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
        // A download for people: the CSV carries a byte-order mark so Excel reads it as UTF-8.
        var response = JSONResponse.text((format == .csv ? CSVWriter.byteOrderMark : "") + format.render(plan), contentType: contentType)
        response.headers[.contentDisposition] = "attachment; filename=\"\(plan.code).\(format.rawValue)\""
        return response
    }
}
