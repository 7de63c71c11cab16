import ServicePlanDomain

/// What every page's layout needs about the visitor: who is signed in, and the CSRF token for
/// the sign-out form.
struct Chrome: Sendable {
    let signedIn: Bool
    let userName: String
    let roleLabel: String
    /// Admins see the links to accounts and the security log.
    let isAdmin: Bool
    let csrfToken: String
    /// Where the sign-in link returns to.
    let signInHref: String

    init(context: AppRequestContext, path: String) {
        signedIn = context.user != nil
        userName = context.user?.name ?? ""
        roleLabel = context.user?.role.label ?? ""
        isAdmin = context.user?.role == .admin && context.session != nil
        csrfToken = context.formToken
        // Never back to a password-reset link: its secret would ride along in the address.
        signInHref = path.hasPrefix("/password/") ? "/sign-in" : "/sign-in?next=\(path.urlPathEncoded)"
    }

    static let none = Chrome()

    private init() {
        signedIn = false
        userName = ""
        roleLabel = ""
        isAdmin = false
        csrfToken = ""
        signInHref = "/sign-in"
    }
}

/// A page's view model: it carries the layout's chrome.
protocol PageView {
    var chrome: Chrome { get set }
}
