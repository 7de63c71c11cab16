import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

/// A person's private calendar feed (issue #12 part 7): `/account/calendar` to make, replace or
/// stop a secret link, and `/calendar/{secret}.ics` for calendar clients, which carry no cookie.
/// The secret is the credential, so it is stored only as its hash and shown once.
struct CalendarFeedController {
    let accounts: any AccountRepository
    let plans: any PlanRepository
    let pages: PageRenderer
    let monitoring: MonitoringConfiguration
    let secureCookies: Bool

    func add(to router: Router<AppRequestContext>) {
        router.get("account/calendar") { request, context -> Response in
            guard let user = context.user, context.session != nil else { return Self.signIn }
            var page = CalendarFeedPage(created: try await accounts.calendarFeedCreated(email: user.email), link: nil, timeZone: monitoring.calendar.timeZone)
            page.stopped = request.uri.queryParameters.get("stopped") == "1"
            return try pages.page("calendar-feed", page, context: context, path: request.uri.path)
        }
        router.post("account/calendar") { request, context -> Response in
            guard let user = context.user, context.session != nil else { return Self.signIn }
            let secret = try await accounts.createCalendarFeed(email: user.email)
            try await accounts.logSecurity(.calendarLinkMade, actor: user.email, subject: user.email, address: context.clientAddress, detail: "")
            // Shown to its owner, once: the address their own browser reached us at, if it is a plain
            // host[:port]. Anything else in Host (a path, quotes) gives the path alone.
            let path = "/calendar/\(secret).ics"
            let host = request.head.authority ?? ""
            let plain = !host.isEmpty && host.utf8.count <= 253
                && host.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]").contains($0) }
            let link = plain ? "\(secureCookies ? "https" : "http")://\(host)\(path)" : path
            let page = CalendarFeedPage(created: try await accounts.calendarFeedCreated(email: user.email), link: link,
                                        timeZone: monitoring.calendar.timeZone)
            var response = try pages.page("calendar-feed", page, context: context, path: request.uri.path)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.post("account/calendar/revoke") { _, context -> Response in
            guard let user = context.user, context.session != nil else { return Self.signIn }
            let stopped = try await accounts.revokeCalendarFeeds(email: user.email)
            try await accounts.logSecurity(.calendarLinkStopped, actor: user.email, subject: user.email, address: context.clientAddress,
                                           detail: stopped == 0 ? "there was no live link" : "")
            return Response(status: .seeOther, headers: [.location: "/account/calendar?stopped=1"])
        }
        router.get("calendar/:file") { _, context -> Response in
            let file = try context.parameters.require("file")
            // Secrets are 43 URL-safe characters; anything else is no feed, without a lookup.
            guard file.hasSuffix(".ics"), file.utf8.count == 47, let user = try await accounts.user(calendarFeed: String(file.dropLast(4))) else {
                throw HTTPError(.notFound, message: "There is no calendar at this address: it was never made, or it was stopped or replaced.")
            }
            var codes = Set(try await plans.planCodes(ownedBy: user.email))
            if let department = user.department, user.role == .director || user.role == .admin { codes.insert(department) }
            var shown: [ServicePlan] = []
            for code in codes.sorted() {
                if let plan = try await plans.plan(code: code) { shown.append(plan) }
            }
            var response = JSONResponse.text(PlanCalendar.personal(for: user, plans: shown, monitoring: monitoring),
                                             contentType: "text/calendar; charset=utf-8")
            response.headers[.cacheControl] = "private, no-store"
            return response
        }
    }

    static let signIn = Response(status: .seeOther, headers: [.location: "/sign-in?next=%2Faccount%2Fcalendar"])
}

/// `/account/calendar`: the private feed's state, and the link once, just after it is made.
struct CalendarFeedPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Your calendar – serviceplan"
    let hasFeed: Bool
    let created: String
    let link: String?
    var stopped = false

    init(created: String?, link: String?, timeZone: String) {
        hasFeed = created != nil
        self.created = created.flatMap(Timestamp.date).map { ItemService.describe($0, timeZone: timeZone) } ?? ""
        self.link = link
    }
}
