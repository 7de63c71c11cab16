import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `/admin/accounts`: admins list, add, disable and re-enable accounts, change roles and
/// departments, and issue one-time passwords (issue #13 part 3), with the same rules as
/// `serviceplan users`. Every change goes to the security log with the admin and their address.
struct AccountsController {
    let accounts: any AccountRepository
    let pages: PageRenderer

    func add(to router: Router<AppRequestContext>) {
        router.get("admin/accounts") { request, context -> Response in
            if context.user == nil { return Self.signIn(request) }
            _ = try Self.admin(context)
            return try pages.page("accounts", AccountsPage(users: try await accounts.users()), context: context, path: request.uri.path)
        }
        router.get("admin/accounts/new") { request, context -> Response in
            if context.user == nil { return Self.signIn(request) }
            _ = try Self.admin(context)
            return try pages.page("form", Self.addForm([:]), context: context, path: request.uri.path)
        }
        router.post("admin/accounts/new") { request, context -> Response in
            let admin = try Self.admin(context)
            let v = try await Self.form(request)
            var errors: [(field: String, message: String)] = []
            let email = User.normalise(email: v.one("email"))
            do { try User.checkEmail(email) } catch { errors.append(("email", "Email: \(error)")) }
            if v.one("name").trimmingSpaces.isEmpty { errors.append(("name", "Enter the person's name")) }
            if v.one("name").count > Self.longestName { errors.append(("name", "Name: at most \(Self.longestName) characters")) }
            if v.one("department").count > Self.longestDepartment {
                errors.append(("department", "Department: a plan code of at most \(Self.longestDepartment) characters"))
            }
            let role = Role(rawValue: v.one("role"))
            if role == nil { errors.append(("role", "Choose what the person does")) }
            let department = v.one("department").trimmingSpaces.nilIfEmpty
            if errors.isEmpty, let role {
                let password = Secret.password()
                do {
                    let user = try await accounts.addUser(email: email, name: v.one("name").trimmingSpaces, role: role, department: department,
                                                          password: password, oneTime: true)
                    try await accounts.logSecurity(.accountAdded, actor: admin.email, subject: user.email, address: context.clientAddress,
                                                   detail: "\(role.rawValue)\(department.map { " of \($0)" } ?? ""), one-time password")
                    return try Self.oneTime(pages, context, request, user: user, password: password, added: true)
                } catch let error as RuleViolation {
                    errors.append(("email", error.description.capitalisedFirst))
                }
            }
            var page = Self.addForm(v)
            page.show(errors: errors)
            return try pages.page("form", page, context: context, path: request.uri.path, status: .unprocessableContent)
        }
        router.get("admin/accounts/:id") { request, context -> Response in
            if context.user == nil { return Self.signIn(request) }
            _ = try Self.admin(context)
            let user = try await find(context)
            var page = AccountPage(user: user, values: ["role": [user.role.rawValue], "department": [user.department ?? ""]])
            page.notice = request.uri.queryParameters.get("done").map { Self.notices[$0] ?? "" }.flatMap(\.nilIfEmpty)
            return try pages.page("account", page, context: context, path: request.uri.path)
        }
        router.post("admin/accounts/:id") { request, context -> Response in
            let admin = try Self.admin(context)
            let user = try await find(context)
            let v = try await Self.form(request)
            guard let role = Role(rawValue: v.one("role")) else {
                var page = AccountPage(user: user, values: v)
                page.show(errors: [("role", "Choose what the person does")])
                return try pages.page("account", page, context: context, path: request.uri.path, status: .unprocessableContent)
            }
            let department = v.one("department").trimmingSpaces.nilIfEmpty
            if (department?.count ?? 0) > Self.longestDepartment {
                var page = AccountPage(user: user, values: v)
                page.show(errors: [("department", "Department: a plan code of at most \(Self.longestDepartment) characters")])
                return try pages.page("account", page, context: context, path: request.uri.path, status: .unprocessableContent)
            }
            if user.id == admin.id && role != .admin {
                var page = AccountPage(user: user, values: v)
                page.show(errors: [("role", "You cannot take away your own admin role: ask another admin")])
                return try pages.page("account", page, context: context, path: request.uri.path, status: .unprocessableContent)
            }
            try await accounts.setRole(email: user.email, role: role, department: department)
            try await accounts.logSecurity(.roleChanged, actor: admin.email, subject: user.email, address: context.clientAddress,
                                           detail: "\(role.rawValue)\(department.map { " of \($0)" } ?? "")")
            return Self.back(user, "role")
        }
        router.post("admin/accounts/:id/disable") { _, context -> Response in
            let admin = try Self.admin(context)
            let user = try await find(context)
            guard user.id != admin.id else { throw HTTPError(.conflict, message: "You cannot disable your own account: ask another admin.") }
            try await accounts.disable(email: user.email)
            try await accounts.logSecurity(.accountDisabled, actor: admin.email, subject: user.email, address: context.clientAddress, detail: "")
            return Self.back(user, "disabled")
        }
        router.post("admin/accounts/:id/enable") { _, context -> Response in
            let admin = try Self.admin(context)
            let user = try await find(context)
            try await accounts.enable(email: user.email)
            try await accounts.logSecurity(.accountEnabled, actor: admin.email, subject: user.email, address: context.clientAddress, detail: "")
            return Self.back(user, "enabled")
        }
        router.post("admin/accounts/:id/one-time-password") { request, context -> Response in
            let admin = try Self.admin(context)
            let user = try await find(context)
            let password = try await accounts.issueOneTimePassword(email: user.email)
            try await accounts.logSecurity(.oneTimePasswordIssued, actor: admin.email, subject: user.email, address: context.clientAddress, detail: "")
            return try Self.oneTime(pages, context, request, user: user, password: password, added: false)
        }
    }

    /// Limits on what a form may set (a plan code is short; a name is a person's).
    static let longestName = SQLAccountRepository.longestName
    static let longestDepartment = 40

    static let notices = ["role": "The role and department are saved.", "disabled": "The account is disabled: its sessions and API tokens have ended.",
                          "enabled": "The account can sign in again. Its old sessions and tokens stay ended."]

    /// Only admins manage accounts (403 for anyone else signed in), and only from a signed-in
    /// session: an API token leaked from a script must not be able to make admins or issue them
    /// one-time passwords, as it cannot make calendar links.
    static func admin(_ context: AppRequestContext) throws -> User {
        guard let user = context.user else { throw NotSignedIn(purpose: "to manage accounts") }
        guard context.session != nil else {
            throw NotPermitted(message: "Accounts are managed from a signed-in browser session, not with an API token.")
        }
        guard user.role == .admin, !user.disabled else { throw NotPermitted(message: "Only admins manage accounts.") }
        return user
    }

    /// Pages send the public to sign in first.
    static func signIn(_ request: Request) -> Response {
        Response(status: .seeOther, headers: [.location: "/sign-in?next=\(request.uri.path.urlPathEncoded)"])
    }

    func find(_ context: AppRequestContext) async throws -> User {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let user = try await accounts.users().first(where: { $0.id == id }) else {
            throw HTTPError(.notFound, message: "There is no account \(id).")
        }
        return user
    }

    static func form(_ request: Request) async throws -> FormValues {
        var request = request
        return FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.form))).values
    }

    static func back(_ user: User, _ done: String) -> Response {
        Response(status: .seeOther, headers: [.location: "/admin/accounts/\(user.id)?done=\(done)"])
    }

    static func addForm(_ v: FormValues) -> FormPage {
        FormPage(pageTitle: "Add an account – serviceplan", caption: "Accounts", heading: "Add an account", action: "/admin/accounts/new",
                 version: "", fields: [
                     FormField("email", "Email address", kind: .email, value: v.one("email")),
                     FormField("name", "Full name", value: v.one("name")),
                     .choice("role", "What they do", Role.self, value: v.one("role"), labels: \.label),
                     FormField("department", "Department (plan code)", value: v.one("department"),
                               hint: "For directors and officers: the code of their department's plan, for example ULS", narrow: true),
                 ], submitLabel: "Add account", cancelHref: "/admin/accounts", deleteAction: nil, deleteLabel: "")
    }

    /// The one-time password, shown once and never kept by any cache.
    static func oneTime(_ pages: PageRenderer, _ context: AppRequestContext, _ request: Request, user: User, password: String,
                        added: Bool) throws -> Response {
        var response = try pages.page("account-password", OneTimePasswordPage(user: user, password: password, added: added),
                                      context: context, path: request.uri.path)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

struct AccountsPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Accounts – serviceplan"
    let rows: [Row]

    struct Row {
        let href: String
        let name: String
        let email: String
        let role: String
        let department: String
        let status: String
    }

    init(users: [User]) {
        rows = users.map { u in
            Row(href: "/admin/accounts/\(u.id)", name: u.name, email: u.email, role: u.role.label, department: u.department ?? "—",
                status: u.disabled ? "Disabled" : u.mustChangePassword ? "Active (one-time password)" : "Active")
        }
    }
}

struct AccountPage: PageView, ErrorSummaryPage {
    var chrome = Chrome.none
    let pageTitle: String
    var titlePrefix = ""
    let name: String
    let email: String
    let status: String
    let disabled: Bool
    let action: String
    var fields: [FormField]
    var errors: [FormError] = []
    var showErrors = false
    var notice: String?

    init(user: User, values v: FormValues) {
        pageTitle = "\(user.name) – Accounts – serviceplan"
        name = user.name
        email = user.email
        disabled = user.disabled
        status = user.disabled ? "Disabled" : user.mustChangePassword ? "Active: must choose a password at the next sign-in" : "Active"
        action = "/admin/accounts/\(user.id)"
        fields = [
            .choice("role", "What they do", Role.self, value: v.one("role"), labels: \.label),
            FormField("department", "Department (plan code)", value: v.one("department"), hint: "For example ULS; leave empty for none", narrow: true),
        ]
    }
}

struct OneTimePasswordPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "One-time password – serviceplan"
    let heading: String
    let email: String
    let password: String
    let accountHref: String

    init(user: User, password: String, added: Bool) {
        heading = added ? "Account added" : "One-time password issued"
        email = user.email
        self.password = password
        accountHref = "/admin/accounts/\(user.id)"
    }
}
