import Foundation
@testable import ServicePlanStore
import SQLKit
import Testing

/// The versions a cached report must match (`AuditLog.versions`).
@Suite struct DataVersionTests {
    static func audit(_ db: any SQLDatabase, plan: String) async throws {
        try await db.raw("""
            INSERT INTO audit_log (at, actor, via, plan_code, item_type, item_key, action, changes)
            VALUES ('2026-11-29T00:00:00Z', 'test', 'cli', \(bind: plan), 'plan', \(bind: plan), 'update', '[]')
            """).run()
    }

    /// PostgreSQL hands out ids before commit and lets writers commit in any order; SQLite's
    /// writes are one at a time, so this cannot happen there.
    @Test("a change whose audit id is lower but commits later still moves the version, so no server keeps a stale report")
    func lateCommitMovesTheVersion() async throws {
        guard TestDatabase.postgresURL != nil else { return }
        try await TestDatabase.with("postgresql") { database in
            let (inserted, insertedSignal) = AsyncStream<Void>.makeStream()
            let (gate, release) = AsyncStream<Void>.makeStream()
            let slow = Task {
                try await database.transaction { db in
                    try await Self.audit(db, plan: "ULS")           // takes the lower id
                    insertedSignal.finish()
                    for await _ in gate {}                          // and commits only when released
                }
            }
            for await _ in inserted {}
            try await database.transaction { db in try await Self.audit(db, plan: "ULS") }   // the higher id, committed first
            let before = try await AuditLog.versions(plan: "ULS", in: database)
            release.finish()
            try await slow.value
            let after = try await AuditLog.versions(plan: "ULS", in: database)
            #expect(after.plan == before.plan, "the latest id stays where it was")
            #expect(after != before, "yet the version moves")
        }
    }
}
