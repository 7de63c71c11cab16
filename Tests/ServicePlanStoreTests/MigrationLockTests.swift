import Foundation
@testable import ServicePlanStore
import Testing

/// Several servers started at once on one empty database: the schema is built exactly once and
/// every one of them starts (issue #11: the second of two instances used to exit with a
/// PostgreSQL error on the first start).
@Suite struct MigrationLockTests {
    /// PostgreSQL: the engine several servers share (docs/operations.md). SQLite serves one
    /// process; its write transactions are exclusive anyway.
    @Test("three servers opening one empty PostgreSQL database at once all start, and each migration is applied once")
    func concurrentFirstStart() async throws {
        guard TestDatabase.postgresURL != nil else { return }
        let location = try await TestDatabase.emptyLocation("postgresql")
        defer { Task { await TestDatabase.removeLocation(location) } }
        let opened = try await withThrowingTaskGroup(of: (any Database).self) { group in
            for _ in 0..<3 { group.addTask { try await location.open(logger: TestDatabase.logger) } }
            var all: [any Database] = []
            for try await database in group { all.append(database) }
            return all
        }
        #expect(opened.count == 3)
        let applied = try await Migrator.applied(in: opened[0])
        #expect(applied == Migrator.all.map(\.name))
        for database in opened { await database.close() }
    }
}

@Suite struct DatabaseErrorMessageTests {
    @Test("a PostgreSQL error reaches the operator with the server's own message, not the placeholder")
    func operatorMessage() async throws {
        guard TestDatabase.postgresURL != nil else { return }
        try await TestDatabase.with("postgresql") { database in
            do {
                try await database.read { db in try await db.raw("SELECT * FROM no_such_table").run() }
                Issue.record("the query should fail")
            } catch {
                #expect(String(describing: error).contains("Generic description"), "PostgresNIO hides it by default")
                let message = try #require(DatabaseErrorMessage.forOperator(error))
                #expect(message.contains("no_such_table") && message.contains("42P01"), "\(message)")
            }
        }
        #expect(DatabaseErrorMessage.forOperator(CocoaError(.fileNoSuchFile)) == nil)
    }

    /// The connection pool retried for about a minute and then said only that its "circuit
    /// breaker tripped"; the operator needs the cause.
    @Test("opening a database that does not exist says so, with the server's SQLSTATE")
    func missingDatabase() async throws {
        guard let url = TestDatabase.postgresURL else { return }
        let missing = TestDatabase.url(url, database: "serviceplan_no_such_database")
        do {
            let database = try await PostgresDatabase.connect(url: missing, logger: TestDatabase.logger)
            await database.close()
            Issue.record("the database should not open")
        } catch {
            let message = String(describing: error)
            #expect(message.contains("database \"serviceplan_no_such_database\" does not exist") && message.contains("3D000"), "\(message)")
            #expect(!message.contains("CircuitBreaker"))
        }
    }
}
