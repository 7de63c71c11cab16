import Foundation
import HTTPTypes
import Hummingbird
import ServicePlanStore

/// Finds who is asking: a bearer token (scripts) or a session cookie (browsers). A bad or
/// revoked bearer token is refused outright rather than treated as the public, so a script
/// never silently reads less than it thinks.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let sessionCookie = "sp_session"
    static let csrfCookie = "sp_csrf"

    let accounts: any AccountRepository
    let settings: AppSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "),
                  let user = try await accounts.user(token: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) else {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "The bearer token is not valid.")
            }
            context.user = user
            return try await next(request, context)
        }
        var clearCookie = false
        if let token = request.cookies[Self.sessionCookie]?.value {
            if let session = try await accounts.session(token: token, now: settings.now()) {
                context.session = session
                context.user = session.user
            } else {
                clearCookie = true
            }
        }
        var newCSRF: String?
        if context.session == nil {
            if let existing = request.cookies[Self.csrfCookie]?.value, existing.count >= 32 {
                context.anonymousCSRF = existing
            } else {
                newCSRF = Secret.token()
                context.anonymousCSRF = newCSRF
            }
        }
        // A one-time password buys nothing but the page that replaces it.
        if let user = context.user, user.mustChangePassword, context.session != nil,
           !["/account/password", "/sign-out"].contains(request.uri.path), !request.uri.path.hasPrefix("/static/") {
            return Response(status: .seeOther, headers: [.location: "/account/password"])
        }
        var response = try await next(request, context)
        if clearCookie { response.setCookie(expired(Self.sessionCookie)) }
        if let newCSRF {
            response.setCookie(Cookie(name: Self.csrfCookie, value: newCSRF, path: "/", secure: settings.secureCookies,
                                      httpOnly: true, sameSite: .strict))
        }
        return response
    }

    func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", expires: Date(timeIntervalSince1970: 0), path: "/", secure: settings.secureCookies,
               httpOnly: true, sameSite: .lax)
    }
}

/// Refuses any state-changing request made with a browser's cookies unless it carries the
/// form's CSRF token (field `csrf`) or the header `X-CSRF-Token`. Bearer-token requests carry no
/// cookies a third-party page could ride on, so they need none.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let header = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), request.headers[.authorization] == nil else {
            return try await next(request, context)
        }
        // Only cookie-carrying requests can be forged from another site. The anonymous sign-in
        // form is checked too (against the double-submit cookie); any other anonymous write goes
        // on to be refused as unauthenticated (401, or a redirect to sign in).
        guard context.session != nil || Self.isAnonymousForm(request.uri.path) else {
            return try await next(request, context)
        }
        var request = request, context = context
        let expected = context.csrfToken
        var given = request.headers[Self.header]
        if given == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: RequestLimits.limit(for: request.uri.path))
            given = FormData(String(buffer: body)).value("csrf")
        } else if given == nil, request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
            // A form with a file (a return sheet): the token is one of its parts.
            let body = try await request.collectBody(upTo: RequestLimits.limit(for: request.uri.path))
            context.multipartForm = MultipartForm(contentType: request.headers[.contentType], body: body)
            given = context.multipartForm?.value("csrf")
        }
        guard let given, !expected.isEmpty, Secret.constantTimeEquals(given, expected) else {
            throw HTTPError(.forbidden, message: "This form has expired or did not come from this site. Go back, reload the page and try again.")
        }
        return try await next(request, context)
    }

    /// The forms someone not signed in may send: signing in, and asking for and using a reset link.
    /// The path as the router reads it — percent-decoded, `//` and a trailing `/` dropped — so
    /// `/sign-in/` or `//password/forgot` cannot slip past the check.
    static func isAnonymousForm(_ raw: String) -> Bool {
        let path = "/" + (raw.removingPercentEncoding ?? raw).split(separator: "/").joined(separator: "/")
        return path == "/sign-in" || path == "/password/forgot" || path.hasPrefix("/password/reset/")
    }
}
