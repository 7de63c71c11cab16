import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `GET /plans/{code}/reports/{period}` (add `?exceptions=true` for red and amber items only)
/// and `…/csv`. The public sees published returns only, without Part II; members see everything.
struct ReportController {
    let builder: ReportBuilder
    let pages: PageRenderer

    func add(to router: Router<AppRequestContext>) {
        router.get("plans/:code/reports/:period") { request, context -> Response in
            let report = try await self.report(request, context)
            return try pages.page("report", report, context: context, path: request.uri.path)
        }
        router.get("plans/:code/reports/:period/csv") { request, context -> Response in
            let report = try await self.report(request, context)
            var response = JSONResponse.text(ReportBuilder.csv(report), contentType: "text/csv; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"report.csv\""
            return response
        }
    }

    private func report(_ request: Request, _ context: AppRequestContext) async throws -> ReportPage {
        let code = try context.parameters.require("code"), period = try context.parameters.require("period")
        guard let quarter = Quarter(period) else { throw HTTPError(.notFound, message: "\(period) is not a quarter (write 2009-10-Q2).") }
        let exceptions = request.uri.queryParameters.get("exceptions") == "true"
        do {
            return try await builder.report(plan: code, quarter: quarter, user: context.user, exceptionsOnly: exceptions)
        } catch let error as ReportBuilder.Unavailable {
            throw HTTPError(.notFound, message: error.description)
        }
    }
}
