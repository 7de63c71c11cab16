import HTTPTypes
import Hummingbird

/// What a shared cache (a council's proxy, a browser's back button on a shared PC) may keep. A
/// page answered to someone signed in can hold Part II text and unpublished figures: it is
/// `private, no-store`. Every answer says it varies by cookie and credentials, since the same
/// address reads differently signed in; the stylesheet, kept for an hour, is left alone.
struct PrivateResponseMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        let cacheControl = response.headers[.cacheControl]
        if cacheControl?.contains("max-age") == true { return response }
        response.headers[.vary] = [response.headers[.vary], "Cookie, Authorization"].compactMap { $0 }.joined(separator: ", ")
        if context.user != nil || context.session != nil, cacheControl == nil || cacheControl?.contains("no-store") == false {
            response.headers[.cacheControl] = "private, no-store"
        }
        return response
    }
}
