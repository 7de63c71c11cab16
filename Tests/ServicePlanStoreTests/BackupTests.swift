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
}
