import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Signing in and out, sessions, CSRF, tokens and stale edits.
@Suite struct SessionTests {
    @Test("signing in sets an HttpOnly, SameSite=Lax session cookie and shows who is signed in")
    func signIn() async throws {
        try await withPeople { _, client in
            let browser = Browser(client)
            let response = try await browser.signIn(.director)
            #expect(response.status == .seeOther)
            let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("sp_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let page = String(buffer: try await browser.get("/").body)
            #expect(page.contains("director (Operational director)"))
            #expect(page.contains("Sign out"))
        }
    }

    @Test("a wrong password is refused with an error summary linking to the field")
    func wrongPassword() async throws {
        try await withPeople { _, client in
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", [("email", "director@halton.test"), ("password", "nope")])
            #expect(response.status == .unauthorized)
            let html = String(buffer: response.body)
            #expect(html.contains(##"<a href="#email">Enter a correct email address and password</a>"##))
            #expect(html.contains("<title>Error: Sign in"))
            #expect(browser.cookies["sp_session"] == nil)
        }
    }

    @Test("five failed attempts in a minute slow the account down, even for the right password")
    func throttling() async throws {
        try await withPeople { _, client in
            let browser = Browser(client)
            try await browser.get("/sign-in")
            for _ in 1...5 {
                let r = try await browser.post("/sign-in", [("email", "director@halton.test"), ("password", "wrong password")])
                #expect(r.status == .unauthorized)
            }
            let r = try await browser.post("/sign-in", [("email", "director@halton.test"), ("password", People.password)])
            #expect(r.status == .tooManyRequests)
            #expect(browser.cookies["sp_session"] == nil)
            // Another account is not affected.
            let other = try await browser.post("/sign-in", [("email", "member@halton.test"), ("password", People.password)])
            #expect(other.status == .seeOther)
        }
    }

    @Test("a form posted without the CSRF token, or with another, is refused with 403")
    func csrf() async throws {
        try await withPeople { _, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            try await browser.get("/plans/ULS/equality-actions/1/edit")
            for token in ["", "forged-token-forged-token-forged-token"] {
                let r = try await browser.post("/plans/ULS/equality-actions/1/edit",
                                               [("version", browser.version), ("area", "X"), ("impact", "high"), ("action", "Y"),
                                                ("years", "2009/10"), ("officers", "Z")], csrf: token)
                #expect(r.status == .forbidden)
            }
            let ok = try await browser.post("/plans/ULS/equality-actions/1/edit",
                                            [("version", browser.version), ("area", "X"), ("impact", "high"), ("action", "Y"),
                                             ("years", "2009/10"), ("officers", "Z")])
            #expect(ok.status == .seeOther)
        }
    }

    @Test("the sign-in form itself needs its CSRF token")
    func signInCSRF() async throws {
        try await withPeople { _, client in
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let r = try await browser.post("/sign-in", [("email", "director@halton.test"), ("password", People.password)], csrf: "wrong")
            #expect(r.status == .forbidden)
        }
    }

    @Test("an expired session counts as signed out")
    func expiry() async throws {
        let clock = TestClock()
        try await withPeople(sessionLifetime: 3600, now: clock.now) { _, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            #expect(try await browser.get("/plans/ULS/indicators/NI80/edit").status == .ok)
            clock.advance(by: 3601)
            let r = try await browser.get("/plans/ULS/indicators/NI80/edit")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location]?.hasPrefix("/sign-in") == true)
        }
    }

    @Test("signing out ends the session on the server")
    func signOut() async throws {
        try await withPeople { _, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            let stolen = browser.cookies["sp_session"]!
            try await browser.get("/")
            #expect(try await browser.post("/sign-out", []).status == .seeOther)
            browser.cookies["sp_session"] = stolen
            #expect(try await browser.get("/plans/ULS/indicators/NI80/edit").status == .seeOther)
        }
    }

    @Test("a revoked token is refused with 401, and a bad token is never treated as the public")
    func tokenRevocation() async throws {
        try await withPeople { people, client in
            try await client.execute(uri: "/api/v1/plans", method: .get, headers: people.headers(.director)) { #expect($0.status == .ok) }
            try await SQLAccountRepository(database: people.database).revokeTokens(email: "director@halton.test")
            try await client.execute(uri: "/api/v1/plans", method: .get, headers: people.headers(.director)) { #expect($0.status == .unauthorized) }
            var bad = HTTPFields()
            bad[.authorization] = "Bearer not-a-token"
            try await client.execute(uri: "/api/v1/plans", method: .get, headers: bad) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("a disabled account's token and sessions stop working")
    func disabled() async throws {
        try await withPeople { people, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            try await SQLAccountRepository(database: people.database).disable(email: "director@halton.test")
            try await client.execute(uri: "/api/v1/plans", method: .get, headers: people.headers(.director)) { #expect($0.status == .unauthorized) }
            #expect(try await browser.get("/plans/ULS/indicators/NI80/edit").status == .seeOther)
        }
    }

    @Test("a stale If-Match is refused with 412 naming who changed the item and when; no If-Match gets 428")
    func staleAPIEdit() async throws {
        try await withPeople { people, client in
            var etag = ""
            var document: [String: Any] = [:]
            try await client.execute(uri: "/api/v1/plans/ULS/indicators/NI80", method: .get, headers: people.headers(.director)) { r in
                etag = r.headers[.eTag] ?? ""
                document = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as! [String: Any]
            }
            var headers = people.headers(.director, json: true)
            headers[.ifMatch] = etag
            document["title"] = "First edit"
            try await client.execute(uri: "/api/v1/plans/ULS/indicators/NI80", method: .put, headers: headers,
                                     body: RoleMatrixTests.json(document)) { #expect($0.status == .ok) }
            var adminHeaders = people.headers(.admin, json: true)
            adminHeaders[.ifMatch] = etag
            document["title"] = "Second edit from a stale copy"
            try await client.execute(uri: "/api/v1/plans/ULS/indicators/NI80", method: .put, headers: adminHeaders,
                                     body: RoleMatrixTests.json(document)) { response in
                #expect(response.status == .preconditionFailed)
                #expect(String(buffer: response.body).contains("changed by director@halton.test at "))
            }
            try await client.execute(uri: "/api/v1/plans/ULS/indicators/NI80", method: .put, headers: people.headers(.admin, json: true),
                                     body: RoleMatrixTests.json(document)) { #expect($0.status == .preconditionRequired) }
            #expect(try await people.plan().indicator("NI80")?.title == "First edit")
        }
    }

    @Test("a stale form edit is refused with who and when, keeping what the user typed")
    func staleFormEdit() async throws {
        try await withPeople { people, client in
            let first = Browser(client), second = Browser(client)
            _ = try await first.signIn(.director)
            _ = try await second.signIn(.admin)
            try await first.get("/plans/ULS/equality-actions/1/edit")
            try await second.get("/plans/ULS/equality-actions/1/edit")
            let fields: (String) -> [(String, String)] = { action in
                [("area", "Universal & Learning Services"), ("impact", "high"), ("action", action), ("years", "2009/10"), ("officers", "OD")]
            }
            #expect(try await first.post("/plans/ULS/equality-actions/1/edit", [("version", first.version)] + fields("First")).status == .seeOther)
            let stale = try await second.post("/plans/ULS/equality-actions/1/edit", [("version", second.version)] + fields("Second, typed with care"))
            #expect(stale.status == .conflict)
            let html = String(buffer: stale.body)
            #expect(html.contains("changed by director@halton.test at "))
            #expect(html.contains("Second, typed with care"))
            #expect(try await people.plan().equalityActions[0].action == "First")
        }
    }
}

@Suite struct OneTimePasswordTests {
    @Test("a one-time password leads straight to choosing a new one, and then works no more")
    func oneTime() async throws {
        try await withPeople { people, client in
            try await SQLAccountRepository(database: people.database, bcryptCost: 4)
                .addUser(email: "new@halton.test", name: "New", role: .member, department: nil, password: "one time password 1", oneTime: true)
            let browser = Browser(client)
            try await browser.get("/sign-in")
            _ = try await browser.post("/sign-in", [("email", "new@halton.test"), ("password", "one time password 1")])
            let redirected = try await browser.get("/plans/ULS")
            #expect(redirected.status == .seeOther)
            #expect(redirected.headers[.location] == "/account/password")
            let form = try await browser.get("/account/password")
            #expect(String(buffer: form.body).contains("You signed in with a one-time password"))
            let mismatch = try await browser.post("/account/password", [("password", "my own password 2"), ("confirm", "different")])
            #expect(mismatch.status == .unprocessableContent)
            #expect(try await browser.post("/account/password", [("password", "my own password 2"), ("confirm", "my own password 2")]).status == .seeOther)
            #expect(try await browser.get("/plans/ULS").status == .ok)
            let accounts = SQLAccountRepository(database: people.database, bcryptCost: 4)
            #expect(try await accounts.signIn(email: "new@halton.test", password: "one time password 1") == .refused)
            if case .signedIn = try await accounts.signIn(email: "new@halton.test", password: "my own password 2") {} else {
                Issue.record("the new password does not sign in")
            }
        }
    }
}

/// Changing one's password (issue 23, item 8): the current one is asked for, and every other
/// session of the account ends, as docs/people-and-permissions.md says.
@Suite struct PasswordChangeTests {
    @Test("a password change needs the current password and signs the account out everywhere else")
    func change() async throws {
        try await withPeople { _, client in
            let here = Browser(client), elsewhere = Browser(client)
            _ = try await here.signIn(.owner)
            _ = try await elsewhere.signIn(.owner)
            #expect(try await elsewhere.get("/account/calendar").status == .ok)
            let form = String(buffer: try await here.get("/account/password").body)
            #expect(form.contains(#"id="current""#) && form.contains(#"autocomplete="current-password""#))
            let new = "a brand new long password"
            for (current, words) in [("", "Enter your current password"), ("not my password at all", "Your current password is not right")] {
                let refused = try await here.post("/account/password", [("current", current), ("password", new), ("confirm", new)])
                #expect(refused.status == .unprocessableContent)
                #expect(String(buffer: refused.body).contains(words))
            }
            #expect(try await here.post("/account/password", [("current", People.password), ("password", new), ("confirm", new)]).status == .seeOther)
            #expect(try await here.get("/account/calendar").status == .ok, "the session that changed it stays")
            let other = try await elsewhere.get("/account/calendar")
            #expect(other.status == .seeOther && other.headers[.location]?.hasPrefix("/sign-in") == true, "every other session ends")
        }
    }
}

/// bcrypt reads 72 bytes: a longer password signed in by its first 72 alone (found by a hostile review).
@Suite struct PasswordLengthTests {
    @Test("a password over 72 bytes is refused on its field; one of exactly 72 is taken whole")
    func seventyTwoBytes() async throws {
        try await withPeople { people, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.owner)
            try await browser.get("/account/password")
            let long = String(repeating: "€", count: 25)   // 75 bytes, 25 characters
            let refused = try await browser.post("/account/password", [("current", People.password), ("password", long), ("confirm", long)])
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("at most 72 bytes"))
            let exact = String(repeating: "€", count: 24)  // 72 bytes
            #expect(try await browser.post("/account/password", [("current", People.password), ("password", exact), ("confirm", exact)]).status == .seeOther)
            let accounts = people.stores.accounts
            #expect(try await accounts.signIn(email: "owner@halton.test", password: String(repeating: "€", count: 23) + "x") == .refused)
            await #expect(throws: RuleViolation.self) {
                try await accounts.addUser(email: "long@halton.test", name: "Long", role: .member, department: nil, password: long)
            }
        }
    }
}

/// Pages for someone signed in are nobody else's to keep (issue 23, item 12).
@Suite struct PrivateResponseTests {
    @Test("signed-in pages and API answers are private, no-store; every page varies by cookie; the stylesheet stays cacheable",
          arguments: ["/plans/ULS", "/plans/ULS/reports/2009-10-Q2", "/councils/HALTON", "/data-quality"])
    func headers(path: String) async throws {
        try await withPeople { people, client in
            let member = Browser(client)
            _ = try await member.signIn(.member)
            let signedIn = try await member.get(path)
            #expect(signedIn.headers[.cacheControl] == "private, no-store", "\(path)")
            #expect(signedIn.headers[.vary]?.contains("Cookie") == true, "\(path)")
            try await client.execute(uri: "/api/v1/plans/ULS", method: .get, headers: people.headers(.member)) {
                #expect($0.headers[.cacheControl] == "private, no-store")
            }
            let anonymous = try await Browser(client).get("/plans/ULS")
            #expect(anonymous.headers[.cacheControl] == nil && anonymous.headers[.vary]?.contains("Cookie") == true)
            let css = try await member.get("/static/app.css")
            #expect(css.headers[.cacheControl]?.contains("max-age") == true)
        }
    }
}
