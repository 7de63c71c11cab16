import Foundation
import Hummingbird
import Logging

/// Logs each request once, when its answer has been written: message `Request` with the method
/// and address (`hb.request.method`, `hb.request.path`, as Hummingbird's `LogRequestsMiddleware`
/// names them), the route pattern that answered (`http.route`), the status
/// (`http.response.status_code`) and the time taken in seconds (`http.server.request.duration`),
/// under OpenTelemetry's names; the logger adds `hb.request.id`, the id the response carries in
/// `X-Request-Id`. A private calendar's or a reset link's secret is never written to the log.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    init(_ level: Logger.Level) {
        self.level = level
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let logger = context.logger, level = level
        let path = Self.redacted(request.uri.description), method = request.method.rawValue
        @Sendable func write(_ status: HTTPResponse.Status, route: String?) {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            logger.log(level: level, "Request", metadata: [
                "hb.request.method": .string(method),
                "hb.request.path": .string(path),
                "http.route": .string(route ?? "NotFound"),
                "http.response.status_code": .stringConvertible(Int(status.code)),
                "http.server.request.duration": .string(String(format: "%.6f", seconds)),
            ])
        }
        do {
            var response = try await next(request, context)
            let status = response.status
            // Written once the body has gone: the duration is the whole answer's.
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                do {
                    try await body.write(writer)
                } catch {
                    write(status, route: context.endpointPath)
                    throw error
                }
                write(status, route: context.endpointPath)
            }
            return response
        } catch {
            write((error as? any HTTPResponseError)?.status ?? .internalServerError, route: context.endpointPath)
            throw error
        }
    }

    /// The address with a calendar or password-reset secret replaced: `/calendar/xyz.ics` →
    /// `/calendar/(secret).ics`, `/password/reset/xyz` → `/password/reset/(secret)`.
    static func redacted(_ uri: String) -> String {
        let path = "/" + uri.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        if path.hasPrefix("/password/reset/") { return "/password/reset/(secret)" }
        // …or named in a query (`/sign-in?next=%2Fpassword%2Freset%2F…`), however encoded.
        if (uri.removingPercentEncoding ?? uri).contains("/password/reset/") { return path.split(separator: "?").first.map(String.init).map { $0 + "?(redacted)" } ?? "(redacted)" }
        guard path.hasPrefix("/calendar/") else { return uri }
        return "/calendar/(secret).ics"
    }
}
