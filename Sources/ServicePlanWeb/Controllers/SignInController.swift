import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// Sign-in and sign-out with email and password; the session lives in the database.
struct SignInController {
    let accounts: any AccountRepository
    let pages: PageRenderer
    let settings: AppSettings

    func add(to router: Router<AppRequestContext>) {
        router.get("sign-in", use: form)
        router.post("sign-in", use: signIn)
        router.post("sign-out", use: signOut)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        return try pages.page("sign-in", SignInPage(next: next), context: context, path: request.uri.path)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.anonymousForm)))
        let email = (form.value("email") ?? "").trimmingSpaces
        let password = form.value("password") ?? ""
        let next = Self.safeNext(form.value("next"))
        var page = SignInPage(next: next, email: email)
        if email.isEmpty { page.fail("email", "Enter your email address") }
        if password.isEmpty { page.fail("password", "Enter your password") }
        guard page.errors.isEmpty else {
            return try pages.page("sign-in", page, context: context, path: request.uri.path, status: .unprocessableContent)
        }
        switch try await accounts.signIn(email: email, password: password, now: settings.now()) {
        case .signedIn(let user):
            let session = try await accounts.createSession(for: user, lifetime: settings.sessionLifetime, now: settings.now())
            try await accounts.logSecurity(.signIn, actor: user.email, subject: user.email, address: context.clientAddress, detail: "")
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(Cookie(name: AuthenticationMiddleware.sessionCookie, value: session.token,
                                      expires: session.expiresAt, path: "/", secure: settings.secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        case .refused:
            // The address typed, whether or not it has an account; never the password.
            try await accounts.logSecurity(.signInFailed, actor: User.normalise(email: email), subject: User.normalise(email: email),
                                           address: context.clientAddress, detail: "")
            page.fail("email", "Enter a correct email address and password")
            return try pages.page("sign-in", page, context: context, path: request.uri.path, status: .unauthorized)
        case .throttled:
            try await accounts.logSecurity(.signInThrottled, actor: User.normalise(email: email), subject: User.normalise(email: email),
                                           address: context.clientAddress, detail: "")
            page.fail("email", "Too many attempts to sign in to this account. Wait a minute, then try again")
            return try pages.page("sign-in", page, context: context, path: request.uri.path, status: .tooManyRequests)
        }
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let session = context.session {
            try await accounts.endSession(token: session.token)
            try await accounts.logSecurity(.signOut, actor: session.user.email, subject: session.user.email, address: context.clientAddress, detail: "")
        }
        var response = Response(status: .seeOther, headers: [.location: "/"])
        response.setCookie(Cookie(name: AuthenticationMiddleware.sessionCookie, value: "", expires: Date(timeIntervalSince1970: 0),
                                  path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// Only a path on this site: never an absolute URL (an open redirect) or `//host`.
    static func safeNext(_ next: String?) -> String {
        // Browsers drop tabs and newlines from a Location, so "/\t/evil" would become "//evil": refuse
        // every control character and space outright.
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace }),
              // A reset link's secret is not carried through the sign-in form and the log.
              !(next.removingPercentEncoding ?? next).contains("/password/") else { return "/" }
        return next
    }
}

/// The sign-in form, GOV.UK style: an error summary linking to each field, inline errors.
struct SignInPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Sign in – serviceplan"
    let next: String
    var email: String = ""
    var errors: [FormError] = []
    var emailError: String?
    var passwordError: String?
    var titlePrefix: String = ""

    init(next: String, email: String = "") {
        self.next = next
        self.email = email
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(FormError(field: field, message: message))
        if field == "email" { emailError = message } else { passwordError = message }
        titlePrefix = "Error: "
        showErrors = true
    }

    var showErrors = false
}

/// One entry of a form's error summary: the message, linking to its field.
struct FormError: Sendable {
    let field: String
    let message: String
}
