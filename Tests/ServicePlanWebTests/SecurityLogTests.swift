import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
@testable import ServicePlanWeb
import Testing

/// The security log (issue #13 part 3): sign-ins, failures, sign-outs, passwords and calendar
/// links, with who, when and from where; for admins only; never a password or a token.
@Suite struct SecurityLogTests {
    @Test("sign-in, failed sign-in, sign-out, a password and a calendar link are logged; only admins read the log; no secret is in it")
    func logged() async throws {
        try await withPeople { people, client in
            let owner = Browser(client)
            _ = try await owner.signIn(.owner)
            let session = owner.cookies["sp_session"] ?? ""
            try await owner.get("/account/calendar")
            let made = String(buffer: try await owner.post("/account/calendar", []).body)
            let secret = made.firstMatch(of: /\/calendar\/([A-Za-z0-9_-]{43})\.ics/).map { String($0.1) } ?? ""
            try await owner.get("/account/password")
            _ = try await owner.post("/account/password", [("current", People.password), ("password", "a brand new long password"),
                                                             ("confirm", "a brand new long password")])
            try await owner.get("/")
            _ = try await owner.post("/sign-out", [])
            let stranger = Browser(client)
            try await stranger.get("/sign-in")
            _ = try await stranger.post("/sign-in", [("email", "owner@halton.test"), ("password", "a wrong guess entirely")])
            _ = try await stranger.post("/sign-in", [("email", "nobody@nowhere.test"), ("password", "another wrong guess")])

            let events = try await people.stores.accounts.securityLog(limit: 100, before: nil)
            let kinds = events.map(\.kind)
            for kind in [SecurityEvent.Kind.signIn, .calendarLinkMade, .passwordChanged, .signOut, .signInFailed] {
                #expect(kinds.contains(kind), "\(kind)")
            }
            #expect(events.first { $0.kind == .signOut }?.subject == "owner@halton.test")
            #expect(Set(events.filter { $0.kind == .signInFailed }.map(\.subject)) == ["owner@halton.test", "nobody@nowhere.test"])
            #expect(events.allSatisfy { !$0.address.isEmpty })

            let admin = Browser(client)
            _ = try await admin.signIn(.admin)
            let page = String(buffer: try await admin.get("/admin/security-log").body)
            #expect(page.contains("<th scope=\"row\">Failed to sign in</th>") && page.contains("nobody@nowhere.test"))
            for secretText in ["a wrong guess entirely", "a brand new long password", People.password, session, secret] where !secretText.isEmpty {
                #expect(!page.contains(secretText), "no password or token in the log")
            }
            let director = Browser(client)
            _ = try await director.signIn(.director)
            #expect(try await director.get("/admin/security-log").status == .forbidden)
            let visitor = try await Browser(client).get("/admin/security-log")
            #expect(visitor.status == .seeOther && visitor.headers[.location]?.hasPrefix("/sign-in") == true)
        }
    }

    @Test("a typed email cannot forge lines: control characters and bidirectional overrides are stored as U+FFFD, and length is capped (found by a hostile review)")
    func forgery() async throws {
        try await withPeople { people, client in
            let stranger = Browser(client)
            try await stranger.get("/sign-in")
            let typed = "evil\tfake\nINJECTED\tsignIn\tadmin@x.org\r\u{0}x\u{202E}gro.x@" + String(repeating: "a", count: 5000)
            _ = try await stranger.post("/sign-in", [("email", typed), ("password", "a wrong guess entirely")])
            let event = try #require(try await people.stores.accounts.securityLog(limit: 1, before: nil).first)
            #expect(event.kind == .signInFailed)
            #expect(!event.subject.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.value == 0x202E })
            #expect(event.subject.hasPrefix("evil\u{FFFD}fake\u{FFFD}injected") && event.subject.count == 320)
        }
    }

    @Test("past the newest 500 the page links to older events, and a calendar secret is never written to the request log")
    func olderAndRedacted() async throws {
        try await withPeople { people, client in
            for n in 0..<502 {
                try await people.stores.accounts.logSecurity(.signInFailed, actor: "x\(n)@x.test", subject: "x\(n)@x.test", address: "test", detail: "")
            }
            let admin = Browser(client)
            _ = try await admin.signIn(.admin)
            let first = try await admin.get("/admin/security-log")
            #expect(first.headers[.cacheControl] == "no-store")
            let html = String(buffer: first.body)
            let older = try #require(html.firstMatch(of: /href="(\/admin\/security-log\?before=[0-9]+)"/)?.1)
            let page = String(buffer: try await admin.get(String(older)).body)
            #expect(page.contains("x0@x.test") && !page.contains("Older events"))
        }
        #expect(RequestLogMiddleware<AppRequestContext>.redacted("/calendar/Tb_exhhAbc.ics") == "/calendar/(secret).ics")
        #expect(RequestLogMiddleware<AppRequestContext>.redacted("//calendar/x.ics?y=1") == "/calendar/(secret).ics")
        #expect(RequestLogMiddleware<AppRequestContext>.redacted("/plans/ULS") == "/plans/ULS")
    }
}
