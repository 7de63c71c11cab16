import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// A person's private calendar feed: made and stopped from `/account/calendar`, read by its
/// secret alone, holding only what the person answers for and no Part II item.
@Suite struct CalendarFeedTests {
    /// Makes a feed for the browser's person and returns its path (`/calendar/….ics`).
    func makeFeed(_ browser: Browser) async throws -> String {
        try await browser.get("/account/calendar")
        let made = try await browser.post("/account/calendar", [])
        #expect(made.status == .ok && made.headers[.cacheControl] == "no-store")
        let html = String(buffer: made.body)
        // The full address when the request named a plain host; the path alone otherwise.
        let link = try #require(html.firstMatch(of: /value="(?:https?:\/\/[^\/"]+)?(\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/)?.1)
        return String(link)
    }

    func read(_ client: some TestClientProtocol, _ path: String) async throws -> (HTTPResponse.Status, String, String?) {
        var result: (HTTPResponse.Status, String, String?) = (.ok, "", nil)
        try await client.execute(uri: path, method: .get) { result = ($0.status, String(buffer: $0.body), $0.headers[.contentType]) }
        return result
    }

    @Test("an officer's feed holds each quarter's deadline with their own lines and their objective's milestones, read without signing in")
    func officersFeed() async throws {
        try await withPeople { people, client in
            try await PartIITests.markPartII(people)
            let owner = Browser(client)
            _ = try await owner.signIn(.owner)
            #expect(String(buffer: try await owner.get("/account/calendar").body).contains("You have no private calendar link."))
            let path = try await makeFeed(owner)
            let (status, ics, type) = try await read(client, path)
            #expect(status == .ok && type == "text/calendar; charset=utf-8")
            let id = try #require(try await people.stores.accounts.user(email: "owner@halton.test")?.id)
            #expect(ics.contains("UID:person-\(id)-return-ULS-2009-10-Q2@serviceplan"))
            #expect(ics.contains("SUMMARY:ULS return due: Q2 2009/10 (your lines: NI80)"))
            let plan = try await people.plan()
            let uls5 = try #require(plan.objective("ULS 5")?.milestoneYears.first?.milestones.first?.id)
            #expect(ics.contains("UID:person-\(id)-milestone-ULS-\(uls5)@serviceplan"))
            // Not another officer's objective's milestones, nor the plan feed's UIDs.
            let uls1 = try #require(plan.objective("ULS 1")?.milestoneYears.first?.milestones.first?.id)
            #expect(!ics.contains("milestone-ULS-\(uls1)@") && !ics.contains("UID:return-ULS"))
            #expect(String(buffer: try await owner.get("/account/calendar").body).contains("Your current link was made"))
            // Calendar clients probe with HEAD: the headers of a GET, no body (found by a hostile review).
            try await client.execute(uri: path, method: .head) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/plans/ULS/calendar.ics", method: .head) { #expect($0.status == .ok) }
        }
    }

    @Test("Part II lines and objectives stay out of a private feed, even one a director reads for the whole plan")
    func noPartII() async throws {
        try await withPeople { people, client in
            try await PartIITests.markPartII(people)
            let director = Browser(client)
            _ = try await director.signIn(.director)
            let (_, ics, _) = try await read(client, try await makeFeed(director))
            #expect(ics.contains("NI80") && ics.contains("NI92"), "a director answers for the department's plan")
            #expect(!ics.contains("NI105"), "NI105 is Part II")
            let plan = try await people.plan()
            for m in plan.objective("ULS 4")?.milestoneYears.flatMap(\.milestones) ?? [] {
                #expect(!ics.contains("-milestone-ULS-\(m.id ?? -1)@"), "ULS 4 is Part II")
            }
            #expect(!ics.contains("ULS 4 milestone"))
        }
    }

    @Test("a new link stops the old one; stopping ends it; a disabled account's link reads nothing; junk is not found")
    func revoking() async throws {
        try await withPeople { people, client in
            let owner = Browser(client)
            _ = try await owner.signIn(.owner)
            let first = try await makeFeed(owner)
            let second = try await makeFeed(owner)
            #expect(first != second)
            #expect(try await read(client, first).0 == .notFound)
            #expect(try await read(client, second).0 == .ok)
            try await owner.get("/account/calendar")
            let stopped = try await owner.post("/account/calendar/revoke", [])
            #expect(stopped.status == .seeOther)
            #expect(try await read(client, second).0 == .notFound)
            let third = try await makeFeed(owner)
            try await people.stores.accounts.disable(email: "owner@halton.test")
            #expect(try await read(client, third).0 == .notFound)
            // Enabled again, the account's old link stays dead (issue 23, item 11).
            try await people.stores.accounts.enable(email: "owner@halton.test")
            #expect(try await read(client, third).0 == .notFound)
            #expect(try await people.stores.accounts.calendarFeedCreated(email: "owner@halton.test") == nil)
            for junk in ["/calendar/x.ics", "/calendar/" + String(repeating: "a", count: 43) + ".ics", "/calendar/" + String(repeating: "a", count: 5000)] {
                #expect(try await read(client, junk).0 == .notFound)
            }
            // Making a link is a form: it needs the session's CSRF token, and a session.
            let other = Browser(client)
            _ = try await other.signIn(.officer)
            try await other.get("/account/calendar")
            #expect(try await other.post("/account/calendar", [], csrf: "forged").status == .forbidden)
            try await client.execute(uri: "/account/calendar", method: .post, headers: people.headers(.officer), body: ByteBuffer()) {
                #expect($0.status != .ok, "a bearer token makes no calendar link: links are for people at the browser")
            }
        }
    }
}
