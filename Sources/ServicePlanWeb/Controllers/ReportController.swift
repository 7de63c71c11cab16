import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `GET /plans/{code}/reports/{period}` (add `?exceptions=true` for red and amber items only)
/// and `…/csv`. The public sees published returns only, without Part II; members see everything.
struct ReportController {
    let builder: ReportBuilder
    let pages: PageRenderer
    let database: any Database
    let cache = ReportCache()

    func add(to router: Router<AppRequestContext>) {
        router.get("plans/:code/reports/:period") { request, context -> Response in
            // The public version is the same for every anonymous reader: serve it from the cache
            // while the plan's audit version stands still.
            if context.user == nil {
                let key = ReportCache.Key(plan: try context.parameters.require("code"), quarter: try context.parameters.require("period"),
                                          exceptions: request.uri.queryParameters.get("exceptions") == "true")
                let versions = try await AuditLog.versions(plan: key.plan, in: database)
                let version = ReportCache.Version(plan: versions.plan, benchmarks: versions.benchmarks)
                if let html = await cache.html(key, version: version) { return Self.htmlResponse(html) }
                let html = try pages.render("report", try await self.report(request, context), context: context, path: request.uri.path)
                await cache.store(html, key, version: version)
                return Self.htmlResponse(html)
            }
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

    static func htmlResponse(_ html: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
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
