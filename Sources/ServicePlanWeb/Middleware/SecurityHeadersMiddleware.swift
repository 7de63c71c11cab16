import HTTPTypes
import Hummingbird

/// Headers every response carries: no inline script or framing, no MIME sniffing, no referrer
/// leaking plan URLs to other sites.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await responseOrError(request, context: context, next: next)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[SecurityHeaderNames.contentTypeOptions] = "nosniff"
        response.headers[SecurityHeaderNames.referrerPolicy] = "same-origin"
        response.headers[SecurityHeaderNames.frameOptions] = "DENY"
        return response
    }
}

enum SecurityHeaderNames {
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
}
