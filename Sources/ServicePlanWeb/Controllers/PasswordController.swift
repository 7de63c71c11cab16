import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `/account/password`: a signed-in person chooses a new password — at once, after signing in
/// with a one-time password.
struct PasswordController {
    let accounts: any AccountRepository
    let pages: PageRenderer

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
            if let problem = NewPassword.problem(password: password, confirm: confirm) { page.fail(problem.field, problem.message) }
            guard page.errors.isEmpty else {
                return try pages.page("password", page, context: context, path: request.uri.path, status: .unprocessableContent)
            }
            try await accounts.setPassword(email: user.email, password: password)
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

    init(user: User) {
        oneTime = user.mustChangePassword
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(FormError(field: field, message: message))
        if field == "password" { passwordError = message } else { confirmError = message }
        showErrors = true
        titlePrefix = "Error: "
    }
}
