import Hummingbird
import Logging

/// Turns errors on HTML routes into a page in the site's layout; API routes (`/api/…`) keep
/// Hummingbird's JSON error body. Unexpected errors are logged and shown without internals.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let status: HTTPResponse.Status
            let message: String
            if let httpError = error as? HTTPError {
                status = httpError.status
                message = httpError.body ?? httpError.status.reasonPhrase
            } else {
                logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
                status = .internalServerError
                message = "Something went wrong on our side. The error has been logged."
            }
            if request.uri.path.hasPrefix("/api/") {
                return JSONResponse.make(APIErrorBody(error: .init(message: message)), status: status)
            }
            var response = try pages.page("error", ErrorPage(status: Int(status.code), reason: status.reasonPhrase, message: message),
                                          context: context, path: request.uri.path, status: status)
            if let httpError = error as? HTTPError {
                for field in httpError.headers where field.name != .contentType && field.name != .contentLength {
                    response.headers.append(field)
                }
            }
            return response
        }
    }
}

struct ErrorPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let status: Int
    let reason: String
    let message: String

    init(status: Int, reason: String, message: String) {
        self.pageTitle = "\(reason) – serviceplan"
        self.status = status
        self.reason = reason
        self.message = message
    }
}
