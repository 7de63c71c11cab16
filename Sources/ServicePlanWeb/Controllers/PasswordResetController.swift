import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// Forgotten passwords (docs/accounts.md): `/password/forgot` asks for an email address and
/// always gives the same answer, so it tells no one which addresses have accounts; an enabled
/// account gets a link, `/password/reset/{secret}`, that works once within the hour. With no mail
/// configured the page says to ask the performance team instead.
struct PasswordResetController {
    let accounts: any AccountRepository
    let mail: (any MailRepository)?
    let pages: PageRenderer
    let settings: AppSettings

    func add(to router: Router<AppRequestContext>) {
        router.get("password/forgot") { request, context -> Response in
            noStore(try pages.page("password-forgot", ForgotPasswordPage(canEmail: settings.mail != nil), context: context, path: request.uri.path))
        }
        router.post("password/forgot") { request, context -> Response in
            let started = ContinuousClock.now
            var request = request
            let form = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.anonymousForm)))
            let email = (form.value("email") ?? "").trimmingSpaces
            var page = ForgotPasswordPage(canEmail: settings.mail != nil)
            page.email = String(email.prefix(RequestLimits.emailLength))
            if email.isEmpty {
                page.fail("Enter your email address")
            } else if email.count > RequestLimits.emailLength || (try? User.checkEmail(User.normalise(email: email))) == nil {
                page.fail("Enter an email address like name@council.gov.uk")
            }
            guard page.errors.isEmpty else {
                return noStore(try pages.page("password-forgot", page, context: context, path: request.uri.path, status: .unprocessableContent))
            }
            if let mailSettings = settings.mail, let mail,
               let (user, secret) = try await accounts.createPasswordReset(email: email, now: settings.now()) {
                let link = "\(mailSettings.baseURL)/password/reset/\(secret)"
                let message = MailMessage(
                    key: "password-reset/\(Secret.hash(secret))", toName: user.name, toAddress: user.email,
                    subject: "Reset your serviceplan password",
                    body: "Dear \(user.name),\n\nSomeone, probably you, asked to reset the password of your serviceplan account. "
                        + "To choose a new password, open this link within the next hour:\n\n\(link)\n\n"
                        + "The link works once. If you did not ask, ignore this email: your password stays as it is.\n\n"
                        + "This is an automatic message from serviceplan, the council's service planning system.\n")
                try await mail.enqueue([message], now: settings.now())
                settings.mailWake?.nudge()
            }
            // Whatever the address, the same log entry shape and the same answer.
            let typed = User.normalise(email: email)
            try await accounts.logSecurity(.passwordResetRequested, actor: typed, subject: typed, address: context.clientAddress, detail: "")
            page.sent = true
            // The same time for every address: making a link and its email takes a little longer
            // than finding no account, and that difference would tell which addresses have one.
            try? await Task.sleep(until: started + Self.answerTime)
            return noStore(try pages.page("password-forgot", page, context: context, path: request.uri.path))
        }
        router.get("password/reset/:secret") { request, context -> Response in
            let secret = context.parameters.get("secret") ?? ""
            guard secret.utf8.count <= 100, try await accounts.user(passwordReset: secret, now: settings.now()) != nil else {
                return noStore(try pages.page("password-reset", ResetPasswordPage(valid: false), context: context, path: request.uri.path, status: .gone))
            }
            return noStore(try pages.page("password-reset", ResetPasswordPage(valid: true, action: Self.action(secret)), context: context,
                                          path: request.uri.path))
        }
        router.post("password/reset/:secret") { request, context -> Response in
            let secret = context.parameters.get("secret") ?? ""
            var request = request
            let form = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.anonymousForm)))
            let password = form.value("password") ?? "", confirm = form.value("confirm") ?? ""
            var page = ResetPasswordPage(valid: true, action: Self.action(secret))
            if let problem = NewPassword.problem(password: password, confirm: confirm) { page.fail(problem.field, problem.message) }
            guard secret.utf8.count <= 100 else {
                return noStore(try pages.page("password-reset", ResetPasswordPage(valid: false), context: context, path: request.uri.path, status: .gone))
            }
            guard page.errors.isEmpty else {
                return noStore(try pages.page("password-reset", page, context: context, path: request.uri.path, status: .unprocessableContent))
            }
            guard let user = try await accounts.resetPassword(secret: secret, password: password, now: settings.now()) else {
                return noStore(try pages.page("password-reset", ResetPasswordPage(valid: false), context: context, path: request.uri.path, status: .gone))
            }
            try await accounts.logSecurity(.passwordReset, actor: user.email, subject: user.email, address: context.clientAddress, detail: "")
            var done = ResetPasswordPage(valid: true)
            done.done = true
            return noStore(try pages.page("password-reset", done, context: context, path: request.uri.path))
        }
    }

    /// Longer than making a link and recording its email takes on a loaded server.
    static let answerTime = Duration.milliseconds(400)

    /// The form's own address, from the secret rather than the request (`//password/…` would be
    /// another host's).
    static func action(_ secret: String) -> String { "/password/reset/\(secret.urlPathEncoded)" }

    private func noStore(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// "Forgotten your password?": the address form, then the same answer for every address.
struct ForgotPasswordPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Reset your password – serviceplan"
    var titlePrefix = ""
    let canEmail: Bool
    var email = ""
    var sent = false
    var errors: [FormError] = []
    var showErrors = false
    var emailError: String?

    init(canEmail: Bool) { self.canEmail = canEmail }

    mutating func fail(_ message: String) {
        errors.append(FormError(field: "email", message: message))
        emailError = message
        showErrors = true
        titlePrefix = "Error: "
    }
}

/// The new-password form a reset link opens, or why the link no longer works.
struct ResetPasswordPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Choose a new password – serviceplan"
    var titlePrefix = ""
    let valid: Bool
    var action = ""
    var done = false
    var errors: [FormError] = []
    var showErrors = false
    var passwordError: String?
    var confirmError: String?

    init(valid: Bool, action: String = "") {
        self.valid = valid
        self.action = action
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(FormError(field: field, message: message))
        if field == "password" { passwordError = message } else { confirmError = message }
        showErrors = true
        titlePrefix = "Error: "
    }
}
