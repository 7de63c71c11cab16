import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// Every request's context: who is asking (nil for the public) and how they proved it.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, from a session cookie or a bearer token.
    public var user: User?
    /// The browser session, when the user came with a cookie (forms need its CSRF token).
    public var session: AccountSession?
    /// A CSRF token for forms shown before signing in (double-submit cookie).
    public var anonymousCSRF: String?
    /// Set while a page is rendered to be kept (`PageCacheMiddleware`): pages show it in place of
    /// the CSRF token, and each response puts the visitor's own token there.
    var formTokenPlaceholder: String?
    /// A form with a file, as `CSRFMiddleware` parsed it to find its token: read once, not twice.
    var multipartForm: MultipartForm?
    /// The connection's IP address, for the security log (`unknown` when there is none to read).
    public let clientAddress: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The token every form on this page must carry back.
    var csrfToken: String { session?.csrfToken ?? anonymousCSRF ?? "" }

    /// What a page's forms show as their CSRF token.
    var formToken: String { formTokenPlaceholder ?? csrfToken }
}
