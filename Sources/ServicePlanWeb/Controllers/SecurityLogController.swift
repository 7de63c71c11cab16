import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `/admin/security-log`: the security log for admins, newest first (`serviceplan audit --security`
/// prints the same).
struct SecurityLogController {
    let accounts: any AccountRepository
    let pages: PageRenderer
    let timeZone: String

    /// The most a page shows: the command line prints any number.
    static let shown = 500

    func add(to router: Router<AppRequestContext>) {
        router.get("admin/security-log") { request, context -> Response in
            guard let user = context.user else {
                return Response(status: .seeOther, headers: [.location: "/sign-in?next=\(request.uri.path.urlPathEncoded)"])
            }
            guard user.role == .admin, !user.disabled else { throw NotPermitted(message: "Only admins read the security log.") }
            guard context.session != nil else {
                throw NotPermitted(message: "The security log is read from a signed-in browser session, not with an API token.")
            }
            // `?before=ID`: the next page back, so no event is out of reach however many came after it.
            let before = request.uri.queryParameters.get("before").flatMap { Int64($0) }
            let events = try await accounts.securityLog(limit: Self.shown, before: before)
            var response = try pages.page("security-log", SecurityLogPage(events: events, timeZone: timeZone, full: events.count == Self.shown),
                                          context: context, path: request.uri.path)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}

struct SecurityLogPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Security log – serviceplan"
    let rows: [Row]
    let hasRows: Bool
    let limit = SecurityLogController.shown
    /// The link to the events before the oldest shown, when there may be more.
    let olderHref: String?

    struct Row {
        let at: String
        let when: String
        let what: String
        let actor: String
        let subject: String
        let address: String
        let detail: String
    }

    init(events: [SecurityEvent], timeZone: String, full: Bool) {
        olderHref = full ? events.last.map { "/admin/security-log?before=\($0.id)" } : nil
        rows = events.map { e in
            Row(at: e.at, when: Timestamp.date(e.at).map { ItemService.describe($0, timeZone: timeZone) } ?? e.at, what: e.kind.label,
                actor: e.actor, subject: e.subject, address: e.address, detail: e.detail)
        }
        hasRows = !rows.isEmpty
    }
}
