import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Accounts managed in the browser (issue #13 part 3): admins only, every change in the security log.
@Suite struct AccountsPagesTests {
    func id(_ people: People, _ email: String) async throws -> Int64 {
        try #require(try await people.stores.accounts.user(email: email)?.id)
    }

    @Test("admins list and add accounts; the one-time password is shown once; errors are on the field; others may not")
    func listAndAdd() async throws {
        try await withPeople { people, client in
            let admin = Browser(client)
            _ = try await admin.signIn(.admin)
            let list = String(buffer: try await admin.get("/admin/accounts").body)
            #expect(list.contains("owner@halton.test") && list.contains("Operational director"))
            try await admin.get("/admin/accounts/new")
            let added = try await admin.post("/admin/accounts/new", [("email", " New.Officer@Halton.test "), ("name", "New Officer"),
                                                                      ("role", "officer"), ("department", "ULS")])
            #expect(added.status == .ok && added.headers[.cacheControl] == "no-store")
            let password = try #require(String(buffer: added.body).firstMatch(of: /id="one-time-password" type="text" readonly value="([^"]+)"/)?.1)
            let user = try #require(try await people.stores.accounts.user(email: "new.officer@halton.test"))
            #expect(user.role == .officer && user.department == "ULS" && user.mustChangePassword)
            // The password works once, and the person must then choose their own.
            let newcomer = Browser(client)
            try await newcomer.get("/sign-in")
            let signedIn = try await newcomer.post("/sign-in", [("email", "new.officer@halton.test"), ("password", String(password))])
            #expect(signedIn.status == .seeOther)
            let logged = try await people.stores.accounts.securityLog(limit: 10, before: nil)
            #expect(logged.contains { $0.kind == .accountAdded && $0.actor == "admin@halton.test" && $0.subject == "new.officer@halton.test" })
            #expect(!logged.contains { $0.detail.contains(String(password)) || $0.subject.contains(String(password)) })

            try await admin.get("/admin/accounts/new")
            let twice = try await admin.post("/admin/accounts/new", [("email", "new.officer@halton.test"), ("name", "Again"), ("role", "officer")])
            #expect(twice.status == .unprocessableContent && String(buffer: twice.body).contains(##"<a href="#email">"##))
            let bad = try await admin.post("/admin/accounts/new", [("email", "not an email"), ("name", ""), ("role", "emperor")])
            let page = String(buffer: bad.body)
            #expect(bad.status == .unprocessableContent && page.contains(##"<a href="#email">"##) && page.contains(##"<a href="#name">"##)
                    && page.contains(##"<a href="#role">"##))

            let long = try await admin.post("/admin/accounts/new", [("email", "long@halton.test"), ("name", String(repeating: "n", count: 201)),
                                                                     ("role", "officer"), ("department", String(repeating: "D", count: 41))])
            #expect(long.status == .unprocessableContent && String(buffer: long.body).contains(##"<a href="#department">"##))
            #expect(try await people.stores.accounts.user(email: "long@halton.test") == nil)
            let director = Browser(client)
            _ = try await director.signIn(.director)
            #expect(try await director.get("/admin/accounts").status == .forbidden)
            try await director.get("/")
            #expect(try await director.post("/admin/accounts/new", [("email", "x@y.test"), ("name", "X"), ("role", "admin")]).status == .forbidden)
            let visitor = try await Browser(client).get("/admin/accounts")
            #expect(visitor.status == .seeOther && visitor.headers[.location]?.hasPrefix("/sign-in") == true)
            #expect(try await admin.post("/admin/accounts/new", [("email", "z@y.test"), ("name", "Z"), ("role", "admin")], csrf: "forged").status == .forbidden)
        }
    }

    @Test("role and department change, disable ends sessions, re-enable, a one-time password; an admin cannot lock themselves out")
    func changes() async throws {
        try await withPeople { people, client in
            let admin = Browser(client)
            _ = try await admin.signIn(.admin)
            let officer = try await id(people, "officer@halton.test")
            try await admin.get("/admin/accounts/\(officer)")
            #expect(try await admin.post("/admin/accounts/\(officer)", [("role", "director"), ("department", "ULS")]).status == .seeOther)
            #expect(try await people.stores.accounts.user(email: "officer@halton.test")?.role == .director)

            let victim = Browser(client)
            _ = try await victim.signIn(.owner)
            let owner = try await id(people, "owner@halton.test")
            try await admin.get("/admin/accounts/\(owner)")
            #expect(try await admin.post("/admin/accounts/\(owner)/disable", []).status == .seeOther)
            #expect(try await people.stores.accounts.user(email: "owner@halton.test")?.disabled == true)
            #expect(try await victim.get("/account/calendar").status == .seeOther, "the disabled person's session has ended")
            try await admin.get("/admin/accounts/\(owner)")
            #expect(try await admin.post("/admin/accounts/\(owner)/enable", []).status == .seeOther)
            #expect(try await people.stores.accounts.user(email: "owner@halton.test")?.disabled == false)
            try await admin.get("/admin/accounts/\(owner)")
            let issued = try await admin.post("/admin/accounts/\(owner)/one-time-password", [])
            #expect(issued.status == .ok && String(buffer: issued.body).contains("One-time password issued"))
            #expect(try await people.stores.accounts.user(email: "owner@halton.test")?.mustChangePassword == true)

            let kinds = try await people.stores.accounts.securityLog(limit: 20, before: nil).filter { $0.actor == "admin@halton.test" }.map(\.kind)
            for kind in [SecurityEvent.Kind.roleChanged, .accountDisabled, .accountEnabled, .oneTimePasswordIssued] { #expect(kinds.contains(kind), "\(kind)") }

            let me = try await id(people, "admin@halton.test")
            try await admin.get("/admin/accounts/\(me)")
            #expect(try await admin.post("/admin/accounts/\(me)/disable", []).status == .conflict)
            let demoted = try await admin.post("/admin/accounts/\(me)", [("role", "member"), ("department", "")])
            #expect(demoted.status == .unprocessableContent && String(buffer: demoted.body).contains("You cannot take away your own admin role"))
            #expect(try await admin.get("/admin/accounts/999999").status == .notFound)
        }
    }
}

/// Account administration from a signed-in session only (issue 23, item 9).
@Suite struct AccountsTokenTests {
    @Test("an admin's API token cannot list, add, change or issue one-time passwords to accounts, nor read the security log")
    func tokensRefused() async throws {
        try await withPeople { people, client in
            let before = try await people.stores.accounts.users()
            let director = try #require(before.first { $0.email == "director@halton.test" })
            var headers = people.headers(.admin)
            headers[.contentType] = "application/x-www-form-urlencoded"
            let attempts: [(HTTPRequest.Method, String, String)] = [
                (.get, "/admin/accounts", ""), (.get, "/admin/security-log", ""),
                (.post, "/admin/accounts/new", "email=evil%40x.test&name=Evil&role=admin"),
                (.post, "/admin/accounts/\(director.id)", "role=admin&department="),
                (.post, "/admin/accounts/\(director.id)/one-time-password", ""),
                (.post, "/admin/accounts/\(director.id)/disable", ""),
            ]
            for (method, path, body) in attempts {
                try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .forbidden, "\(method) \(path)")
                }
            }
            #expect(try await people.stores.accounts.users() == before, "nothing changed")
        }
    }
}
