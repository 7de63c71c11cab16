import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import SQLKit
import Testing

/// Pages kept in memory (`PageCacheMiddleware`): for the public and for each signed-in user, good
/// until the content version moves, with each visitor's own CSRF token.
@Suite("Kept pages")
struct PageCacheTests {
    /// Pages that show the plan's title.
    static let pages = ["/", "/plans/ULS", "/councils/HALTON", "/plans/ULS/indicators/NI80",
                        "/plans/ULS/reports/2010-11-Q2", "/plans/ULS/returns/2010-11-Q2"]

    @Test("a kept page is served until the content version moves, whoever reads it", arguments: WebEngines.all)
    func keptUntilVersionMoves(engine: String) async throws {
        try await withPeople(engine: engine) { people, client in
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            for who in [People.Who.publicVisitor, .member, .officer] {
                let (status, before) = try await get(client, people, who, "/plans/ULS")
                #expect(status == .ok)
                #expect(before.contains("Universal &amp; Learning Services"), "\(who)")
            }
            // Written behind the application's back, without moving the version: the kept pages stand.
            try await people.database.transaction { db in
                try await db.raw("UPDATE plans SET title = 'Written behind its back' WHERE code = 'ULS'").run()
            }
            for who in [People.Who.publicVisitor, .member, .officer] {
                #expect(try await !get(client, people, who, "/plans/ULS").1.contains("Written behind its back"), "\(who)")
            }
            try await people.database.transaction { db in
                try await db.raw("UPDATE content_version SET version = version + 1").run()
            }
            for who in [People.Who.publicVisitor, .member, .officer] {
                #expect(try await get(client, people, who, "/plans/ULS").1.contains("Written behind its back"), "\(who)")
            }
        }
    }

    @Test("every page a member has open shows a change made through the application at once", arguments: WebEngines.all)
    func followsChanges(engine: String) async throws {
        try await withPeople(engine: engine) { people, client in
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            for page in Self.pages {
                for who in [People.Who.publicVisitor, .member] {
                    let (status, html) = try await get(client, people, who, page)
                    // The return page sends the public to sign in.
                    guard who == .member || status == .ok else { continue }
                    #expect(status == .ok, "\(page) as \(who)")
                    #expect(html.contains("Universal &amp; Learning Services Service Plan"), "\(page) as \(who)")
                }
            }
            _ = try await people.plans.update(code: "ULS", actor: Actor(name: "t", via: .cli)) { plan in
                plan.title = "Renamed while kept"
            }
            for page in Self.pages {
                #expect(try await get(client, people, .member, page).1.contains("Renamed while kept"), "\(page)")
            }
            #expect(try await get(client, people, .publicVisitor, "/plans/ULS").1.contains("Renamed while kept"))
        }
    }

    @Test("one user's kept page never reaches another, and each browser gets its own CSRF token")
    func perVisitor() async throws {
        try await withPeople { people, client in
            let officerPage = try await get(client, people, .officer, "/plans/ULS").1
            #expect(officerPage.contains("officer (Officer)") || officerPage.contains(">officer"))
            let memberPage = try await get(client, people, .member, "/plans/ULS").1
            #expect(!memberPage.contains("officer (Officer)"))
            #expect(memberPage.contains("member"))
            let publicPage = try await get(client, people, .publicVisitor, "/plans/ULS").1
            #expect(publicPage.contains("Sign in"))
            #expect(!publicPage.contains("Sign out"))

            // A kept page's length is its own response's, not the first render's (the placeholder
            // is longer than a token; a browser would wait for the bytes that never come).
            for who in [People.Who.member, .member, .publicVisitor, .publicVisitor] {
                try await client.execute(uri: "/plans/ULS", method: .get, headers: people.headers(who)) { response in
                    if let length = response.headers[.contentLength] { #expect(Int(length) == response.body.readableBytes, "\(who)") }
                }
            }
            let first = Browser(client), second = Browser(client)
            _ = try await first.signIn(.member)
            _ = try await second.signIn(.member)
            try await first.get("/plans/ULS")
            try await second.get("/plans/ULS")
            #expect(!first.csrf.isEmpty && !second.csrf.isEmpty)
            #expect(first.csrf != second.csrf, "each session's own token, not the first render's")
            #expect(!first.csrf.hasPrefix("csrf-placeholder"))
            // The token a kept page carried is the one its session accepts.
            let signOut = try await second.post("/sign-out", [])
            #expect(signOut.status == .seeOther)
            #expect(try await second.get("/plans/ULS").text.contains("Sign in"), "signed out: the public page")
            #expect(try await first.get("/plans/ULS").text.contains("Sign out"), "the other session stands")
        }
    }

    @Test("odd spellings of pages never kept are not kept, and a token from a cookie is escaped")
    func hostileAddresses() async throws {
        try await withPeople { people, client in
            // The history page verifies the chain as it stands: a trailing or doubled slash is
            // still the history page, never kept.
            let member = Browser(client)
            _ = try await member.signIn(.member)
            for path in ["/plans/ULS/history/", "/plans/ULS//history"] {
                #expect(try await member.get(path).text.contains("The audit trail verifies"), "\(path)")
            }
            try await people.database.transaction { db in
                try await db.raw("UPDATE audit_log SET actor = 'nobody' WHERE id = (SELECT MIN(id) FROM audit_log WHERE plan_code = 'ULS')").run()
            }
            for path in ["/plans/ULS/history/", "/plans/ULS//history"] {
                #expect(try await member.get(path).text.contains("The audit trail does not verify"), "\(path)")
            }
            // An anonymous visitor's CSRF token is their cookie's value: markup in it stays text.
            let evil = #""><img src=x onerror=alert(1)>"# + String(repeating: "A", count: 32)
            for _ in 0..<2 {
                try await client.execute(uri: "//sign-in", method: .get, headers: [.cookie: "sp_csrf=\(evil)"]) { response in
                    let html = String(buffer: response.body)
                    #expect(!html.contains("<img src=x"))
                }
            }
        }
    }

    @Test("the content version moves with every kind of change and with nothing else", arguments: WebEngines.all)
    func versionMoves(engine: String) async throws {
        try await withPeople(engine: engine) { people, _ in
            let versions = people.stores.versions
            var last = try await versions.contentVersion()
            func moved(_ what: String) async throws {
                let now = try await versions.contentVersion()
                #expect(now > last, "\(what)")
                last = now
            }
            _ = try await people.plans.update(code: "ULS", actor: Actor(name: "t", via: .cli)) { $0.notes.append("A note") }
            try await moved("plan edit")
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            try await moved("returns")
            try await SQLReturnRepository(database: people.database).take(.reopen, plan: "ULS", quarter: ExampleReturns.sampleQuarter,
                                                                        actor: Actor(name: "t", via: .cli), reason: "Correction")
            try await moved("return action")
            let csv = "authority_code,authority_name,indicator_ref,year,value\nE06000006,Halton,NI80,2009/10,40\n"
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("national-\(UUID().uuidString).csv")
            try Data(csv.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            _ = try await SQLBenchmarkRepository(database: people.database).importFile(at: file.path, name: "national.csv", units: [:], progress: nil)
            try await moved("national import")
            // Signing in and out changes no page's content.
            _ = try await people.stores.accounts.signIn(email: "member@halton.test", password: People.password)
            #expect(try await versions.contentVersion() == last)
        }
    }
}
