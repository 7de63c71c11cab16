import Hummingbird
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

/// `GET /plans/{code}/reports/{period}` (add `?exceptions=true` for red and amber items only)
/// and `…/csv`; the board report, `GET /councils/{code}/boards/{board}/reports/{period}` and its
/// `…/csv`. The public sees published returns only, without Part II; members see everything.
struct ReportController {
    let builder: ReportBuilder
    let renderer: ReportRenderer
    let pages: PageRenderer

    func add(to router: Router<AppRequestContext>) {
        addBoardReports(to: router)
        // Kept for each reader by `PageCacheMiddleware`, the public included.
        router.get("plans/:code/reports/:period") { request, context -> Response in
            try pages.page("report", try await self.page(request, context), context: context, path: request.uri.path)
        }
        router.get("plans/:code/reports/:period/csv") { request, context -> Response in
            let report = try await self.report(request, context)
            var response = JSONResponse.text(CSVWriter.byteOrderMark + report.csv, contentType: "text/csv; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"report.csv\""
            return response
        }
    }

    func addBoardReports(to router: Router<AppRequestContext>) {
        // Not cached: a board reads it once a quarter, and each plan's report inside it is built as for its own page.
        router.get("councils/:code/boards/:board/reports/:period") { request, context -> Response in
            let report = try await self.boardReport(request, context)
            return try pages.page("report", ReportPageView(pageTitle: report.pageTitle, reportHTML: try renderer.body(report)),
                                  context: context, path: request.uri.path)
        }
        router.get("councils/:code/boards/:board/reports/:period/csv") { request, context -> Response in
            let report = try await self.boardReport(request, context)
            var response = JSONResponse.text(CSVWriter.byteOrderMark + report.csv, contentType: "text/csv; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"board-report.csv\""
            return response
        }
    }

    private func boardReport(_ request: Request, _ context: AppRequestContext) async throws -> BoardReport {
        let code = try context.pathValue("code"), board = try context.pathValue("board"), period = try context.parameters.require("period")
        // Codes that cannot be one (a NUL, which PostgreSQL refuses outright) are not looked up.
        guard (try? ServicePlan.checkCode(code)) != nil, (try? ServicePlan.checkCode(board)) != nil else {
            throw HTTPError(.notFound, message: "There is no board \(board) of a council \(code).")
        }
        guard let quarter = Quarter(period) else { throw HTTPError(.notFound, message: "\(period) is not a quarter (write 2009-10-Q2).") }
        return try await builder.boardReport(council: code, board: board, quarter: quarter, user: context.user,
                                             exceptionsOnly: request.uri.queryParameters.get("exceptions") == "true")
    }

    private func page(_ request: Request, _ context: AppRequestContext) async throws -> ReportPageView {
        let report = try await self.report(request, context)
        return ReportPageView(pageTitle: report.pageTitle, reportHTML: try renderer.body(report))
    }

    private func report(_ request: Request, _ context: AppRequestContext) async throws -> MonitoringReport {
        let code = try context.pathValue("code"), period = try context.parameters.require("period")
        guard let quarter = Quarter(period) else { throw HTTPError(.notFound, message: "\(period) is not a quarter (write 2009-10-Q2).") }
        let exceptions = request.uri.queryParameters.get("exceptions") == "true"
        return try await builder.report(plan: code, quarter: quarter, user: context.user, exceptionsOnly: exceptions)
    }
}

/// The report inside the site's layout: the body comes from the report module, already escaped.
struct ReportPageView: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let reportHTML: String
}
