import Foundation
import Testing

/// `serviceplan remind` as cron runs it (docs/reminders.md): a dry run lists what is due and
/// sends nothing; a run hands each message to the mail command once; a failing command is
/// reported with exit 3 and the message kept for the next run.
@Suite struct RemindCommandLineTests {
    let cli = CommandLineTests()

    /// The Halton plan with a director of ULS; no return entered, so after Q3 2009/10's deadline
    /// (Thursday 21 January 2010) every line is late.
    func database() throws -> String {
        let db = cli.temporary("remind.sqlite")
        #expect(try cli.run(["import", "--db", db, CommandLineTests.haltonFile]).status == 0)
        let added = try cli.run(["users", "add", "dee.director@halton.gov.uk", "--name", "Dee Director", "--role", "director",
                                 "--department", "ULS", "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        return db
    }

    func fakeSendmail(failing: Bool) throws -> (command: String, spool: String) {
        let spool = cli.temporary("spool")
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        let script = cli.temporary("sendmail.sh")
        let body = failing ? "cat > /dev/null\necho 'smtp: connection refused' >&2\nexit 69\n" : "cat > \"\(spool)/$$.eml\"\n"
        try ("#!/bin/sh\n" + body).write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        return (script, spool)
    }

    @Test("a dry run lists the director's late notice and sends nothing; a run sends it once; the next run sends nothing")
    func remind() throws {
        let db = try database()
        let dry = try cli.run(["remind", "--db", db, "--dry-run", "--today", "2010-01-25"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("due\tdee.director@halton.gov.uk\tULS return for Q3 2009/10 is late:"))
        #expect(dry.stdout.contains("1 reminder(s) due on 2010-01-25; 1 not yet recorded. Nothing was sent."))
        let (command, spool) = try fakeSendmail(failing: false)
        let sent = try cli.run(["remind", "--db", db, "--today", "2010-01-25", "--sendmail", "\(command) -t -i",
                                "--public-url", "https://plans.halton.gov.uk", "--mail-from", "Performance <perf@halton.gov.uk>"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("1 new reminder(s) recorded; 1 message(s) sent, 0 failed"))
        let files = try FileManager.default.contentsOfDirectory(atPath: spool)
        #expect(files.count == 1)
        let message = try String(contentsOfFile: spool + "/" + (files.first ?? ""), encoding: .utf8)
        #expect(message.contains("To: \"Dee Director\" <dee.director@halton.gov.uk>") && message.contains("From: Performance <perf@halton.gov.uk>"))
        // The plain-text part of the multipart/alternative message, and its Message-ID's domain.
        #expect(message.contains("@plans.halton.gov.uk>"))
        let plain = message.components(separatedBy: "Content-Type: text/plain; charset=utf-8").dropFirst().first ?? ""
        let body = (plain.components(separatedBy: "\r\n\r\n").dropFirst().first ?? "").components(separatedBy: "\r\n--").first?
            .replacingOccurrences(of: "\r\n", with: "") ?? ""
        let text = Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(text.contains("https://plans.halton.gov.uk/plans/ULS/returns/2009-10-Q3#line-NI80"))
        let again = try cli.run(["remind", "--db", db, "--today", "2010-01-25", "--sendmail", command])
        #expect(again.stdout.contains("0 new reminder(s) recorded; 0 message(s) sent"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).count == 1)
        let after = try cli.run(["remind", "--db", db, "--dry-run", "--today", "2010-01-25"])
        #expect(after.stdout.contains("already recorded\tdee.director@halton.gov.uk"))
    }

    @Test("a mail command that fails: exit 3, the error on standard error, the reminder kept to send on a later run")
    func failing() throws {
        let db = try database()
        let (command, _) = try fakeSendmail(failing: true)
        let run = try cli.run(["remind", "--db", db, "--today", "2010-01-25", "--sendmail", command])
        #expect(run.status == 3)
        #expect(run.stderr.contains("exited with status 69: smtp: connection refused"))
        #expect(run.stdout.contains("1 new reminder(s) recorded; 0 message(s) sent, 1 failed (kept, to be tried again)"))
    }

    @Test("bad settings are refused naming the flag", arguments: [
        (["--remind-days", "5,x"], "--remind-days"), (["--remind-days", "99"], "--remind-days"), (["--sendmail", "sendmail -t"], "--sendmail"),
        (["--public-url", "plans.example"], "--public-url"), (["--today", "2010-02-30", "--dry-run"], "--today"),
    ])
    func refused(arguments: [String], flag: String) throws {
        let run = try cli.run(["remind", "--db", cli.temporary("x.sqlite")] + arguments + (arguments.contains("--sendmail") || arguments.contains("--dry-run") ? [] : ["--dry-run"]))
        #expect(run.status != 0)
        #expect(run.stderr.contains(flag), "\(run.stderr)")
    }
}
