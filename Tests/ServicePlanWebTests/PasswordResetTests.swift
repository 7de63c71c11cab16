import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
@testable import ServicePlanWeb
import Testing

/// Forgotten passwords (issue #13 part 3): the same answer whether or not the address has an
/// account, a link by email that works once within the hour, and a log of both.
@Suite struct PasswordResetTests {
    struct NoTransport: MailTransport {
        func send(_ message: MailMessage, from: String) async throws {}
    }

    static let mail = MailSettings(from: "sp@halton.test", baseURL: "https://plans.halton.test", transport: NoTransport())

    static func link(_ people: People) async throws -> String? {
        let body = try await people.stores.mail.recent(limit: 10).first { $0.message.key.hasPrefix("password-reset/") }?.message.body ?? ""
        return body.firstMatch(of: /https:\/\/plans\.halton\.test(\/password\/reset\/[A-Za-z0-9_-]{43})/).map { String($0.1) }
    }

    @Test("asking for a link gives the same page for an account, a stranger and a disabled account; only the account gets mail")
    func sameAnswer() async throws {
        try await withPeople(mail: Self.mail) { people, client in
            try await people.stores.accounts.disable(email: "member@halton.test")
            var pages: [String] = []
            for email in ["owner@halton.test", "nobody@halton.test", "member@halton.test"] {
                let browser = Browser(client)
                try await browser.get("/password/forgot")
                let response = try await browser.post("/password/forgot", [("email", email)])
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                pages.append(String(buffer: response.body).replacingOccurrences(of: email, with: "EMAIL"))
            }
            #expect(pages[0] == pages[1] && pages[1] == pages[2], "the page does not reveal which addresses have accounts")
            #expect(pages[0].contains("If EMAIL has an account, we have sent it a link"))
            let sent = try await people.stores.mail.recent(limit: 10)
            #expect(sent.map(\.message.toAddress) == ["owner@halton.test"])
            #expect(sent.first?.message.subject == "Reset your serviceplan password")
            let kinds = try await people.stores.accounts.securityLog(limit: 10, before: nil).filter { $0.kind == .passwordResetRequested }
            #expect(Set(kinds.map(\.subject)) == ["owner@halton.test", "nobody@halton.test", "member@halton.test"])
        }
    }

    @Test("the link opens a form once: a new password signs in, the old does not, the link then says it no longer works")
    func resetOnce() async throws {
        try await withPeople(mail: Self.mail) { people, client in
            let browser = Browser(client)
            try await browser.get("/password/forgot")
            _ = try await browser.post("/password/forgot", [("email", "owner@halton.test")])
            let path = try #require(try await Self.link(people))
            let form = try await browser.get(path)
            #expect(form.status == .ok && String(buffer: form.body).contains("Choose a new password"))
            #expect(try await browser.post(path, [("password", "short"), ("confirm", "short")]).status == .unprocessableContent)
            #expect(try await browser.post(path, [("password", "a long new password"), ("confirm", "a different one!!")]).status == .unprocessableContent)
            let done = try await browser.post(path, [("password", "a long new password"), ("confirm", "a long new password")])
            #expect(done.status == .ok && String(buffer: done.body).contains("Your password has been changed"))
            #expect(try await browser.get(path).status == .gone)
            #expect(try await browser.post(path, [("password", "yet another password"), ("confirm", "yet another password")]).status == .gone)
            #expect(try await people.stores.accounts.signIn(email: "owner@halton.test", password: People.password) == .refused)
            if case .signedIn = try await people.stores.accounts.signIn(email: "owner@halton.test", password: "a long new password") {} else {
                Issue.record("the new password signs in")
            }
            let log = try await people.stores.accounts.securityLog(limit: 20, before: nil)
            #expect(log.contains { $0.kind == .passwordReset && $0.subject == "owner@halton.test" })
            #expect(!log.contains { $0.detail.contains(path.split(separator: "/").last.map(String.init) ?? "x") })
        }
    }

    @Test("an hour later the link is dead; a made-up link is dead; the forms need their CSRF token")
    func expiredAndForged() async throws {
        let clock = TestClock()
        try await withPeople(now: clock.now, mail: Self.mail) { people, client in
            let browser = Browser(client)
            try await browser.get("/password/forgot")
            #expect(try await browser.post("/password/forgot", [("email", "owner@halton.test")], csrf: "forged").status == .forbidden)
            #expect(try await people.stores.mail.recent(limit: 10).isEmpty)
            _ = try await browser.post("/password/forgot", [("email", "owner@halton.test")])
            let path = try #require(try await Self.link(people))
            try await browser.get(path)
            #expect(try await browser.post(path, [("password", "a long new password"), ("confirm", "a long new password")], csrf: "forged").status == .forbidden)
            clock.advance(by: 3601)
            #expect(try await browser.get(path).status == .gone)
            #expect(try await browser.get("/password/reset/" + String(repeating: "A", count: 43)).status == .gone)
            #expect(try await browser.get("/password/reset/" + String(repeating: "A", count: 5000)).status == .gone)
        }
    }

    @Test("bad addresses get the error summary; without mail the page says to ask the performance team and sends nothing")
    func errorsAndNoMail() async throws {
        try await withPeople(mail: Self.mail) { people, client in
            let browser = Browser(client)
            try await browser.get("/password/forgot")
            for typed in ["", "not an address", String(repeating: "a", count: 300) + "@x.test"] {
                let response = try await browser.post("/password/forgot", [("email", typed)])
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("<a href=\"#email\">"))
            }
        }
        try await withPeople { people, client in
            let browser = Browser(client)
            let page = String(buffer: try await browser.get("/password/forgot").body)
            #expect(page.contains("Ask the performance team for a one-time password") && !page.contains("<form method=\"post\" action=\"/password/forgot\""))
            _ = try await browser.post("/password/forgot", [("email", "owner@halton.test")])
            #expect(try await people.stores.mail.recent(limit: 10).isEmpty)
            #expect(String(buffer: try await browser.get("/sign-in").body).contains("href=\"/password/forgot\""))
        }
    }

    @Test("the request log never holds a reset secret")
    func redacted() {
        #expect(RequestLogMiddleware<AppRequestContext>.redacted("/password/reset/abcDEF123") == "/password/reset/(secret)")
        #expect(RequestLogMiddleware<AppRequestContext>.redacted("//password//reset/abcDEF123?x=1") == "/password/reset/(secret)")
    }
}

/// Found by a hostile review; each fixed.
@Suite struct PasswordResetHostileReviewTests {
    @Test("the anonymous forms need their CSRF token however the path is spelled", arguments: [
        "/sign-in/", "//sign-in", "/password/forgot/", "//password/forgot", "/password//forgot", "//password/reset/abc", "/sign%2Din",
    ])
    func csrfPaths(path: String) async throws {
        try await withPeople(mail: PasswordResetTests.mail) { people, client in
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            let response = try await client.execute(uri: path, method: .post, headers: headers,
                                                    body: ByteBuffer(string: "email=owner%40halton.test&password=correct+horse+battery+staple"))
            #expect(response.status == .forbidden || response.status == .notFound, "\(response.status)")
            #expect(response.headers[.setCookie]?.contains("sp_session=") != true)
        }
    }

    @Test("a reset page's sign-in link does not carry the secret; sign-in will not return to one; the log hides one in a query")
    func secretStaysPut() async throws {
        try await withPeople(mail: PasswordResetTests.mail) { people, client in
            let browser = Browser(client)
            try await browser.get("/password/forgot")
            _ = try await browser.post("/password/forgot", [("email", "owner@halton.test")])
            let path = try #require(try await PasswordResetTests.link(people))
            let page = String(buffer: try await browser.get(path).body)
            #expect(!page.contains("next=%2Fpassword"))
            #expect(page.contains("action=\"\(path)\""))
            #expect(SignInController.safeNext(path) == "/" && SignInController.safeNext("%2Fpassword%2Freset%2Fabc") == "/")
            let logged = RequestLogMiddleware<AppRequestContext>.redacted("/sign-in?next=%2Fpassword%2Freset%2F" + (path.split(separator: "/").last.map(String.init) ?? ""))
            #expect(logged == "/sign-in?(redacted)")
        }
    }
}
