import HTTPTypes
import Hummingbird

/// What a shared cache (a council's proxy, a browser's back button on a shared PC) may keep. An
/// answer to a request that carries credentials — a session cookie or a bearer token, valid or
/// not — can hold Part II text and unpublished figures: it is `private, no-store`, errors (a 401
/// for a bad token) included. Every answer says it varies by cookie and credentials, since the
/// same address reads differently signed in; the stylesheet, kept for an hour, is left alone.
struct PrivateResponseMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await responseOrError(request, context: context, next: next)
        let cacheControl = response.headers[.cacheControl]
        if cacheControl?.contains("max-age") == true { return response }
        response.headers[.vary] = [response.headers[.vary], "Cookie, Authorization"].compactMap { $0 }.joined(separator: ", ")
        let credentials = request.headers[.authorization] != nil
            || request.headers[values: .cookie].contains { $0.contains(AuthenticationMiddleware.sessionCookie + "=") }
        if credentials, cacheControl == nil || cacheControl?.contains("no-store") == false {
            response.headers[.cacheControl] = "private, no-store"
        }
        return response
    }
}
