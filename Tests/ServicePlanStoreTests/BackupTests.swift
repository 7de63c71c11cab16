import Crypto
import Foundation
@testable import ServicePlanStore
import ServicePlanDomain
import SQLKit
import Testing

/// `serviceplan backup` and `restore`: a snapshot of every table that loads into an empty
/// database of either engine and gives back the same plans, returns, accounts, benchmarks and
/// audit chain — the way a council moves from SQLite to PostgreSQL.
@Suite struct BackupTests {
    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-backup-\(UUID().uuidString)-\(name)").path
    }

    /// Every kind of record: the Halton plan, edits (one removing an equality action, so its id
    /// is never handed out again), the example quarter (published) reopened, accounts with a
    /// session, a token and a failed sign-in, and national values (one unpublished).
    static func fill(_ database: any Database) async throws {
        let stores = Stores(database: database, bcryptCost: 4)
        _ = try await PlanImporter(repository: stores.plans).seedIfEmpty(logger: TestDatabase.logger)
        for target in [41.5, 42.25] {
            _ = try await stores.plans.update(code: "ULS", actor: TestActor.tests) { plan in
                plan.indicators[plan.indicators.firstIndex { $0.ref == "NI80" }!].targets[FinancialYear(startYear: 2009)] = .value(target)
            }
        }
        _ = try await stores.plans.update(code: "ULS", actor: TestActor.tests) { plan in plan.equalityActions.removeLast() }
        let plan = try #require(try await stores.plans.plan(code: "ULS"))
        try await ExampleReturns.load(ExampleReturns.sampleQuarter, into: stores.returns, plan: plan)
        _ = try await stores.returns.take(.reopen, plan: "ULS", quarter: ExampleReturns.sampleQuarter, actor: TestActor.tests, reason: "A figure to check")
        let officer = try await stores.accounts.addUser(email: "officer@halton.gov.uk", name: "Olive Officer", role: .officer,
                                                        department: "ULS", password: "a long enough password")
        _ = try await stores.accounts.addUser(email: "member@halton.gov.uk", name: "Mo Member", role: .member, department: nil,
                                              password: "another long password")
        _ = try await stores.accounts.createSession(for: officer, lifetime: 3600)
        _ = try await stores.accounts.createToken(email: "officer@halton.gov.uk")
        _ = try await stores.accounts.signIn(email: "member@halton.gov.uk", password: "wrong")
        _ = try await stores.benchmarks.importRows(try BenchmarkCSV.parse("""
            authority_code,authority_name,indicator_ref,year,value
            E06000006,Halton,NI80,2007/08,34.125
            E08000011,Knowsley,NI80,2007/08,0.1
            E08000012,"Liverpool, City of",NI80,2007/08,
            E08000013,St Helens,NI80,2007/08,1e-7
            """, file: "national.csv"))
    }

    /// The backup's lines without its first (which says when and on which engine) and last
    /// (whose checksum covers the first): the data itself, table by table, row by row.
    static func data(_ path: String) throws -> [Substring] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        return Array(lines.dropFirst().dropLast())
    }

    /// What users and scripts see of a database: plan exports in every format, returns, accounts,
    /// national values, the audit trail and its chain.
    struct Observed: Equatable {
        let exports: [String]
        let returns: [QuarterlyReturn]
        let others: [String]
    }

    static func observable(_ database: any Database) async throws -> Observed {
        let stores = Stores(database: database, bcryptCost: 4)
        let plan = try #require(try await stores.plans.plan(code: "ULS"))
        var others = [String(describing: try await stores.accounts.users().map { [$0.email, $0.name, "\($0.role)", $0.department ?? ""] })]
        others.append(String(describing: try await stores.benchmarks.values(indicator: "NI80", year: FinancialYear(startYear: 2007))))
        others.append(String(describing: try await stores.plans.history(code: "ULS")))
        let chain = try #require(try await stores.audit.verify(plan: "ULS").first)
        #expect(chain.verifies)
        others.append(chain.head)
        return Observed(exports: ExportFormat.allCases.map { $0.render(plan) }, returns: try await stores.returns.returns(plan: "ULS"),
                        others: others)
    }

    @Test("every table the migrations create is in the backup catalog", arguments: TestDatabase.engines)
    func catalogIsComplete(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let present = try await database.read { db in try await DatabaseCatalog.presentTables(db) }
            #expect(present == Set(DatabaseCatalog.tables + DatabaseCatalog.bookkeepingTables))
        }
    }

    @Test("SQLite → backup → restore into PostgreSQL → backup → restore into SQLite gives back every record, byte for byte")
    func roundTripAcrossEngines() async throws {
        let middle = TestDatabase.engines.contains("postgresql") ? "postgresql" : "sqlite"
        try await TestDatabase.with("sqlite") { original in
            try await Self.fill(original)
            let expected = try await Self.observable(original)
            let first = Self.temporaryFile("first"), second = Self.temporaryFile("second"), third = Self.temporaryFile("third")
            defer { for file in [first, second, third] { try? FileManager.default.removeItem(atPath: file) } }
            let written = try await DatabaseBackup.write(original, to: first)
            #expect(written.tables == DatabaseCatalog.tables.count && written.rows > 300)

            let there = try await TestDatabase.emptyLocation(middle)
            let back = try await TestDatabase.emptyLocation("sqlite")
            defer { Task { await TestDatabase.removeLocation(there); await TestDatabase.removeLocation(back) } }
            let restored = try await DatabaseRestore.restore(from: first, into: there, logger: TestDatabase.logger)
            #expect(restored.rows == written.rows && restored.engine == "sqlite")
            try await TestDatabase.with(there) { moved in
                #expect(try await Self.observable(moved) == expected)
                _ = try await DatabaseBackup.write(moved, to: second)
            }
            _ = try await DatabaseRestore.restore(from: second, into: back, logger: TestDatabase.logger)
            try await TestDatabase.with(back) { home in
                #expect(try await Self.observable(home) == expected)
                _ = try await DatabaseBackup.write(home, to: third)
            }
            // Every table, every row, every value the same, whichever engine wrote the file.
            #expect(try Self.data(second) == Self.data(first))
            #expect(try Self.data(third) == Self.data(first))
        }
    }

    @Test("after a restore, ids keep counting from where the original stopped, never reusing a removed item's id",
          arguments: TestDatabase.engines)
    func identitiesContinue(engine: String) async throws {
        try await TestDatabase.with("sqlite") { original in
            try await Self.fill(original)
            let file = Self.temporaryFile("ids")
            defer { try? FileManager.default.removeItem(atPath: file) }
            _ = try await DatabaseBackup.write(original, to: file)
            let lastAction = try #require(try await original.read { db in try await DatabaseCatalog.lastIdentity(of: "equality_actions", db) })
            let location = try await TestDatabase.emptyLocation(engine)
            defer { Task { await TestDatabase.removeLocation(location) } }
            _ = try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
            try await TestDatabase.with(location) { restored in
                let stores = Stores(database: restored, bcryptCost: 4)
                let stored = try #require(try await stores.plans.plan(code: "ULS")).equalityActions.compactMap(\.id)
                #expect(stored.max()! < lastAction)
                _ = try await stores.plans.update(code: "ULS", actor: TestActor.tests) { plan in
                    plan.equalityActions.append(EqualityAction(area: "Age", impact: .low, action: "A new action", years: [FinancialYear(startYear: 2010)], officers: "Operational Director"))
                }
                let ids = try #require(try await stores.plans.plan(code: "ULS")).equalityActions.compactMap(\.id)
                #expect(ids.max()! == lastAction + 1)
            }
        }
    }

    @Test("a restore into a database that holds anything is refused, and nothing is written", arguments: TestDatabase.engines)
    func refusesANonEmptyDatabase(engine: String) async throws {
        let file = Self.temporaryFile("full")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await TestDatabase.with("sqlite") { original in
            try await Self.fill(original)
            _ = try await DatabaseBackup.write(original, to: file)
        }
        let location = try await TestDatabase.emptyLocation(engine)
        defer { Task { await TestDatabase.removeLocation(location) } }
        let target = try await location.open(logger: TestDatabase.logger)
        let stores = Stores(database: target, bcryptCost: 4)
        _ = try await stores.accounts.addUser(email: "admin@halton.gov.uk", name: "A", role: .admin, department: nil, password: "long enough password")
        await target.close()
        let error = await #expect(throws: BackupError.self) {
            try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
        }
        #expect(error?.message.contains("not empty (table users has 1 rows)") == true)
        let after = try await location.open(logger: TestDatabase.logger)
        #expect(try await Stores(database: after).plans.summaries().isEmpty)
        #expect(try await Stores(database: after).accounts.userCount() == 1)
        await after.close()
    }

    /// A backup damaged in one of several ways: each is refused naming the file and line, and the
    /// target is left empty, so the good file restores into it afterwards.
    @Test("a damaged backup is refused with file:line and writes nothing", arguments: TestDatabase.engines)
    func refusesDamage(engine: String) async throws {
        let good = Self.temporaryFile("good")
        defer { try? FileManager.default.removeItem(atPath: good) }
        try await TestDatabase.with("sqlite") { original in
            try await Self.fill(original)
            _ = try await DatabaseBackup.write(original, to: good)
        }
        let lines = try String(contentsOfFile: good, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(lines.firstIndex { $0.hasPrefix("[\"ULS\",\"NI80\"") })
        let auditHeader = try #require(lines.firstIndex { $0.contains("\"table\":\"audit_log\"") })
        let plansHeader = try #require(lines.firstIndex { $0.contains("\"table\":\"plans\"") })
        func edited(_ change: (inout [String]) -> Void) -> [String] {
            var copy = lines
            change(&copy)
            return copy
        }
        /// The same edit with the checksum made to match, as a hand-made file would have.
        func forged(_ change: (inout [String]) -> Void) -> [String] {
            var copy = edited(change)
            let end = copy.lastIndex { !$0.isEmpty } ?? copy.count - 1
            let digest = SHA256.hash(data: Data(copy[..<end].map { $0 + "\n" }.joined().utf8)).map { String(format: "%02x", $0) }.joined()
            copy[end] = copy[end].replacing(#/"sha256":"[0-9a-f]+"/#, with: "\"sha256\":\"\(digest)\"")
            return copy
        }
        let damages: [(String, [String], String)] = [
            ("a changed value", edited { $0[row] = $0[row].replacingOccurrences(of: "NI80", with: "NI81") }, "sha256: the file's checksum does not match"),
            ("truncated", Array(lines.prefix(lines.count / 2)), "truncated"),
            ("a number where text belongs", forged { $0[row] = $0[row].replacingOccurrences(of: "[\"ULS\"", with: "[42") },
             ":\(row + 1): table indicators: column plan_code: expected text"),
            ("a row too short", forged { $0[row] = "[\"ULS\"]" }, ":\(row + 1): table indicators: the row has 1 values"),
            ("not JSON", forged { $0[row] = "[\"ULS\", oops" }, ":\(row + 1): table indicators: the row is not a JSON array"),
            ("a figure for an indicator the plan lacks", forged { $0[row] = $0[row].replacingOccurrences(of: "NI80", with: "NI81") },
             "table indicator_figures: the database refused"),
            ("not a backup", ["{\"hello\":1}"], ":1: format"),
            ("a NUL in text", forged { $0[row] = $0[row].replacingOccurrences(of: "[\"ULS\"", with: "[\"ULS\\u0000x\"") },
             ":\(row + 1): table indicators: column plan_code: contains a NUL character"),
            ("an unknown engine", forged { $0[0] = $0[0].replacingOccurrences(of: "\"engine\":\"sqlite\"", with: "\"engine\":\"\\u001b[31mevil\"") }, ":1: engine: ?[31mevil is not"),
            ("an id below the largest stored", forged { $0[auditHeader] = $0[auditHeader].replacing(#/"lastId":\d+/#, with: "\"lastId\":1") },
             ":\(auditHeader + 1): lastId: 1 is below the table's largest id"),
            ("an id that cannot continue", forged { $0[auditHeader] = $0[auditHeader].replacing(#/"lastId":\d+/#, with: "\"lastId\":9223372036854775807") },
             ":\(auditHeader + 1): lastId: 9223372036854775807 is not an id"),
            ("an id for a table without one", forged { $0[plansHeader] = $0[plansHeader].replacingOccurrences(of: "\"table\":\"plans\"", with: "\"lastId\":5,\"table\":\"plans\"") },
             ":\(plansHeader + 1): lastId: table plans has no id"),
            ("a newer schema", forged { $0[0] = $0[0].replacingOccurrences(of: "\"007-audit-hash-chain\"", with: "\"007-audit-hash-chain\",\"999-future\"") }, ":1: migrations"),
        ]
        let location = try await TestDatabase.emptyLocation(engine)
        defer { Task { await TestDatabase.removeLocation(location) } }
        for (what, content, expected) in damages {
            let file = Self.temporaryFile("damaged")
            defer { try? FileManager.default.removeItem(atPath: file) }
            try content.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let error = await #expect(throws: BackupError.self, "\(what)") {
                try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
            }
            #expect(error?.message.hasPrefix(file) == true, "\(what): \(error?.message ?? "")")
            #expect(error?.message.contains(expected) == true, "\(what): \(error?.message ?? "")")
        }
        // A good file without its final newline (as some editors save it) still restores.
        let trimmed = Self.temporaryFile("no-final-newline")
        defer { try? FileManager.default.removeItem(atPath: trimmed) }
        try String(contentsOfFile: good, encoding: .utf8).trimmingCharacters(in: .newlines).write(toFile: trimmed, atomically: true, encoding: .utf8)
        _ = try await DatabaseRestore.restore(from: trimmed, into: location, logger: TestDatabase.logger)
        let restored = try await location.open(logger: TestDatabase.logger)
        #expect(try await Stores(database: restored).plans.summaries().map(\.code) == ["ULS"])
        await restored.close()
    }

    /// A backup is a file anyone can edit and re-checksum: its figures face the rules an import
    /// applies (issue 23, item 4), and a refused restore leaves the target empty.
    @Test("a restore refuses figures an import would refuse (1e308 as a percentage), naming the table and item, and writes nothing",
          arguments: [
            ("UPDATE indicator_figures SET value = 1e308 WHERE indicator_ref = 'NI80' AND series = 'target'", "table plans: plan ULS:"),
            ("UPDATE return_indicators SET actual = 1e308 WHERE actual IS NOT NULL", "table return_indicators: plan ULS,"),
            ("UPDATE benchmark_values SET value = 1e300 WHERE authority_code = 'E06000006'", "table benchmark_values: E06000006, NI80"),
          ])
    func refusesFiguresOutOfRule(tamper: String, expected: String) async throws {
        let file = Self.temporaryFile("tampered")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await TestDatabase.with("sqlite") { original in
            try await Self.fill(original)
            try await original.transaction { db in try await db.raw(SQLQueryString(tamper)).run() }
            _ = try await DatabaseBackup.write(original, to: file)
        }
        for engine in TestDatabase.engines {
            let location = try await TestDatabase.emptyLocation(engine)
            defer { Task { await TestDatabase.removeLocation(location) } }
            let error = await #expect(throws: BackupError.self) {
                try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
            }
            #expect(error?.message.hasPrefix(file + ": " + expected) == true, "\(engine): \(error?.message ?? "")")
            #expect(error?.message.contains("nothing was restored") == true)
            let target = try await location.open(logger: TestDatabase.logger)
            #expect(try await Stores(database: target).plans.summaries().isEmpty, "\(engine): nothing was written")
            await target.close()
        }
    }

    @Test("a file of one endless line is refused without filling memory")
    func endlessLine() async throws {
        let location = DatabaseLocation.sqlite(path: TestDatabase.temporaryPath())
        defer { Task { await TestDatabase.removeLocation(location) } }
        let error = await #expect(throws: BackupError.self) {
            try await DatabaseRestore.restore(from: "/dev/zero", into: location, logger: TestDatabase.logger)
        }
        #expect(error?.message == "/dev/zero:1: the line is longer than 64 MiB: this is not a backup")
    }

    @Test("backup refuses a database file that does not exist (creating none) and a target that is the database itself; its file is the owner's only")
    func backupRefusals() async throws {
        let missing = TestDatabase.temporaryPath()
        let error = await #expect(throws: BackupError.self) {
            try await DatabaseBackup.write(from: .sqlite(path: missing), to: Self.temporaryFile("x"), logger: TestDatabase.logger)
        }
        #expect(error?.message.contains("there is no database file there") == true)
        #expect(!FileManager.default.fileExists(atPath: missing))

        let location = DatabaseLocation.sqlite(path: TestDatabase.temporaryPath())
        defer { Task { await TestDatabase.removeLocation(location) } }
        try await TestDatabase.with(location) { database in try await Self.fill(database) }
        guard case .sqlite(let path) = location else { return }
        for target in [path, path + "-wal", URL(fileURLWithPath: path).deletingLastPathComponent().path + "/./" + URL(fileURLWithPath: path).lastPathComponent] {
            let refused = await #expect(throws: BackupError.self) {
                try await DatabaseBackup.write(from: location, to: target, logger: TestDatabase.logger)
            }
            #expect(refused?.message.contains("that is the database itself") == true, "\(target)")
        }
        let file = Self.temporaryFile("private")
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try await DatabaseBackup.write(from: location, to: file, logger: TestDatabase.logger)
        let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test("a backup taken while changes are being made holds each change whole", arguments: TestDatabase.engines)
    func consistentWhileWriting(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            try await Self.fill(database)
            let stores = Stores(database: database, bcryptCost: 4)
            let year = FinancialYear(startYear: 2010)
            let before = try await stores.plans.history(code: "ULS").count
            let original = try #require(try await stores.plans.plan(code: "ULS")).indicators.first { $0.ref == "NI80" }?.targets[year]
            let files = (0..<4).map { Self.temporaryFile("live-\($0)") }
            defer { for file in files { try? FileManager.default.removeItem(atPath: file) } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for step in 0..<12 {
                        _ = try await stores.plans.update(code: "ULS", actor: TestActor.tests) { plan in
                            plan.indicators[plan.indicators.firstIndex { $0.ref == "NI80" }!].targets[year] = .value(50 + Double(step))
                        }
                    }
                }
                group.addTask {
                    for file in files { _ = try await DatabaseBackup.write(database, to: file) }
                }
                try await group.waitForAll()
            }
            for file in files {
                let location = DatabaseLocation.sqlite(path: TestDatabase.temporaryPath())
                defer { Task { await TestDatabase.removeLocation(location) } }
                _ = try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
                let copy = try await location.open(logger: TestDatabase.logger)
                let restored = Stores(database: copy)
                let chain = try await restored.audit.verify(plan: "ULS").first
                let target = try #require(try await restored.plans.plan(code: "ULS")).indicators.first { $0.ref == "NI80" }?.targets[year]
                let records = try await restored.plans.history(code: "ULS").count
                await copy.close()
                #expect(chain?.verifies == true)
                // k edits recorded in the audit trail means the k-th edit's target is stored: a
                // snapshot never holds an audit record without its change, or the reverse.
                let edits = records - before
                #expect(target == (edits == 0 ? original : .value(50 + Double(edits - 1))), "\(edits) edits")
            }
        }
    }

    @Test("a backup from an older release restores and is upgraded: its audit records are chained as they land")
    func olderSchemaUpgrades() async throws {
        let older = DatabaseLocation.sqlite(path: TestDatabase.temporaryPath())
        let file = Self.temporaryFile("older")
        defer { try? FileManager.default.removeItem(atPath: file); Task { await TestDatabase.removeLocation(older) } }
        // A database as release 006 left it: an audit trail without hashes.
        let database = try await older.open(logger: TestDatabase.logger, migrations: 6)
        try await database.transaction { db in
            for (id, at) in [(1, "2009-07-01T09:00:00Z"), (2, "2009-07-02T09:00:00Z")] {
                try await db.raw("""
                    INSERT INTO audit_log (id, at, actor, via, plan_code, item_type, item_key, action, changes)
                    VALUES (\(bind: id), \(bind: at), 'tests', 'cli', 'ULS', 'plan', 'ULS', 'update', '[]')
                    """).run()
            }
        }
        await database.close()
        // Backing up does not upgrade the database it copies.
        let summary = try await DatabaseBackup.write(from: older, to: file, logger: TestDatabase.logger)
        #expect(summary.migrations.count == 6)
        let untouched = try await older.open(logger: TestDatabase.logger, migrations: 6)
        #expect(try await Migrator.applied(in: untouched).count == 6)
        await untouched.close()
        for engine in TestDatabase.engines {
            let location = try await TestDatabase.emptyLocation(engine)
            defer { Task { await TestDatabase.removeLocation(location) } }
            _ = try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
            let restored = try await location.open(logger: TestDatabase.logger)
            let chain = try await SQLAuditRepository(database: restored).verify(plan: "ULS").first
            let applied = try await Migrator.applied(in: restored)
            await restored.close()
            #expect(chain?.verifies == true && chain?.records == 2)
            #expect(applied == Migrator.all.map(\.name))
        }
    }

    // MARK: - backup --format sqlite

    /// The file's bytes, to show a restore leaves it as it was.
    static func digest(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    /// Files beside `path` whose names start with its own (a `-wal`, `-shm`, `-journal`).
    static func beside(_ path: String) throws -> [String] {
        let url = URL(fileURLWithPath: path)
        return try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(url.lastPathComponent) && $0 != url.lastPathComponent }
    }

    /// Runs the sqlite3 shell read-only on `file`, or returns nil when it is not installed.
    static func sqlite3(_ file: String, _ sql: String) throws -> String? {
        let shell = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: shell) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-readonly", file, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    @Test("backup --format sqlite writes an ordinary SQLite database that sqlite3 opens; it restores into either engine with every record, and the restore leaves it untouched")
    func sqliteFormatRoundTrip() async throws {
        let json = Self.temporaryFile("original.backup"), file = Self.temporaryFile("back up #1?%.sqlite")
        let again = Self.temporaryFile("again.backup"), fromPostgres = Self.temporaryFile("from-postgresql.sqlite")
        defer { for path in [json, file, again, fromPostgres] { try? FileManager.default.removeItem(atPath: path) } }
        let original = DatabaseLocation.sqlite(path: TestDatabase.temporaryPath())
        defer { Task { await TestDatabase.removeLocation(original) } }
        let (expected, written) = try await TestDatabase.with(original) { database in
            try await Self.fill(database)
            _ = try await DatabaseBackup.write(database, to: json)
            return (try await Self.observable(database), try await DatabaseBackup.write(database, to: file, format: .sqlite))
        }
        #expect(written.tables == DatabaseCatalog.tables.count && written.rows > 300 && written.engine == "sqlite")
        #expect(written.migrations == Migrator.all.map(\.name))
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        #expect(SQLiteBackup.isSQLiteFile(file))
        if let shell = try Self.sqlite3(file, "SELECT COUNT(*) FROM plans; PRAGMA integrity_check; PRAGMA journal_mode; SELECT COUNT(*) FROM schema_migrations;") {
            #expect(shell == "1\nok\ndelete\n\(Migrator.all.count)\n", "\(shell)")
        }
        #expect(try Self.beside(file).isEmpty, "no journal or WAL is left beside the backup")

        let before = try Self.digest(file)
        for engine in TestDatabase.engines {
            let location = try await TestDatabase.emptyLocation(engine)
            defer { Task { await TestDatabase.removeLocation(location) } }
            let restored = try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
            #expect(restored.tables == written.tables && restored.rows == written.rows && restored.migrations == written.migrations)
            try await TestDatabase.with(location) { database in
                #expect(try await Self.observable(database) == expected, "\(engine)")
                // Every row, value and identity (each table's lastId) as the original had them.
                _ = try await DatabaseBackup.write(database, to: again)
                #expect(try Self.data(again) == Self.data(json), "\(engine)")
                if engine == "postgresql" { _ = try await DatabaseBackup.write(database, to: fromPostgres, format: .sqlite) }
            }
        }
        #expect(try Self.digest(file) == before, "reading a backup never changes it")
        #expect(try Self.beside(file).isEmpty, "nor leaves a file beside it")

        // A backup PostgreSQL wrote as SQLite (read through a cursor) comes home the same.
        if TestDatabase.engines.contains("postgresql") {
            let home = try await TestDatabase.emptyLocation("sqlite")
            defer { Task { await TestDatabase.removeLocation(home) } }
            _ = try await DatabaseRestore.restore(from: fromPostgres, into: home, logger: TestDatabase.logger)
            try await TestDatabase.with(home) { database in
                #expect(try await Self.observable(database) == expected)
                _ = try await DatabaseBackup.write(database, to: again)
                #expect(try Self.data(again) == Self.data(json))
            }
        }

        // A closed serviceplan database (in WAL mode) is itself a file restore takes, read as it is.
        guard case .sqlite(let path) = original else { return }
        let live = try Self.digest(path)
        let copy = try await TestDatabase.emptyLocation("sqlite")
        defer { Task { await TestDatabase.removeLocation(copy) } }
        _ = try await DatabaseRestore.restore(from: path, into: copy, logger: TestDatabase.logger)
        let copied = try await TestDatabase.with(copy) { database in try await Self.observable(database) }
        #expect(copied == expected)
        #expect(try Self.digest(path) == live)
        #expect(try Self.beside(path).isEmpty)
    }

    @Test("an SQLite backup from an older release restores and is upgraded")
    func sqliteFormatOlderSchema() async throws {
        let older = DatabaseLocation.sqlite(path: TestDatabase.temporaryPath())
        let file = Self.temporaryFile("older.sqlite")
        defer { try? FileManager.default.removeItem(atPath: file); Task { await TestDatabase.removeLocation(older) } }
        let database = try await older.open(logger: TestDatabase.logger, migrations: 6)
        try await database.transaction { db in
            for (id, at) in [(1, "2009-07-01T09:00:00Z"), (2, "2009-07-02T09:00:00Z")] {
                try await db.raw("""
                    INSERT INTO audit_log (id, at, actor, via, plan_code, item_type, item_key, action, changes)
                    VALUES (\(bind: id), \(bind: at), 'tests', 'cli', 'ULS', 'plan', 'ULS', 'update', '[]')
                    """).run()
            }
        }
        await database.close()
        let summary = try await DatabaseBackup.write(from: older, to: file, format: .sqlite, logger: TestDatabase.logger)
        #expect(summary.migrations.count == 6 && summary.rows == 2)
        for engine in TestDatabase.engines {
            let location = try await TestDatabase.emptyLocation(engine)
            defer { Task { await TestDatabase.removeLocation(location) } }
            _ = try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
            let restored = try await location.open(logger: TestDatabase.logger)
            let chain = try await SQLAuditRepository(database: restored).verify(plan: "ULS").first
            let applied = try await Migrator.applied(in: restored)
            await restored.close()
            #expect(chain?.verifies == true && chain?.records == 2)
            #expect(applied == Migrator.all.map(\.name))
        }
    }

    /// An SQLite backup is a file anyone can open and change, and SQLite keeps any value in any
    /// column: each change below is refused, naming the file and table, and nothing is written.
    @Test("a tampered SQLite backup is refused, naming what is wrong, and writes nothing", arguments: [
        ("UPDATE indicator_figures SET value = 1e308 WHERE indicator_ref = 'NI80' AND series = 'target'", "table plans: plan ULS:"),
        ("UPDATE benchmark_values SET value = 1e300 WHERE authority_code = 'E06000006'", "table benchmark_values: E06000006, NI80"),
        ("UPDATE indicator_figures SET value = 'lots' WHERE indicator_ref = 'NI80' AND value IS NOT NULL", "table indicator_figures, rowid"),
        ("UPDATE indicator_figures SET value = 1e999 WHERE indicator_ref = 'NI80' AND value IS NOT NULL", "a stored number is not finite"),
        ("UPDATE plans SET title = 'ULS' || char(0) || 'x'", "table plans, rowid 1: column title: contains a NUL character"),
        ("UPDATE plans SET title = CAST(x'41ff42' AS TEXT)", "table plans, rowid 1: column title: the text is not UTF-8"),
        ("UPDATE users SET email = x'4142' WHERE role = 'member'", "column email: expected text or null, found a blob"),
        ("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'audit_log'", "sqlite_sequence: table audit_log: lastId: 1 is below the table's largest id"),
        ("UPDATE sqlite_sequence SET seq = 'many' WHERE name = 'audit_log'", "sqlite_sequence: table audit_log: the last id is not a whole number"),
        ("INSERT INTO schema_migrations (name, applied_at) VALUES ('999-future', 'x')", "schema_migrations: the backup was written by a newer"),
        ("CREATE TABLE extra (x TEXT)", "table extra: not a table of serviceplan's schema"),
        ("DROP TABLE mail_outbox", "has table mail_outbox, which the file lacks"),
        ("ALTER TABLE plans ADD COLUMN extra TEXT", "table plans: columns"),
        ("PRAGMA foreign_keys = OFF; UPDATE indicator_figures SET indicator_ref = 'NI81' WHERE indicator_ref = 'NI80'",
         "table indicator_figures, rowids"),
    ])
    func refusesTamperedSQLiteBackup(tamper: String, expected: String) async throws {
        let good = Self.temporaryFile("good.sqlite"), file = Self.temporaryFile("tampered.sqlite")
        defer { for path in [good, file, file + "-wal", file + "-shm"] { try? FileManager.default.removeItem(atPath: path) } }
        try await TestDatabase.with("sqlite") { original in
            try await Self.fill(original)
            _ = try await DatabaseBackup.write(original, to: good, format: .sqlite)
        }
        try FileManager.default.copyItem(atPath: good, toPath: file)
        // Changed as a DBA with the sqlite3 shell would, foreign keys off.
        let edit = try await DatabaseLocation.sqlite(path: file).openAsItIs(logger: TestDatabase.logger)
        do {
            _ = try await edit.readStatement { db in
                for statement in tamper.split(separator: ";") { try await db.raw(SQLQueryString(String(statement))).run() }
            }
            await edit.close()
        } catch {
            await edit.close()
            throw error
        }
        let untouched = try Self.digest(file)
        for engine in TestDatabase.engines {
            let location = try await TestDatabase.emptyLocation(engine)
            defer { Task { await TestDatabase.removeLocation(location) } }
            let error = await #expect(throws: BackupError.self) {
                try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
            }
            #expect(error?.message.hasPrefix(file + ": ") == true, "\(engine): \(error?.message ?? "")")
            #expect(error?.message.contains(expected) == true, "\(engine): \(error?.message ?? "")")
            let target = try await location.open(logger: TestDatabase.logger)
            #expect(try await Stores(database: target).plans.summaries().isEmpty, "\(engine): nothing was written")
            #expect(try await Stores(database: target).accounts.userCount() == 0, "\(engine): nothing was written")
            await target.close()
            // The same target then takes the good file.
            _ = try await DatabaseRestore.restore(from: good, into: location, logger: TestDatabase.logger)
        }
        #expect(try Self.digest(file) == untouched)
    }

    @Test("a file that is neither an SQLite database nor a backup is refused as today; an SQLite database that is not serviceplan's, a damaged one, or one still in use is refused by name")
    func refusesOtherFiles() async throws {
        let location = DatabaseLocation.sqlite(path: TestDatabase.temporaryPath())
        defer { Task { await TestDatabase.removeLocation(location) } }
        func refusal(_ file: String) async -> String {
            let error = await #expect(throws: BackupError.self) {
                try await DatabaseRestore.restore(from: file, into: location, logger: TestDatabase.logger)
            }
            return error?.message ?? ""
        }
        let files = (0..<5).map { Self.temporaryFile("other-\($0)") }
        defer { for file in files { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } } }
        try Data("SQLite format 2\u{0}and then some bytes that are not a database".utf8).write(to: URL(fileURLWithPath: files[0]))
        #expect(await refusal(files[0]) == "\(files[0]):1: format: not a serviceplan backup (expected serviceplan-backup/1)")
        try Data("SQLite format 3\u{0}".utf8).write(to: URL(fileURLWithPath: files[1]))
        #expect(await refusal(files[1]) == "\(files[1]): the file is too short to be an SQLite database")

        // Some other application's SQLite database.
        let other = try await DatabaseLocation.sqlite(path: files[2]).openAsItIs(logger: TestDatabase.logger)
        try await other.transaction { db in try await db.raw("CREATE TABLE notes (body TEXT)").run() }
        await other.close()
        #expect(await refusal(files[2]).contains("an SQLite database, but not a serviceplan one"))

        // A backup with a page overwritten.
        try await TestDatabase.with("sqlite") { original in
            try await Self.fill(original)
            _ = try await DatabaseBackup.write(original, to: files[3], format: .sqlite)
        }
        let handle = try #require(FileHandle(forWritingAtPath: files[3]))
        try handle.seek(toOffset: 4096 * 3)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()
        #expect(await refusal(files[3]).hasPrefix(files[3] + ": "))

        // A database a server still has open: its latest changes are in its -wal.
        let open = try await DatabaseLocation.sqlite(path: files[4]).open(logger: TestDatabase.logger)
        try await Self.fill(open)
        #expect(await refusal(files[4]).contains("is in use or was not closed cleanly"))
        await open.close()
        // The target itself.
        guard case .sqlite(let path) = location else { return }
        let made = try await location.open(logger: TestDatabase.logger)
        await made.close()
        #expect(await refusal(path).contains("that is the database to restore into"))

        let target = try await location.open(logger: TestDatabase.logger)
        #expect(try await Stores(database: target).plans.summaries().isEmpty)
        await target.close()
    }
}
