import Foundation
import ServicePlanDomain
@testable import ServicePlanStore
import Testing

/// A database written by the previous release (schema 007) upgrades with nothing lost. The
/// fixture is a backup of one, made by that release: the served Halton plan with its example
/// quarter, an edit, the first-run admin and two more accounts, an API token, national values, and 104 audit records.
@Suite struct UpgradeTests {
    static var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/release-007.backup").path
    }

    /// Each table's column names and rows, from a backup file.
    static func tables(_ path: String) throws -> [String: (columns: [String], rows: [[Any]])] {
        var tables: [String: (columns: [String], rows: [[Any]])] = [:]
        var current: String?
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8))
            if let header = json as? [String: Any], let table = header["table"] as? String,
               let columns = header["columns"] as? [[String: Any]] {
                tables[table] = (columns.compactMap { $0["name"] as? String }, [])
                current = table
            } else if let row = json as? [Any], let table = current {
                tables[table]?.rows.append(row)
            }
        }
        return tables
    }

    @Test("every record of a release-007 database is there after the upgrade, value for value", arguments: TestDatabase.engines)
    func upgradeKeepsEveryRecord(engine: String) async throws {
        let location = try await TestDatabase.emptyLocation(engine)
        defer { Task { await TestDatabase.removeLocation(location) } }
        let restored = try await DatabaseRestore.restore(from: Self.fixture, into: location, logger: TestDatabase.logger)
        #expect(restored.migrations.last == "007-audit-hash-chain" && restored.rows == 420)
        let after = FileManager.default.temporaryDirectory.appendingPathComponent("upgraded-\(UUID().uuidString).backup").path
        defer { try? FileManager.default.removeItem(atPath: after) }
        try await TestDatabase.with(location) { database in
            #expect(try await Migrator.applied(in: database) == Migrator.all.map(\.name))
            _ = try await DatabaseBackup.write(database, to: after)
            let stores = Stores(database: database, bcryptCost: 4)
            let plan = try #require(try await stores.plans.plan(code: "ULS"))
            #expect(plan.title.hasSuffix("(edited)") && plan.link == nil, "an upgraded plan keeps its own council section")
            #expect(try await stores.returns.returns(plan: "ULS").count == 1)
            #expect(try await stores.accounts.users().map(\.email).sorted() == ["admin@halton.gov.uk", "admin@serviceplan.local", "officer@halton.gov.uk"])
            #expect(try await stores.benchmarks.count() == 3)
            let chain = try #require(try await stores.audit.verify(plan: "ULS").first)
            #expect(chain.verifies && chain.records == 104)
        }
        // Value for value: every old table's rows, in the old columns, are unchanged.
        let before = try Self.tables(Self.fixture), upgraded = try Self.tables(after)
        #expect(before.count == 23)
        for (table, old) in before {
            let new = try #require(upgraded[table], "\(table) is gone")
            let indexes = old.columns.map { new.columns.firstIndex(of: $0) }
            #expect(!indexes.contains(nil), "\(table) lost a column")
            let projected = new.rows.map { row in indexes.compactMap { $0 }.map { row[$0] } }
            #expect(projected.map { "\($0)" } == old.rows.map { "\($0)" }, "\(table) changed")
        }
    }
}
