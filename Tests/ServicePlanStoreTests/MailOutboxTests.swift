import Foundation
import Logging
import ServicePlanDomain
@testable import ServicePlanStore
import Testing

/// The outbox (docs/reminders.md): each key recorded once, each message sent by one sender, a
/// failure kept and tried again, never lost; and the sendmail hand-over itself.
@Suite struct MailOutboxTests {
    static func message(_ n: Int, to address: String = "officer@t.test") -> MailMessage {
        MailMessage(key: "test/\(n)", toName: "Officer \(n)", toAddress: address, subject: "Subject \(n)", body: "Body \(n)\n")
    }

    /// Records what it is given, or fails while `failing` is set.
    final class RecordingTransport: MailTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var sentMessages: [MailMessage] = []
        private var isFailing = false
        var failing: Bool {
            get { lock.withLock { isFailing } }
            set { lock.withLock { isFailing = newValue } }
        }
        var sent: [MailMessage] { lock.withLock { sentMessages } }

        func send(_ message: MailMessage, from: String) async throws {
            try lock.withLock {
                if isFailing { throw MailSendError("connection refused by 127.0.0.1:25") }
                sentMessages.append(message)
            }
        }
    }

    static func mailer(_ stores: Stores, _ transport: any MailTransport) -> Mailer {
        Mailer(stores: stores, settings: MailSettings(from: "serviceplan <sp@t.test>", baseURL: "https://x.test/", transport: transport),
               monitoring: .standard(), logger: TestDatabase.logger)
    }

    @Test("a key is recorded once, however often and however many servers at once record it", arguments: TestDatabase.engines)
    func onceOnly(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let mail = SQLMailRepository(database: database)
            let batch = (0..<20).map { Self.message($0) }
            let added = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 { group.addTask { try await mail.enqueue(batch, now: Date()) } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(added.count == 20, "four servers recording the same 20 reminders add 20 between them")
            #expect(try await mail.enqueue(batch, now: Date()).isEmpty)
            #expect(try await mail.recent(limit: 100).count == 20)
        }
    }

    @Test("servers claiming at the same moment never take the same message", arguments: TestDatabase.engines)
    func claims(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let mail = SQLMailRepository(database: database)
            try await mail.enqueue((0..<40).map { Self.message($0) }, now: Date())
            let now = Date().addingTimeInterval(1)
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<4 { group.addTask { try await mail.claimDue(now: now, lease: 300, limit: 100).map(\.id) } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 40 && Set(claimed).count == 40)
            #expect(try await mail.claimDue(now: now, lease: 300, limit: 100).isEmpty, "claimed and unsent: kept off others for the lease")
            let afterLease = try await mail.claimDue(now: now.addingTimeInterval(301), lease: 300, limit: 100)
            #expect(afterLease.count == 40 && afterLease.allSatisfy { $0.attempts == 2 }, "a sender that died mid-send: taken again after the lease")
        }
    }

    @Test("an unreachable mail server: the message is kept with its error and tried again later, then sent once", arguments: TestDatabase.engines)
    func retried(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let stores = Stores(database: database, bcryptCost: 4)
            let transport = RecordingTransport()
            transport.failing = true
            let mailer = Self.mailer(stores, transport)
            try await stores.mail.enqueue([Self.message(1)], now: Date())
            let start = Date().addingTimeInterval(1)
            #expect(try await mailer.deliver(now: { start }) == Mailer.Delivery(sent: 0, failed: 1))
            let kept = try #require(try await stores.mail.recent(limit: 10).first)
            #expect(!kept.isSent && kept.attempts == 1 && kept.lastError?.contains("connection refused") == true)
            #expect(try await mailer.deliver(now: { start.addingTimeInterval(30) }) == Mailer.Delivery(), "not due again for a minute")
            transport.failing = false
            #expect(try await mailer.deliver(now: { start.addingTimeInterval(61) }) == Mailer.Delivery(sent: 1, failed: 0))
            #expect(try await mailer.deliver(now: { start.addingTimeInterval(3600) }) == Mailer.Delivery())
            #expect(transport.sent.map(\.key) == ["test/1"])
            #expect(try await stores.mail.recent(limit: 10).first?.isSent == true)
        }
    }

    @Test("retries back off from a minute to at most an hour")
    func backOff() {
        #expect([1, 2, 3, 7, 50].map(MailSettings.retryDelay(afterAttempts:)) == [60, 120, 240, 3600, 3600])
    }

    @Test("a password-reset link is not kept in the outbox once sent")
    func resetBodyDropped() async throws {
        try await TestDatabase.with("sqlite") { database in
            let stores = Stores(database: database, bcryptCost: 4)
            let transport = RecordingTransport()
            try await stores.mail.enqueue([MailMessage(key: "password-reset/abc", toName: "A", toAddress: "a@t.test", subject: "Reset",
                                                       body: "https://x.test/password/reset/SECRET")], now: Date())
            _ = try await Self.mailer(stores, transport).deliver(now: { Date().addingTimeInterval(1) })
            #expect(transport.sent.first?.body.contains("SECRET") == true)
            #expect(try await stores.mail.recent(limit: 1).first?.message.body.contains("SECRET") == false)
        }
    }

    // MARK: The sendmail hand-over

    static func script(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fake-sendmail-\(UUID().uuidString)").path
        try ("#!/bin/sh\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test("the message reaches the command as RFC 5322 text: one recipient, encoded subject, base64 body; a name cannot add a header")
    func handedOver() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sent-\(UUID().uuidString).eml").path
        let command = try Self.script("echo \"$@\" > \(out).args\ncat > \(out)\n")
        let transport = SendmailTransport(command: [command, "-t", "-i"], messageDomain: SendmailTransport.messageDomain(publicURL: "https://Plans.Halton.gov.uk/x"))
        let body = "Dear Zoë,\n\nA line of well over seventy-six characters, which relays would otherwise have to wrap somewhere.\n"
        try await transport.send(MailMessage(key: "k", toName: "Zoë\r\nBcc: victim@evil.test", toAddress: "zoe@t.test",
                                             subject: "Q1 2009/10 – 2 lines", body: body),
                                 from: "serviceplan <sp@t.test>")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let headers = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(try String(contentsOfFile: out + ".args", encoding: .utf8) == "-t -i\n")
        #expect(headers.contains("From: serviceplan <sp@t.test>"))
        #expect(headers.contains("To: =?UTF-8?B?") && headers.contains("<zoe@t.test>"))
        #expect(!headers.contains("\r\nBcc:"), "a line break in a name cannot start a header")
        #expect(headers.contains("Subject: =?UTF-8?B?\(Data("Q1 2009/10 – 2 lines".utf8).base64EncodedString())?="))
        #expect(headers.contains("Auto-Submitted: auto-generated"))
        // multipart/alternative: the plain text, then the same words as HTML (issue 23, item 19).
        let boundary = try #require(headers.firstMatch(of: /boundary="([^"]+)"/).map { String($0.1) })
        #expect(headers.contains("Content-Type: multipart/alternative; boundary="))
        let parts = text.components(separatedBy: "--\(boundary)").dropFirst().dropLast()
        #expect(parts.count == 2)
        func decoded(_ part: String) -> String {
            let encoded = part.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
            return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        let plain = try #require(parts.first), html = try #require(parts.last)
        #expect(plain.contains("Content-Type: text/plain; charset=utf-8") && plain.contains("Content-Transfer-Encoding: base64"))
        #expect(decoded(plain) == body)
        #expect(html.contains("Content-Type: text/html; charset=utf-8"))
        let page = decoded(html)
        #expect(page.contains("<html lang=\"en-GB\">") && page.contains("<p>Dear Zoë,</p>") && page.contains("<title>Q1 2009/10 – 2 lines</title>"))
        #expect(headers.contains("@plans.halton.gov.uk>"), "the Message-ID's domain is the public address's host")
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
    }

    @Test("the HTML part says the same words: lists as lists, addresses as links, nothing unescaped")
    func htmlPart() {
        let body = "Dear <Sam> & co,\n\nThese lines are empty:\n\n- NI80 Level 3 \"at 19\"\n  https://plans.test/plans/ULS/returns/2009-10-Q1#line-NI80\n- ULS 1 milestone: x\n\nFill them in at https://plans.test/a?b=1&c=2\n"
        let html = MailFormat.html(MailMessage(key: "k", toName: "S", toAddress: "s@t.test", subject: "<Subject>", body: body))
        #expect(html.contains("<title>&lt;Subject&gt;</title>"))
        #expect(html.contains("<p>Dear &lt;Sam&gt; &amp; co,</p>"))
        #expect(html.contains("<ul>\n<li>NI80 Level 3 &quot;at 19&quot;<br>\n<a href=\"https://plans.test/plans/ULS/returns/2009-10-Q1#line-NI80\">"))
        #expect(html.contains("<li>ULS 1 milestone: x</li>"))
        #expect(html.contains("<a href=\"https://plans.test/a?b=1&amp;c=2\">https://plans.test/a?b=1&amp;c=2</a>"))
        #expect(!html.contains("<Sam>"))
    }

    @Test("a command that fails, hangs or is missing gives an error naming it; nothing traps")
    func failures() async throws {
        let refusing = try Self.script("cat > /dev/null\necho 'relay refused' >&2\nexit 75\n")
        await #expect(throws: MailSendError.self) { try await SendmailTransport(command: [refusing]).send(Self.message(1), from: "a@t.test") }
        do {
            try await SendmailTransport(command: [refusing]).send(Self.message(1), from: "a@t.test")
        } catch {
            #expect("\(error)".contains("exited with status 75: relay refused"))
        }
        let hanging = try Self.script("sleep 30\n")
        do {
            try await SendmailTransport(command: [hanging], timeout: 1).send(Self.message(1), from: "a@t.test")
            Issue.record("a hanging command must fail")
        } catch {
            #expect("\(error)".contains("took longer than 1 seconds"))
        }
        await #expect(throws: MailSendError.self) {
            try await SendmailTransport(command: ["/nonexistent/sendmail"]).send(Self.message(1), from: "a@t.test")
        }
        await #expect(throws: MailSendError.self) { try await SendmailTransport(command: []).send(Self.message(1), from: "a@t.test") }
    }

    // MARK: Password-reset links

    @Test("a reset link: made only for an enabled account, not twice in two minutes, used once, dead after an hour", arguments: TestDatabase.engines)
    func passwordReset(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let accounts = SQLAccountRepository(database: database, bcryptCost: 4)
            try await accounts.addUser(email: "p@t.test", name: "P", role: .officer, department: "T", password: "the old password here")
            try await accounts.addUser(email: "gone@t.test", name: "G", role: .officer, department: "T", password: "the old password here")
            try await accounts.disable(email: "gone@t.test")
            let now = Date()
            #expect(try await accounts.createPasswordReset(email: "nobody@t.test", now: now) == nil)
            #expect(try await accounts.createPasswordReset(email: "gone@t.test", now: now) == nil)
            let made = try #require(try await accounts.createPasswordReset(email: " P@T.test ", now: now))
            #expect(made.user.email == "p@t.test")
            #expect(try await accounts.createPasswordReset(email: "p@t.test", now: now.addingTimeInterval(60)) == nil)
            let session = try await accounts.createSession(for: made.user, lifetime: 3600, now: now)
            #expect(try await accounts.user(passwordReset: made.secret, now: now)?.email == "p@t.test")
            #expect(try await accounts.user(passwordReset: made.secret + "x", now: now) == nil)
            #expect(try await accounts.user(passwordReset: made.secret, now: now.addingTimeInterval(3601)) == nil)
            #expect(try await accounts.resetPassword(secret: made.secret, password: "a new password now", now: now.addingTimeInterval(3601)) == nil)
            // Five uses of one link at once: one wins.
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<5 {
                    group.addTask { try await accounts.resetPassword(secret: made.secret, password: "new password number \(n)", now: now) != nil }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await accounts.user(passwordReset: made.secret, now: now) == nil)
            #expect(try await accounts.session(token: session.token, now: now) == nil, "the reset ends the account's sessions")
            #expect(try await accounts.signIn(email: "p@t.test", password: "the old password here", now: now) == .refused)
            let second = try #require(try await accounts.createPasswordReset(email: "p@t.test", now: now.addingTimeInterval(121)))
            #expect(second.secret != made.secret)
        }
    }
}

/// Found by a hostile review of the mail and reset work; each fixed, each tested here.
@Suite struct MailHostileReviewTests {
    @Test("a send that outlasts its claim does not send again what another server took meanwhile", arguments: TestDatabase.engines)
    func lapsedClaim(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let mail = SQLMailRepository(database: database)
            try await mail.enqueue([MailOutboxTests.message(1)], now: Date())
            let start = Date().addingTimeInterval(1)
            let first = try #require(try await mail.claimDue(now: start, lease: 300, limit: 10).first)
            let second = try #require(try await mail.claimDue(now: start.addingTimeInterval(301), lease: 300, limit: 10).first)
            #expect(try await mail.renewClaim(id: first.id, claim: first.claim ?? "", now: start.addingTimeInterval(302), lease: 300) == false)
            #expect(try await mail.renewClaim(id: second.id, claim: second.claim ?? "", now: start.addingTimeInterval(302), lease: 300))
        }
    }

    @Test("a reset email that could not be sent within the link's hour is given up and its link dropped")
    func expiredReset() async throws {
        try await TestDatabase.with("sqlite") { database in
            let stores = Stores(database: database, bcryptCost: 4)
            let transport = MailOutboxTests.RecordingTransport()
            let created = Date()
            try await stores.mail.enqueue([MailMessage(key: "password-reset/x", toName: "A", toAddress: "a@t.test", subject: "Reset",
                                                       body: "https://x.test/password/reset/SECRET")], now: created)
            let delivery = try await MailOutboxTests.mailer(stores, transport).deliver(now: { created.addingTimeInterval(3700) })
            #expect(delivery == Mailer.Delivery(sent: 0, failed: 1) && transport.sent.isEmpty)
            let kept = try #require(try await stores.mail.recent(limit: 1).first)
            #expect(!kept.message.body.contains("SECRET") && kept.nextAttemptAt.hasPrefix("9999"))
        }
    }

    @Test("shutting down stops a hung mail command, long before its own end or the timeout")
    func cancelled() async throws {
        // Ten minutes of command and of timeout: only the cancellation can end the send sooner.
        // The bound is loose because other suites' synchronous process waits can hold the
        // test's threads for many seconds on a busy two-core machine.
        let hanging = try MailOutboxTests.script("exec sleep 600\n")
        let started = ContinuousClock.now
        let task = Task { try await SendmailTransport(command: [hanging], timeout: 600).send(MailOutboxTests.message(1), from: "a@t.test") }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        await #expect(throws: MailSendError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(120))
    }

    @Test("an address that mail headers would change is refused, not sent elsewhere; such addresses cannot be given to accounts")
    func addresses() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString)").path
        let command = try MailOutboxTests.script("cat > \(out)\n")
        for address in ["we,ird@t.test", "a<b>@t.test", "x@t.test\r\nBcc: y@t.test"] {
            await #expect(throws: MailSendError.self) {
                try await SendmailTransport(command: [command]).send(MailOutboxTests.message(1, to: address), from: "a@t.test")
            }
            #expect(throws: RuleViolation.self) { try User.checkEmail(address) }
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a name must be one line of at most 200 characters (the command line too)")
    func names() async throws {
        try await TestDatabase.with("sqlite") { database in
            let accounts = SQLAccountRepository(database: database, bcryptCost: 4)
            for name in ["Eve\r\nBcc: victim@evil.test", String(repeating: "n", count: 201)] {
                await #expect(throws: RuleViolation.self) {
                    try await accounts.addUser(email: "eve@t.test", name: name, role: .officer, department: nil, password: "a long password here")
                }
            }
        }
    }

    @Test("a new password, a one-time password, or disabling and re-enabling the account ends every reset link sent before",
          arguments: ["password", "one-time", "disable and enable"])
    func linksEnd(change: String) async throws {
        try await TestDatabase.with("sqlite") { database in
            let accounts = SQLAccountRepository(database: database, bcryptCost: 4)
            try await accounts.addUser(email: "p@t.test", name: "P", role: .officer, department: nil, password: "the old password here")
            let secret = try #require(try await accounts.createPasswordReset(email: "p@t.test", now: Date())?.secret)
            switch change {
            case "password": try await accounts.setPassword(email: "p@t.test", password: "a brand new password")
            case "one-time": _ = try await accounts.issueOneTimePassword(email: "p@t.test")
            default:
                try await accounts.disable(email: "p@t.test")
                try await accounts.enable(email: "p@t.test")
            }
            #expect(try await accounts.user(passwordReset: secret, now: Date()) == nil)
            #expect(try await accounts.resetPassword(secret: secret, password: "an attacker's choice", now: Date()) == nil)
        }
    }
}
