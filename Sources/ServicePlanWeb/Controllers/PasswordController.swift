import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `/account/password`: a signed-in person chooses a new password — at once, after signing in
/// with a one-time password.
struct PasswordController {
    let accounts: any AccountRepository
    let pages: PageRenderer
    let clock: @Sendable () -> Date

    func add(to router: Router<AppRequestContext>) {
        router.get("account/password") { request, context -> Response in
            guard let user = context.user else { return Response(status: .seeOther, headers: [.location: "/sign-in?next=%2Faccount%2Fpassword"]) }
            return try pages.page("password", PasswordPage(user: user), context: context, path: request.uri.path)
        }
        router.post("account/password") { request, context -> Response in
            guard let user = context.user, context.session != nil else {
                return Response(status: .seeOther, headers: [.location: "/sign-in?next=%2Faccount%2Fpassword"])
            }
            var request = request
            let form = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.form)))
            let password = form.value("password") ?? "", confirm = form.value("confirm") ?? ""
            var page = PasswordPage(user: user)
            // Someone at an unlocked screen must not take the account: the current password is
            // asked for, under the sign-in limit (after a one-time password, signing in was the proof).
            if !user.mustChangePassword {
                let current = form.value("current") ?? ""
                if current.isEmpty {
                    page.fail("current", "Enter your current password")
                } else if current.count > RequestLimits.passwordLength {
                    page.fail("current", "Your current password is not right")
                } else {
                    switch try await accounts.signIn(email: user.email, password: current, now: clock()) {
                    case .signedIn: break
                    case .refused:
                        page.fail("current", "Your current password is not right")
                        try await accounts.logSecurity(.signInFailed, actor: user.email, subject: user.email, address: context.clientAddress,
                                                       detail: "wrong current password when changing it")
                    case .throttled: page.fail("current", "Too many attempts: wait a minute, then try again")
                    }
                }
            }
            if let problem = NewPassword.problem(password: password, confirm: confirm) { page.fail(problem.field, problem.message) }
            guard page.errors.isEmpty else {
                return try pages.page("password", page, context: context, path: request.uri.path, status: .unprocessableContent)
            }
            // Every other session of the account ends (a stolen cookie stops working); this one stays.
            try await accounts.setPassword(email: user.email, password: password, keepingSession: context.session?.token)
            try await accounts.logSecurity(.passwordChanged, actor: user.email, subject: user.email, address: context.clientAddress,
                                           detail: user.mustChangePassword ? "replacing a one-time password" : "")
            return Response(status: .seeOther, headers: [.location: "/"])
        }
    }
}

/// The new-password form.
struct PasswordPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Choose a password – serviceplan"
    var titlePrefix = ""
    let oneTime: Bool
    var errors: [FormError] = []
    var showErrors = false
    var passwordError: String?
    var confirmError: String?
    var currentError: String?

    init(user: User) {
        oneTime = user.mustChangePassword
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(FormError(field: field, message: message))
        switch field {
        case "password": passwordError = message
        case "current": currentError = message
        default: confirmError = message
        }
        showErrors = true
        titlePrefix = "Error: "
    }
}
