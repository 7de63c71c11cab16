import Foundation
@testable import ServicePlanStore
import ServicePlanDomain
import SQLKit
import Testing

/// The audit trail is a hash chain: any record edited, removed, inserted or reordered with raw
/// SQL, behind the application's back, is found and named — on both engines.
@Suite struct AuditChainTests {
    /// A database holding the Halton plan and three edits, so ULS's chain has several records.
    static func withTrail(_ engine: String, _ body: (any Database, [Int64]) async throws -> Void) async throws {
        try await TestDatabase.with(engine) { database in
            let plans = SQLPlanRepository(database: database)
            _ = try await PlanImporter(repository: plans).seedIfEmpty(logger: TestDatabase.logger)
            for target in [41.0, 42.0, 43.0] {
                _ = try await plans.update(code: "ULS", actor: TestActor.tests) { plan in
                    plan.indicators[plan.indicators.firstIndex { $0.ref == "NI80" }!].targets[FinancialYear(startYear: 2009)] = .value(target)
                }
            }
            let ids = try await plans.history(code: "ULS").map(\.id).sorted()
            try await body(database, ids)
        }
    }

    static func verify(_ database: any Database) async throws -> AuditChain.Report {
        try #require(try await SQLAuditRepository(database: database).verify(plan: "ULS").first)
    }

    static func raw(_ database: any Database, _ sql: SQLQueryString) async throws {
        try await database.transaction { db in try await db.raw(sql).run() }
    }

    @Test("an untouched trail verifies, and every new record extends the chain", arguments: TestDatabase.engines)
    func untouched(engine: String) async throws {
        try await Self.withTrail(engine) { database, ids in
            let report = try await Self.verify(database)
            #expect(report.verifies)
            #expect(report.records == ids.count && ids.count >= 4)
            #expect(report.head.count == 64)
        }
    }

    /// The one removal a plan's own chain cannot show (issue 23, item 14).
    @Test("a stored plan whose whole trail was deleted fails; an unknown code or one in the wrong case is not found",
          arguments: TestDatabase.engines)
    func wholeTrailDeleted(engine: String) async throws {
        try await Self.withTrail(engine) { database, _ in
            try await Self.raw(database, "DELETE FROM audit_log")
            let report = try await Self.verify(database)
            #expect(!report.verifies && report.records == 0)
            #expect(report.description.hasPrefix("ULS: has no audit records"), "\(report)")
            #expect(try await SQLAuditRepository(database: database).verify(plan: nil).map(\.plan) == ["ULS"])
            for code in ["NOPE", "uls"] {
                await #expect(throws: PlanNotFound.self) { try await SQLAuditRepository(database: database).verify(plan: code) }
            }
        }
    }

    @Test("a record edited with raw SQL is named", arguments: TestDatabase.engines)
    func edited(engine: String) async throws {
        try await Self.withTrail(engine) { database, ids in
            let victim = ids[ids.count - 2]
            try await Self.raw(database, "UPDATE audit_log SET actor = 'someone else' WHERE id = \(bind: victim)")
            #expect(try await Self.verify(database).firstBad?.id == victim)
        }
    }

    @Test("a record deleted with raw SQL breaks the chain at the record after it", arguments: TestDatabase.engines)
    func deleted(engine: String) async throws {
        try await Self.withTrail(engine) { database, ids in
            try await Self.raw(database, "DELETE FROM audit_log WHERE id = \(bind: ids[1])")
            #expect(try await Self.verify(database).firstBad?.id == ids[2])
        }
    }

    @Test("a record inserted with raw SQL is named", arguments: TestDatabase.engines)
    func inserted(engine: String) async throws {
        try await Self.withTrail(engine) { database, ids in
            // A forger copies a real record's hash onto a new one.
            try await Self.raw(database, """
                INSERT INTO audit_log (at, actor, via, plan_code, item_type, item_key, action, changes, hash)
                SELECT at, 'forger', via, plan_code, item_type, item_key, action, changes, hash FROM audit_log WHERE id = \(bind: ids.last!)
                """)
            let report = try await Self.verify(database)
            #expect(report.firstBad != nil && report.firstBad!.id > ids.last!)
        }
    }

    @Test("two records swapped with raw SQL are found", arguments: TestDatabase.engines)
    func reordered(engine: String) async throws {
        try await Self.withTrail(engine) { database, ids in
            let (a, b) = (ids[1], ids[2])
            // Swap every column but the id: the same records, in another order.
            try await Self.raw(database, "UPDATE audit_log SET id = -1 WHERE id = \(bind: a)")
            try await Self.raw(database, "UPDATE audit_log SET id = \(bind: a) WHERE id = \(bind: b)")
            try await Self.raw(database, "UPDATE audit_log SET id = \(bind: b) WHERE id = -1")
            #expect(try await Self.verify(database).firstBad?.id == a)
        }
    }

    @Test("records written before the chain existed are chained by the migration, and verify", arguments: TestDatabase.engines)
    func migrationChainsOldRecords(engine: String) async throws {
        try await Self.withTrail(engine) { database, ids in
            // As a database from before migration 007 stood: records without hashes.
            try await Self.raw(database, "UPDATE audit_log SET hash = NULL")
            #expect(try await Self.verify(database).firstBad?.id == ids.first)
            try await database.transaction { db in try await Schema007.chainExisting(db) }
            let report = try await Self.verify(database)
            #expect(report.verifies && report.records == ids.count)
        }
    }
}
