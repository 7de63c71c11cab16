import Hummingbird
import Logging

/// Logs each request as Hummingbird's `LogRequestsMiddleware` does (message `Request`, with
/// `hb.request.method` and `hb.request.path`), except that a private calendar's secret is never
/// written to the log: `/calendar/….ics` is logged without it.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    init(_ level: Logger.Level) {
        self.level = level
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.log(level: level, "Request", metadata: [
            "hb.request.path": .string(Self.redacted(request.uri.description)),
            "hb.request.method": .string(request.method.rawValue),
        ])
        return try await next(request, context)
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
