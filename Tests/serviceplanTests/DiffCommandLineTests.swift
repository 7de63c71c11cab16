import Foundation
import Testing

/// `serviceplan diff`: two plan files, or two versions of a stored plan, compared in words.
@Suite struct DiffCommandLineTests {
    let cli = CommandLineTests()

    /// The Halton plan with one change of each kind a reader asks about: a target, the owner of
    /// an objective, a risk score and a milestone removed.
    func edited() throws -> String {
        let yaml = try String(contentsOfFile: CommandLineTests.haltonFile, encoding: .utf8)
        var edited = yaml
        for (from, to) in [("2009/10: 40.5,", "2009/10: 41.5,"), ("responsibleOfficer: DM 14-19", "responsibleOfficer: DM 14-19 (acting)"),
                           ("residual: {score: 8}", "residual: {score: 6}")] {
            #expect(edited.components(separatedBy: from).count == 2, "\(from) is in the plan once")
            edited = edited.replacingOccurrences(of: from, with: to)
        }
        let milestone = "    - text: Map the range and quality of post-16 provision in the borough by March 2010\n      due: 2010-03-31\n"
        #expect(edited.components(separatedBy: milestone).count == 2)
        return edited.replacingOccurrences(of: milestone, with: "")
    }

    static let expected = [
        "ULS 5 responsible officer changed from DM 14-19 to DM 14-19 (acting)",
        "ULS 5 residual risk moved from 8 (medium) to 6 (medium)",
        "Milestone removed from ULS 5 (2009/10): Map the range and quality of post-16 provision in the borough by March 2010",
        "NI80 target for 2009/10 changed from 40.5 to 41.5",
    ]

    @Test("diff A.yaml B.yaml prints one line per change, in words, and exits 0")
    func files() throws {
        let b = cli.temporary("b.yaml")
        try edited().write(toFile: b, atomically: true, encoding: .utf8)
        let run = try cli.run(["diff", CommandLineTests.haltonFile, b])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").map(String.init).sorted() == Self.expected.sorted())
        // The same file twice: nothing changed, nothing printed, still 0.
        let same = try cli.run(["diff", CommandLineTests.haltonFile, CommandLineTests.haltonFile])
        #expect(same.status == 0 && same.stdout.isEmpty)
    }

    @Test("diff CODE compares stored versions: the latest with the one before by default, any two with --from and --to")
    func versions() throws {
        let db = cli.temporary("db.sqlite"), b = cli.temporary("b.yaml")
        try edited().write(toFile: b, atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", "--db", db, CommandLineTests.haltonFile]).status == 0)
        #expect(try cli.run(["import", "--db", db, b]).status == 0)
        let latest = try cli.run(["diff", "ULS", "--db", db])
        #expect(latest.status == 0, "\(latest.stderr)")
        #expect(latest.stdout.split(separator: "\n").map(String.init).sorted() == Self.expected.sorted())
        #expect(try cli.run(["diff", "ULS", "--from", "1", "--to", "2", "--db", db]).stdout == latest.stdout)
        // Back again: a third version; from the first to the third nothing has changed (the milestone
        // added back has a new storage id, but the same words).
        #expect(try cli.run(["import", "--db", db, CommandLineTests.haltonFile]).status == 0)
        let listed = try cli.run(["diff", "ULS", "--versions", "--db", db]).stdout.split(separator: "\n")
        #expect(listed.count == 3 && listed[1].hasPrefix("2\t") && listed[1].hasSuffix("\t3 items changed"))
        #expect(try cli.run(["diff", "ULS", "--from", "1", "--to", "3", "--db", db]).stdout.isEmpty)
        // From before the plan existed: every item added.
        let created = try cli.run(["diff", "ULS", "--from", "0", "--to", "1", "--db", db]).stdout
        #expect(created.contains("Indicator NI80 added: % of young people achieving Level 3 qualification by 19\n"))
        // Versions that do not exist, and files mixed with version options, are refused on standard error.
        let tooFar = try cli.run(["diff", "ULS", "--to", "4", "--db", db])
        #expect(tooFar.status == 1 && tooFar.stderr.contains("--to 4: ULS has versions 0 to 3") && tooFar.stdout.isEmpty)
        #expect(try cli.run(["diff", "ULS", "--from=-1", "--db", db]).stderr.contains("--from -1: ULS has versions 0 to 3"))
        let backwards = try cli.run(["diff", "ULS", "--from", "3", "--to", "2", "--db", db])
        #expect(backwards.status == 1 && backwards.stderr.contains("--from 3 is after --to 2"))
        #expect(try cli.run(["diff", "NOPE", "--db", db]).stderr.contains("no plan with code NOPE"))
        #expect(try cli.run(["diff", CommandLineTests.haltonFile, b, "--from", "1"]).status != 0)
    }

    @Test("a bad plan file is named with its line and field; nothing is compared")
    func badFile() throws {
        let bad = cli.temporary("bad.yaml")
        try (try edited()).replacingOccurrences(of: "2009/10: 41.5,", with: "2009/10: lots,").write(toFile: bad, atomically: true, encoding: .utf8)
        let run = try cli.run(["diff", CommandLineTests.haltonFile, bad])
        #expect(run.status == 1 && run.stdout.isEmpty)
        #expect(run.stderr.contains(bad) && run.stderr.contains("targets"))
        let missing = try cli.run(["diff", CommandLineTests.haltonFile, cli.temporary("absent.yaml")])
        #expect(missing.status == 1 && missing.stderr.contains("cannot be read"))
        // A folder, and an empty file, say what they are (found by a hostile review).
        let folder = try cli.run(["diff", CommandLineTests.haltonFile, FileManager.default.temporaryDirectory.path])
        #expect(folder.status == 1 && folder.stderr.contains("is a folder, not a plan file"))
        let empty = try cli.run(["diff", CommandLineTests.haltonFile, "/dev/null"])
        #expect(empty.status == 1 && !empty.stderr.contains("cannot be read") && empty.stderr.contains("/dev/null"))
        // A device that never ends is read no further than the limit.
        let endless = try cli.run(["diff", CommandLineTests.haltonFile, "/dev/zero"])
        #expect(endless.status == 1 && endless.stderr.contains("is over 5000000 bytes"))
    }
}

/// `serviceplan audit --security`: account changes made from the command line, in the security log.
@Suite struct SecurityLogCommandLineTests {
    let cli = CommandLineTests()

    @Test("users and tokens commands are logged with the operating-system user; a token never is")
    func logged() throws {
        let db = cli.temporary("db.sqlite")
        #expect(try cli.run(["users", "add", "o@halton.gov.uk", "--name", "O", "--role", "officer", "--db", db]).status == 0)
        #expect(try cli.run(["users", "set-role", "o@halton.gov.uk", "director", "--department", "ULS", "--db", db]).status == 0)
        let token = try cli.run(["tokens", "create", "o@halton.gov.uk", "--db", db]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.run(["tokens", "revoke", "--token-stdin", "--db", db], input: token + "\n").status == 0)
        #expect(try cli.run(["users", "disable", "o@halton.gov.uk", "--db", db]).status == 0)
        let log = try cli.run(["audit", "--security", "--db", db])
        #expect(log.status == 0, "\(log.stderr)")
        let kinds = log.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }.compactMap { $0.count > 1 ? $0[1] : nil }
        #expect(kinds == ["accountDisabled", "tokenRevoked", "tokenCreated", "roleChanged", "accountAdded"])
        #expect(log.stdout.contains("command line (") && log.stdout.contains("\tcommand line\t"))
        // The token revoked from standard input is named by its owner, never by itself.
        #expect(log.stdout.split(separator: "\n").first { $0.contains("\ttokenRevoked\t") }?.contains("\to@halton.gov.uk\t") == true)
        #expect(!token.isEmpty && !log.stdout.contains(token))
        #expect(try cli.run(["audit", "ULS", "--security", "--db", db]).status != 0, "a plan or the security log, not both")
    }
}
