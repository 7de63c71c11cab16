import Foundation
import Logging
import ServicePlanStore
import SQLKit

/// The engines the storage contract runs against: SQLite always, PostgreSQL when
/// `SERVICEPLAN_TEST_POSTGRES_URL` is set (the README's test command sets it).
enum TestDatabase {
    static var postgresURL: String? { ProcessInfo.processInfo.environment["SERVICEPLAN_TEST_POSTGRES_URL"] }

    static var engines: [String] { postgresURL == nil ? ["sqlite"] : ["sqlite", "postgresql"] }

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    /// A fresh, empty, migrated database of the given engine. PostgreSQL is reset by dropping
    /// its schema, so the suite using it must be serialized.
    static func open(_ engine: String) async throws -> any Database {
        switch engine {
        case "postgresql":
            guard let url = postgresURL else { throw TestSetupError(message: "SERVICEPLAN_TEST_POSTGRES_URL is not set") }
            let raw = try await PostgresDatabase.connect(url: url, logger: logger)
            try await raw.transaction { db in
                try await db.raw("DROP SCHEMA public CASCADE").run()
                try await db.raw("CREATE SCHEMA public").run()
            }
            await raw.close()
            return try await DatabaseLocation.postgres(url: url).open(logger: logger)
        default:
            return try await DatabaseLocation.sqlite(path: temporaryPath()).open(logger: logger)
        }
    }

    /// Runs `body` on a fresh database and closes it however `body` ends (an unclosed SQLite
    /// connection traps when released).
    static func with<T>(_ engine: String, _ body: (any Database) async throws -> T) async throws -> T {
        let database = try await open(engine)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-test-\(UUID().uuidString).sqlite").path
    }
}

struct TestSetupError: Error { let message: String }
