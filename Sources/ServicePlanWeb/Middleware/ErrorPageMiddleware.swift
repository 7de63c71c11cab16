import Hummingbird
import ServicePlanStore
import Logging

/// Turns errors into answers, mapped once (`HTTPError(mapping:)`): on HTML routes a page in the
/// site's layout, on API routes (`/api/…`) the JSON error body. Unexpected errors are logged and
/// shown without internals.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let mapped = HTTPError(mapping: error)
            let status: HTTPResponse.Status
            let message: String
            if let mapped {
                status = mapped.status
                message = mapped.body ?? mapped.status.reasonPhrase
            } else {
                logger.error("\(request.method) \(request.uri.path) failed: \(DatabaseErrorMessage.forOperator(error) ?? String(reflecting: error))")
                status = .internalServerError
                message = "Something went wrong on our side. The error has been logged."
            }
            var response = request.uri.path.hasPrefix("/api/")
                ? JSONResponse.make(APIErrorBody(error: .init(message: message)), status: status)
                : try pages.page("error", ErrorPage(status: Int(status.code), reason: status.reasonPhrase, message: message),
                                 context: context, path: request.uri.path, status: status)
            if let mapped {
                for field in mapped.headers where field.name != .contentType && field.name != .contentLength {
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
