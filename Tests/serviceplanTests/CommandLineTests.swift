import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Runs the built `serviceplan` binary as a council's script would, asserting its output,
/// its errors on standard error and its exit status.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable sits beside the test bundle in the build folder.
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder = folder.deletingLastPathComponent() }
        return folder.appendingPathComponent("serviceplan")
    }

    func run(_ arguments: [String], input: String? = nil) throws -> Run {
        try run(at: Self.binary.path, arguments, input: input)
    }

    func run(at executable: String, _ arguments: [String], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-cli-\(UUID().uuidString)-\(name)").path
    }

    /// The repository's plan file, found from this source file's location.
    static var haltonFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("plans/halton-uls-2009-12.yaml").path
    }

    @Test("import, plans and export work on one database")
    func importListExport() throws {
        let db = temporary("db.sqlite")
        let imported = try run(["import", "--db", db, Self.haltonFile])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Imported ULS"))

        let plans = try run(["plans", "--db", db])
        #expect(plans.stdout == "ULS\t2009/10–2011/12\tdraft\tUniversal & Learning Services Service Plan 2009–12\n")

        let yaml = try run(["export", "ULS", "--db", db])
        #expect(yaml.status == 0)
        #expect(yaml.stdout == (try String(contentsOfFile: Self.haltonFile, encoding: .utf8)))

        let json = try run(["export", "ULS", "--format", "json", "--db", db])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["code"] as? String == "ULS")

        let csv = try run(["export", "ULS", "--format", "csv", "--db", db])
        #expect(csv.stdout.split(separator: "\r\n").count == 18)
    }

    @Test("an edited export imports back and the change shows")
    func editRoundTrip() throws {
        let db = temporary("db.sqlite")
        _ = try run(["import", "--db", db, Self.haltonFile])
        let yaml = try run(["export", "ULS", "--db", db]).stdout
        let edited = yaml.replacingOccurrences(of: "targets: {2008/09: 38.9, 2009/10: 40.5,", with: "targets: {2008/09: 38.9, 2009/10: 41.5,")
        #expect(edited != yaml)
        let file = temporary("edited.yaml")
        try edited.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try run(["import", "--db", db, file]).status == 0)
        #expect(try run(["export", "ULS", "--db", db]).stdout == edited)
    }

    @Test("a bad file is refused on standard error with file, line and field, and nothing is written")
    func badImport() throws {
        let db = temporary("db.sqlite")
        _ = try run(["import", "--db", db, Self.haltonFile])
        let before = try run(["export", "ULS", "--db", db]).stdout
        let bad = temporary("bad.yaml")
        try before.replacingOccurrences(of: "polarity: lowerIsBetter", with: "polarity: up")
            .replacingOccurrences(of: "title: Universal & Learning Services Service Plan 2009–12", with: "title: Changed")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try run(["import", "--db", db, bad])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(#"\#(bad):"#))
        #expect(result.stderr.contains(#".polarity: "up" is not one of higherIsBetter, lowerIsBetter"#))
        #expect(try run(["export", "ULS", "--db", db]).stdout == before)
    }

    @Test("exporting an unknown plan fails with a message on standard error")
    func unknownPlan() throws {
        let result = try run(["export", "NOPE", "--db", temporary("db.sqlite")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no plan with code NOPE"))
    }

    @Test("--db and --database-url together are refused")
    func conflictingOptions() throws {
        let result = try run(["plans", "--db", temporary("db.sqlite"), "--database-url", "postgres://localhost/x"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("either --db or --database-url"))
    }

    @Test("a missing file is reported by name")
    func missingFile() throws {
        let result = try run(["import", "--db", temporary("db.sqlite"), "/nonexistent/plan.yaml"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/plan.yaml"))
    }
}

/// Accounts, tokens and the audit trail from the command line.
@Suite struct PeopleCommandLineTests {
    let cli = CommandLineTests()

    @Test("users add prints a one-time password once; list, set-role and disable work; tokens create prints the token alone")
    func users() throws {
        let db = cli.temporary("db.sqlite")
        let added = try cli.run(["users", "add", "Olu.Officer@Halton.gov.uk", "--name", "Olu Officer", "--role", "officer",
                                 "--department", "ULS", "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        let lines = added.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].count == 20, "a generated one-time password")

        let again = try cli.run(["users", "add", "olu.officer@halton.gov.uk", "--name", "X", "--role", "member", "--db", db])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already has an account"))

        let bad = try cli.run(["users", "add", "someone", "--name", "X", "--role", "member", "--db", db])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("is not an email address"))

        #expect(try cli.run(["users", "set-role", "olu.officer@halton.gov.uk", "director", "--department", "ULS", "--db", db]).status == 0)
        let token = try cli.run(["tokens", "create", "olu.officer@halton.gov.uk", "--db", db])
        #expect(token.status == 0)
        #expect(token.stdout.trimmingCharacters(in: .newlines).count == 43)
        #expect(token.stdout.split(separator: "\n").count == 1)

        #expect(try cli.run(["users", "disable", "olu.officer@halton.gov.uk", "--db", db]).status == 0)
        let list = try cli.run(["users", "list", "--db", db])
        #expect(list.stdout == "olu.officer@halton.gov.uk\tdirector\tULS\tOlu Officer\tdisabled\n")
    }

    /// The last admin cannot be removed from the command line (issue 23, item 10), and a
    /// disabled account can be enabled again.
    @Test("set-role and disable refuse to leave no enabled admin; users enable brings an account back")
    func lastAdmin() throws {
        let db = cli.temporary("db.sqlite")
        for (email, role) in [("a1@halton.gov.uk", "admin"), ("a2@halton.gov.uk", "admin")] {
            #expect(try cli.run(["users", "add", email, "--name", "A", "--role", role, "--db", db]).status == 0)
        }
        #expect(try cli.run(["users", "disable", "a1@halton.gov.uk", "--db", db]).status == 0, "another admin remains")
        let demote = try cli.run(["users", "set-role", "a2@halton.gov.uk", "member", "--db", db])
        #expect(demote.status == 1 && demote.stderr.contains("a2@halton.gov.uk is the last enabled admin"), "\(demote.stderr)")
        let disable = try cli.run(["users", "disable", "a2@halton.gov.uk", "--db", db])
        #expect(disable.status == 1 && disable.stderr.contains("is the last enabled admin"), "\(disable.stderr)")
        let enabled = try cli.run(["users", "enable", "a1@halton.gov.uk", "--db", db])
        #expect(enabled.status == 0 && enabled.stdout == "a1@halton.gov.uk is enabled.\n", "\(enabled.stderr)")
        #expect(try cli.run(["users", "set-role", "a2@halton.gov.uk", "member", "--db", db]).status == 0, "a1 is an admin again")
        let list = try cli.run(["users", "list", "--db", db]).stdout
        #expect(list.contains("a1@halton.gov.uk\tadmin\t-\tA\tactive") && list.contains("a2@halton.gov.uk\tmember"), "\(list)")
        #expect(try cli.run(["users", "enable", "nobody@halton.gov.uk", "--db", db]).status == 1)
    }

    @Test("users add --password-stdin takes the password from standard input and prints none")
    func passwordFromStdin() throws {
        let db = cli.temporary("db.sqlite")
        let result = try cli.run(["users", "add", "m@halton.gov.uk", "--name", "M", "--role", "member", "--password-stdin", "--db", db],
                                 input: "a long enough password\n")
        #expect(result.status == 0)
        #expect(!result.stdout.contains("a long enough password"))
        let short = try cli.run(["users", "add", "n@halton.gov.uk", "--name", "N", "--role", "member", "--password-stdin", "--db", db],
                                input: "short\n")
        #expect(short.status != 0)
        #expect(short.stderr.contains("at least 12 characters"))
    }

    @Test("audit shows who changed what through the command line")
    func audit() throws {
        let db = cli.temporary("db.sqlite")
        _ = try cli.run(["import", "--db", db, CommandLineTests.haltonFile])
        let yaml = try cli.run(["export", "ULS", "--db", db]).stdout
        let file = cli.temporary("edited.yaml")
        try yaml.replacingOccurrences(of: "responsibleOfficer: DM 14-19", with: "responsibleOfficer: DM 14-19 (acting)")
            .write(toFile: file, atomically: true, encoding: .utf8)
        _ = try cli.run(["import", "--db", db, file])
        let audit = try cli.run(["audit", "ULS", "--db", db, "--limit", "1"])
        #expect(audit.stdout.contains("command line ("))
        #expect(audit.stdout.contains("import\tupdate objective ULS 5"))
        #expect(audit.stdout.contains(#"responsibleOfficer: "DM 14-19" → "DM 14-19 (acting)""#))

        let verified = try cli.run(["audit", "verify", "--db", db])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("ULS: ") && verified.stdout.contains("the chain verifies"))
        // An edit behind serviceplan's back, with the sqlite3 shell where it is installed.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            shell.arguments = [db, "UPDATE audit_log SET actor = 'nobody' WHERE id = (SELECT MIN(id) FROM audit_log)"]
            try shell.run()
            shell.waitUntilExit()
            let broken = try cli.run(["audit", "verify", "ULS", "--db", db])
            #expect(broken.status == 1)
            #expect(broken.stderr.contains("does not verify") && broken.stderr.contains("audit record 1 "))
        }
        // An unknown code, or one in the wrong case, is an error, as for `export` (issue 23, item 14).
        for command in [["audit", "verify", "NOPE"], ["audit", "NOPE"], ["audit", "verify", "uls"], ["audit", "uls"]] {
            let unknown = try cli.run(command + ["--db", db])
            #expect(unknown.status == 1, "\(command)")
            #expect(unknown.stderr.contains("no plan with code \(command.last ?? "")"), "\(command): \(unknown.stderr)")
        }
    }
}

/// `serviceplan report`: the monitoring report to a file.
@Suite struct ReportCommandLineTests {
    let cli = CommandLineTests()

    /// A database served once, so it holds the Halton plan and its six example quarters.
    func exampleDatabase() throws -> String {
        let db = cli.temporary("db.sqlite")
        let port = Int.random(in: 20000..<60000)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--db", db, "--port", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        // The example quarters are written before the server listens: wait for the last one's report.
        for _ in 0..<100 {
            if let result = try? cli.run(["report", "ULS", "2010-11-Q2", "--format", "csv", "--output", cli.temporary("probe.csv"), "--db", db]),
               result.status == 0 { return db }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw CocoaError(.fileReadUnknown)
    }

    @Test("report writes HTML with its stylesheet inside, and CSV; exceptions and the public version filter")
    func htmlAndCSV() throws {
        let db = try exampleDatabase()
        let html = cli.temporary("report.html")
        let result = try cli.run(["report", "ULS", "2009-10-Q2", "--format", "html", "--output", html, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<style>"))
        #expect(page.contains("7 Equality actions"))
        #expect(page.contains("Example data — not Halton"))
        let csv = cli.temporary("report.csv")
        #expect(try cli.run(["report", "ULS", "2009-10-Q2", "--format", "csv", "--exceptions", "--output", csv, "--db", db]).status == 0)
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\r\n")
        #expect(rows.filter { $0.hasPrefix("indicator,") }.count == 9, "six amber and three red")
        // Six example quarters: the last one's directions compare with a year and a quarter before.
        let latest = cli.temporary("latest.csv")
        #expect(try cli.run(["report", "ULS", "2010-11-Q2", "--format", "csv", "--output", latest, "--db", db]).status == 0)
        let latestRows = try String(contentsOfFile: latest, encoding: .utf8).split(separator: "\r\n")
        #expect(latestRows.contains { $0.hasPrefix("note,,Example data") })
        let ni80 = try #require(latestRows.first { $0.hasPrefix("indicator,NI80,") })
        #expect(ni80.contains(",42.5%,42.2%,On target,,Better,Better,"), "42.5 against 41.2 a year before and 41.8 a quarter before")
        let ni73 = try #require(latestRows.first { $0.hasPrefix("indicator,NI73,") })
        #expect(ni73.contains(",Worse,Worse,"), "75 against 78 and 76")
        let missing = try cli.run(["report", "ULS", "2010-11-Q3", "--output", cli.temporary("x.html"), "--db", db])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("There is no return for Q3 2010/11"))
        let bad = try cli.run(["report", "ULS", "2009-10", "--output", cli.temporary("x.html"), "--db", db])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("is not a quarter"))
    }

    /// Whether something accepts TCP connections on the loopback port.
    static func listening(port: Int) -> Bool {
        guard let fd = connected(port: port) else { return false }
        close(fd)
        return true
    }

    /// A socket connected to 127.0.0.1:`port`, which the caller closes; nil when nothing listens.
    static func connected(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            close(fd)
            return nil
        }
        return fd
    }

    /// A plain HTTP/1.1 GET over a socket: the whole response as text.
    static func get(port: Int, path: String) -> String? {
        guard let fd = connected(port: port) else { return nil }
        defer { close(fd) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return nil }
        var response: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response += buffer[..<n]
        }
        return String(decoding: response, as: UTF8.self)
    }

    @Test("serve --log-format json writes one JSON object per line, and each request's line has the id its response carries")
    func jsonLog() throws {
        let db = cli.temporary("log.sqlite"), log = cli.temporary("serve.log")
        FileManager.default.createFile(atPath: log, contents: nil)
        let port = Int.random(in: 20000..<60000)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--db", db, "--port", String(port), "--no-example-data", "--log-format", "json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        var up = false
        for _ in 0..<150 where !up {
            up = Self.listening(port: port)
            if !up { Thread.sleep(forTimeInterval: 0.1) }
        }
        let response = try #require(Self.get(port: port, path: "/plans/ULS?from=log-test"))
        let id = try #require(response.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-request-id:") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces))
        process.terminate()
        process.waitUntilExit()
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)") }
        #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        // One access line per request, written at its end with what an operator sorts by (issue 23, item 18).
        let access = objects.filter { $0["hb.request.id"] as? String == id && $0["message"] as? String == "Request" }
        #expect(access.count == 1, "\(access)")
        let line = try #require(access.first)
        #expect(line["hb.request.path"] as? String == "/plans/ULS?from=log-test" && line["hb.request.method"] as? String == "GET")
        #expect(line["http.route"] as? String == "/plans/{code}" && line["http.response.status_code"] as? String == "200", "\(line)")
        #expect((line["http.server.request.duration"] as? String).flatMap(Double.init).map { $0 > 0 } == true, "\(line)")
    }

    @Test("serve stops cleanly on SIGTERM, as a rolling restart expects: exit status 0 and the database closed (no write-ahead log left)")
    func stopsOnSIGTERM() throws {
        let db = cli.temporary("sigterm.sqlite")
        let port = Int.random(in: 20000..<60000)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--db", db, "--port", String(port), "--no-example-data"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var up = false
        for _ in 0..<150 where !up {
            up = Self.listening(port: port)
            if !up { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(up, "serve did not start")
        process.terminate()   // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"), "the last connection closed checkpoints and removes the log")
    }

    @Test("report --board BOARD PERIOD writes the board's report (HTML, CSV); the quarter alone with --board, a code and a quarter without")
    func boardReport() throws {
        let db = try exampleDatabase()
        let csv = cli.temporary("board.csv")
        let result = try cli.run(["report", "--board", "CYP-PPB", "2010-11-Q2", "--format", "csv", "--output", csv, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark, for Excel")
        let rows = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(rows.first?.hasPrefix("plan,section,ref,") == true)
        #expect(rows.contains { $0.hasPrefix("ULS,indicator,NI80,") } && rows.contains { $0.hasPrefix("ULS,note,,Example data") })
        let html = cli.temporary("board.html")
        #expect(try cli.run(["report", "--board", "CYP-PPB", "2010-11-Q2", "--council", "HALTON", "--output", html, "--db", db]).status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<style>") && page.contains("Summary of indicators") && page.contains("id=\"ULS_indicator-NI80\""))
        let unknown = try cli.run(["report", "--board", "NOPE", "2010-11-Q2", "--output", html, "--db", db])
        #expect(unknown.status != 0 && unknown.stderr.contains("Halton Borough Council has no board with code NOPE."))
        let twoArguments = try cli.run(["report", "--board", "CYP-PPB", "ULS", "2010-11-Q2", "--output", html, "--db", db])
        #expect(twoArguments.status != 0 && twoArguments.stderr.contains("With --board give only the quarter"))
        let noQuarter = try cli.run(["report", "ULS", "--output", html, "--db", db])
        #expect(noQuarter.status != 0 && noQuarter.stderr.contains("Give a plan's code and a quarter"))
    }

    @Test("report --format pdf prints with chromium, or says which package to install")
    func pdf() throws {
        let db = try exampleDatabase()
        let pdf = cli.temporary("report.pdf")
        let result = try cli.run(["report", "ULS", "2009-10-Q2", "--format", "pdf", "--output", pdf, "--db", db])
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
            #expect(result.status == 0, "\(result.stderr)")
            let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: pdf)).read(upToCount: 4)
            #expect(head.map { String(decoding: $0, as: UTF8.self) } == "%PDF")
        } else {
            #expect(result.status != 0)
            #expect(result.stderr.contains("`chromium`"))
        }
    }
}

@Suite struct DataQualityCommandLineTests {
    let cli = CommandLineTests()

    @Test("check prints findings and exits 1 when any is an error; json for scripts; a clean quarter exits 0")
    func check() throws {
        let db = cli.temporary("db.sqlite")
        _ = try cli.run(["import", "--db", db, CommandLineTests.haltonFile])
        let text = try cli.run(["check", "ULS", "--db", db])
        #expect(text.status == 1)
        #expect(text.stdout.contains("complete.return-missing"))
        #expect(text.stdout.contains("ULS 1 links to NI101"))
        let json = try cli.run(["check", "ULS", "--format", "json", "--db", db])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.count > 1)
        #expect(Set(list.compactMap { $0["dimension"] as? String }).isSubset(of: ["accurate", "valid", "reliable", "timely", "relevant", "complete"]))
        // Only the plan itself for a quarter with no return due before… the plan-wide warning stays, no errors.
        let one = try cli.run(["check", "ULS", "--period", "2009-10-Q1", "--db", db])
        #expect(one.stdout.contains("There is no return for Q1 2009/10"))
    }

    @Test("benchmark import checks values against the units of the stored plans' indicators")
    func benchmarkUnits() throws {
        let db = cli.temporary("db.sqlite")
        _ = try cli.run(["import", "--db", db, CommandLineTests.haltonFile])
        let file = cli.temporary("pct.csv")
        try "authority_code,authority_name,indicator_ref,year,value\r\nE06000006,Halton,NI80,2007/08,150\r\nE08000011,Knowsley,NI80,2007/08,30\r\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try cli.run(["benchmark", "import", file, "--db", db])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(file):2: value:"))
        #expect(refused.stderr.contains("nothing was written"))
    }

    @Test("benchmark import loads a dataset, or lists the bad lines and writes nothing")
    func benchmarkImport() throws {
        let db = cli.temporary("db.sqlite")
        let good = cli.temporary("good.csv"), bad = cli.temporary("bad.csv")
        try "authority_code,authority_name,indicator_ref,year,value\nE06000006,Halton,NI80,2007/08,34\nE08000011,Knowsley,NI80,2007/08,30\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        try "authority_code,authority_name,indicator_ref,year,value\nE06000006,Halton,NI80,2007/08,34\nE0800001,Knowsley,NI80,2007/08,30\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try cli.run(["benchmark", "import", bad, "--db", db])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(bad):3: authority_code"))
        #expect(refused.stderr.contains("nothing was written"))
        let ok = try cli.run(["benchmark", "import", good, "--db", db])
        #expect(ok.stdout.contains("Imported 2 values: 2 authorities, 1 indicators."))
        #expect(ok.stderr.isEmpty, "no progress line when standard error is not a terminal: \(ok.stderr)")
    }

    @Test("on a terminal, benchmark import shows rows checked and loaded on one line of standard error, cleared at the end",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func benchmarkImportProgress() throws {
        let db = cli.temporary("db.sqlite"), good = cli.temporary("good.csv")
        try "authority_code,authority_name,indicator_ref,year,value\nE06000006,Halton,NI80,2007/08,34\nE08000011,Knowsley,NI80,2007/08,30\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        // script(1) gives the command a terminal; everything it writes arrives on our stdout.
        let command = [CommandLineTests.binary.path, "benchmark", "import", good, "--db", db].map { "'\($0)'" }.joined(separator: " ")
        let run = try cli.run(at: "/usr/bin/script", ["-qefc", command, "/dev/null"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("2 rows checked, 2 loaded"))
        #expect(run.stdout.contains("\r\u{1B}[K") && run.stdout.contains("Imported 2 values"))
    }
}

@Suite struct BackupCommandLineTests {
    let cli = CommandLineTests()

    @Test("backup and restore move a served database to a new one: the same report, plan export and audit head; a restore into a used database exits 1")
    func backupAndRestore() throws {
        let db = try ReportCommandLineTests().exampleDatabase()
        #expect(try cli.run(["users", "add", "officer@halton.gov.uk", "--name", "Olive Officer", "--role", "officer", "--department", "ULS", "--db", db]).status == 0)
        let file = cli.temporary("serviceplan.backup")
        let backup = try cli.run(["backup", "--db", db, file])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.hasPrefix("Backed up 35 tables, "))
        let copy = cli.temporary("copy.sqlite")
        let restore = try cli.run(["restore", "--db", copy, file])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.stdout.hasPrefix("Restored 35 tables, "))
        let reports = [db, copy].map { _ in cli.temporary("report.csv") }
        for (database, report) in zip([db, copy], reports) {
            #expect(try cli.run(["report", "ULS", "2009-10-Q2", "--format", "csv", "--output", report, "--db", database]).status == 0)
        }
        #expect(try String(contentsOfFile: reports[0], encoding: .utf8) == String(contentsOfFile: reports[1], encoding: .utf8))
        for command in [["export", "ULS"], ["export", "ULS", "--format", "json"], ["audit", "verify"], ["users", "list"]] {
            let a = try cli.run(command + ["--db", db]), b = try cli.run(command + ["--db", copy])
            #expect(a.status == 0 && !a.stdout.isEmpty, "\(command): \(a.stderr)")
            #expect(a.stdout == b.stdout, "\(command)")
        }
        let again = try cli.run(["restore", "--db", copy, file])
        #expect(again.status == 1)
        #expect(again.stderr.contains("the database is not empty"))
        let missing = try cli.run(["restore", "--db", cli.temporary("x.sqlite"), cli.temporary("no-such.backup")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no-such.backup: cannot read the file"))
    }

    @Test("backup --format sqlite writes a database sqlite3 opens and restore takes it back; a file that is neither is refused as before; a FIFO or a link as its target is refused and left as it was")
    func sqliteFormat() throws {
        let db = try ReportCommandLineTests().exampleDatabase()
        let file = cli.temporary("backup.sqlite")
        let backup = try cli.run(["backup", "--format", "sqlite", "--db", db, file])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.hasPrefix("Backed up 35 tables, ") && backup.stdout.contains(" rows from sqlite (schema "), "\(backup.stdout)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let shell = try cli.run(at: "/usr/bin/sqlite3", ["-readonly", file, "SELECT COUNT(*) FROM plans; PRAGMA integrity_check;"])
            #expect(shell.stdout == "1\nok\n", "\(shell.stderr)")
        }
        let copy = cli.temporary("copy.sqlite")
        let restore = try cli.run(["restore", "--db", copy, file])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.stdout.hasPrefix("Restored 35 tables, "), "\(restore.stdout)")
        for command in [["export", "ULS"], ["export", "ULS", "--format", "json"], ["audit", "verify"]] {
            let a = try cli.run(command + ["--db", db]), b = try cli.run(command + ["--db", copy])
            #expect(a.status == 0 && !a.stdout.isEmpty, "\(command): \(a.stderr)")
            #expect(a.stdout == b.stdout, "\(command)")
        }
        let junk = cli.temporary("junk.backup")
        try "hello\n".write(toFile: junk, atomically: true, encoding: .utf8)
        let refused = try cli.run(["restore", "--db", cli.temporary("x.sqlite"), junk])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(junk):1: format: not a serviceplan backup"), "\(refused.stderr)")

        let fifo = cli.temporary("fifo"), link = cli.temporary("link.sqlite"), linked = cli.temporary("linked")
        #expect(mkfifo(fifo, 0o600) == 0)
        try "keep me".write(toFile: linked, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: linked)
        for (target, words, kind) in [(fifo, "is a FIFO", S_IFIFO), (link, "is a symbolic link", S_IFLNK)] {
            let result = try cli.run(["backup", "--format", "sqlite", "--db", db, target])
            #expect(result.status == 1, "\(target): \(result.stdout)")
            #expect(result.stderr.contains(target) && result.stderr.contains(words), "\(result.stderr)")
            #expect(OutputFileCommandLineTests.kind(target) == kind, "\(target) is left as it was")
            let partials = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
                .filter { $0.hasPrefix(".\(URL(fileURLWithPath: target).lastPathComponent).partial-") }
            #expect(partials.isEmpty, "\(partials)")
        }
        #expect(try String(contentsOfFile: linked, encoding: .utf8) == "keep me")
    }
}

/// Files the commands write, and the words they fail in (issue 23, items 3 and 16).
@Suite struct OutputFileCommandLineTests {
    let cli = CommandLineTests()

    /// What `lstat` says a path is: a device, a FIFO, a link or a file.
    static func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test("report, backup and return-sheet refuse a device, a FIFO, a link or a folder as their output, and leave it as it was")
    func specialTargets() throws {
        let db = try ReportCommandLineTests().exampleDatabase()
        let fifo = cli.temporary("fifo"), link = cli.temporary("link.html"), linked = cli.temporary("linked.html"), folder = cli.temporary("folder")
        #expect(mkfifo(fifo, 0o600) == 0)
        try "keep me".write(toFile: linked, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: linked)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let targets: [(String, mode_t, String)] = [("/dev/full", S_IFCHR, "is a device"), (fifo, S_IFIFO, "is a FIFO"),
                                                   (link, S_IFLNK, "is a symbolic link"), (folder, S_IFDIR, "is a folder")]
        for (target, kind, words) in targets {
            let commands = [["report", "ULS", "2009-10-Q2", "--format", "html", "--output", target, "--db", db],
                            ["report", "ULS", "2009-10-Q2", "--format", "csv", "--output", target, "--db", db],
                            ["backup", "--db", db, target]]
            for command in commands {
                let result = try cli.run(command)
                #expect(result.status == 1, "\(command): \(result.stdout)")
                #expect(result.stderr.contains(target) && result.stderr.contains(words), "\(command): \(result.stderr)")
                #expect(Self.kind(target) == kind, "\(target) is left as it was")
            }
        }
        #expect(try String(contentsOfFile: linked, encoding: .utf8) == "keep me")
        let sheetLink = cli.temporary("link.xlsx")
        try FileManager.default.createSymbolicLink(atPath: sheetLink, withDestinationPath: linked)
        let sheet = try cli.run(["return-sheet", "ULS", "2011-12-Q1", "--output", sheetLink, "--db", db])
        #expect(sheet.status != 0 && sheet.stderr.contains("is a symbolic link"), "\(sheet.stderr)")
        // No partial file is left beside a refused or failed target.
        let left = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.contains(".partial-") && $0.contains("serviceplan-cli-") }
        #expect(left.isEmpty, "\(left)")
        // An ordinary file is replaced whole.
        let file = cli.temporary("report.csv")
        try "old".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["report", "ULS", "2009-10-Q2", "--format", "csv", "--output", file, "--db", db]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("section,ref,item"))
    }

    @Test("a database that cannot be opened is named in words, not in the driver's", arguments: ["serve", "plans"])
    func unopenableDatabase(command: String) throws {
        let result = try cli.run([command, "--db", "/nonexistent/dir/x.sqlite"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot open the SQLite database /nonexistent/dir/x.sqlite"), "\(result.stderr)")
        #expect(result.stderr.contains("check that its folder exists"), "\(result.stderr)")
        #expect(!result.stderr.contains("cantOpen") && !result.stderr.contains("SQLiteError"), "\(result.stderr)")
    }

    @Test("a PostgreSQL server that is not there is named in words, not as PSQLError(…)")
    func unreachablePostgres() throws {
        let result = try cli.run(["plans", "--database-url", "postgres://nobody@127.0.0.1:1/none?sslmode=disable"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot connect to PostgreSQL at postgres://nobody@127.0.0.1:1/none"), "\(result.stderr)")
        #expect(result.stderr.contains("cannot reach the PostgreSQL server"), "\(result.stderr)")
        #expect(!result.stderr.contains("PSQLError") && !result.stderr.contains("Generic description"), "\(result.stderr)")
    }
}

/// What scripts read (issue 23, item 24): the version, and JSON from every listing command.
@Suite struct ScriptableCommandLineTests {
    let cli = CommandLineTests()

    func json(_ run: CommandLineTests.Run) throws -> Any {
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    @Test("--version names the release and the database schema")
    func version() throws {
        let result = try cli.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("serviceplan ") && result.stdout.contains("(database schema 0"), "\(result.stdout)")
    }

    @Test("plans, users list, audit, audit --security, diff and remind --dry-run give one JSON document with --format json")
    func jsonListings() throws {
        let db = try ReportCommandLineTests().exampleDatabase()
        #expect(try cli.run(["users", "add", "olu@halton.gov.uk", "--name", "Olu", "--role", "officer", "--department", "ULS", "--db", db]).status == 0)
        let plans = try #require(try json(cli.run(["plans", "--format", "json", "--db", db])) as? [[String: Any]])
        #expect(plans.first?["code"] as? String == "ULS" && plans.first?["firstYear"] as? String == "2009/10")
        let users = try #require(try json(cli.run(["users", "list", "--format", "json", "--db", db])) as? [[String: Any]])
        #expect(users.contains { $0["email"] as? String == "olu@halton.gov.uk" && $0["role"] as? String == "officer" && $0["status"] as? String == "active" })
        let audit = try #require(try json(cli.run(["audit", "ULS", "--limit", "2", "--format", "json", "--db", db])) as? [[String: Any]])
        #expect(audit.count == 2 && audit.allSatisfy { $0["itemType"] is String && $0["changes"] is [Any] })
        let security = try #require(try json(cli.run(["audit", "--security", "--format", "json", "--db", db])) as? [[String: Any]])
        #expect(security.contains { $0["kind"] as? String == "accountAdded" && $0["subject"] as? String == "olu@halton.gov.uk" })
        let versions = try #require(try json(cli.run(["diff", "ULS", "--versions", "--format", "json", "--db", db])) as? [[String: Any]])
        #expect(versions.first?["number"] as? Int == 1)
        let diff = try #require(try json(cli.run(["diff", "ULS", "--from", "0", "--to", "1", "--format", "json", "--db", db])) as? [String: Any])
        #expect(diff["plan"] as? String == "ULS" && diff["from"] as? Int == 0 && diff["to"] as? Int == 1 && diff["fromFile"] is NSNull)
        #expect((diff["changes"] as? [String])?.isEmpty == false)
        #expect(users.allSatisfy { $0.keys.contains("department") }, "a null department is null, not a missing key")
        let remind = try #require(try json(cli.run(["remind", "--dry-run", "--today", "2009-07-15", "--format", "json", "--db", db])) as? [String: Any])
        #expect(remind["day"] as? String == "2009-07-15" && remind["reminders"] is [Any])
        #expect(try cli.run(["remind", "--format", "json", "--sendmail", "/bin/true", "--db", db]).status != 0, "json goes with --dry-run")
    }
}

/// Found by a hostile review of the command line (issue 23).
@Suite struct CommandLineHostileReviewTests {
    let cli = CommandLineTests()

    @Test("report and return-sheet refuse to write over the database itself, by any name")
    func notTheDatabase() throws {
        let db = try ReportCommandLineTests().exampleDatabase()
        let link = cli.temporary("hard-link.xlsx")
        #expect(link.withCString { l in db.withCString { Glibc.link($0, l) } } == 0)
        for command in [["report", "ULS", "2009-10-Q2", "--format", "csv", "--output", db, "--db", db],
                        ["report", "ULS", "2009-10-Q2", "--format", "csv", "--output", db + "-wal", "--db", db],
                        ["return-sheet", "ULS", "2011-12-Q1", "--output", link, "--db", db]] {
            let result = try cli.run(command)
            #expect(result.status != 0 && result.stderr.contains("that is the database itself"), "\(command): \(result.stderr)")
        }
        #expect(try cli.run(["plans", "--db", db]).stdout.hasPrefix("ULS\t"), "the database is intact")
    }

    @Test("a failed write to standard output exits 1 and says so, instead of stopping the process or passing")
    func standardOutputFull() throws {
        let db = try ReportCommandLineTests().exampleDatabase()
        for command in [["plans", "--format", "json"], ["plans"], ["export", "ULS"], ["audit", "verify"]] {
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = command + ["--db", db]
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
            let err = Pipe()
            process.standardError = err
            try process.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1, "\(command): \(message)")
            #expect(message.contains("cannot write to standard output"), "\(command): \(message)")
        }
    }

    @Test("a database URL that does not parse is shown without its password; a port beyond 65535 is refused")
    func urlPassword() throws {
        for url in ["postgres://u:S3cretPW@127.0.0.1:notaport/db", "postgres://u:S3cretPW@[::1", "u:S3cretPW@127.0.0.1:54329/db",
                    "postgres://u:S3cretPW@127.0.0.1:99999/db"] {
            let result = try cli.run(["plans", "--database-url", url])
            #expect(result.status != 0, "\(url)")
            #expect(!result.stderr.contains("S3cretPW") && !result.stdout.contains("S3cretPW"), "\(url): \(result.stderr)")
        }
        #expect(try cli.run(["plans", "--database-url", "postgres://u:p@127.0.0.1:99999/db"]).stderr.contains("not a TCP port"))
    }

    @Test("the audit trail's text escapes line breaks and tabs, so stored text cannot forge a record")
    func auditEscapes() throws {
        let db = try ReportCommandLineTests().exampleDatabase()
        let yaml = try cli.run(["export", "ULS", "--db", db]).stdout
        let file = cli.temporary("forged.yaml")
        // The plan's notes are free text: line breaks and tabs are allowed in them.
        try yaml.components(separatedBy: "\n").map { line in
            line.hasPrefix("- Transcribed from the Executive Board Draft")
                ? "- \"DM\\n2026-12-08T00:00:00.000Z\\tadmin\\tform\\tdelete indicator NI80\"" : line
        }.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try cli.run(["import", "--db", db, file])
        #expect(imported.status == 0, "\(imported.stderr)")
        let audit = try cli.run(["audit", "ULS", "--db", db, "--limit", "1"]).stdout
        #expect(!audit.contains("\n2026-12-08T00:00:00.000Z"), "\(audit)")
        #expect(audit.contains(#"DM\u{A}2026-12-08T00:00:00.000Z\u{9}admin"#), "\(audit)")
    }
}
