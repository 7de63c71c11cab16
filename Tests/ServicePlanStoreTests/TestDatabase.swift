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

    /// A fresh, empty, migrated database of the given engine. On PostgreSQL each test gets a
    /// database of its own, so suites can run side by side; `with` drops it afterwards.
    static func open(_ engine: String) async throws -> any Database {
        try await emptyLocation(engine).open(logger: logger)
    }

    /// Where a new, empty database of the engine is (nothing created in it, not even the schema),
    /// for restores; `removeLocation` deletes it.
    static func emptyLocation(_ engine: String) async throws -> DatabaseLocation {
        switch engine {
        case "postgresql":
            guard let url = postgresURL else { throw TestSetupError(message: "SERVICEPLAN_TEST_POSTGRES_URL is not set") }
            let name = "serviceplan_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let admin = try await PostgresDatabase.connect(url: url, logger: logger)
            _ = try await admin.outsideTransaction { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            await admin.close()
            return .postgres(url: Self.url(url, database: name))
        default:
            return .sqlite(path: temporaryPath())
        }
    }

    /// Opens the database at `location`, runs `body`, and closes it however `body` ends.
    static func with<T>(_ location: DatabaseLocation, _ body: (any Database) async throws -> T) async throws -> T {
        let database = try await location.open(logger: logger)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    static func removeLocation(_ location: DatabaseLocation) async {
        switch location {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres(let url):
            guard let server = postgresURL, let name = URLComponents(string: url)?.path.dropFirst(),
                  let admin = try? await PostgresDatabase.connect(url: server, logger: logger) else { return }
            _ = try? await admin.outsideTransaction { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name))").run() }
            await admin.close()
        }
    }

    /// The same server URL, naming another database.
    static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }

    static func drop(_ database: any Database) async {
        guard let url = postgresURL, let db = database as? PostgresDatabase, let name = db.databaseName else { return }
        guard let admin = try? await PostgresDatabase.connect(url: url, logger: logger) else { return }
        _ = try? await admin.outsideTransaction { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name)").run() }
        await admin.close()
    }

    /// Runs `body` on a fresh database and closes it however `body` ends (an unclosed SQLite
    /// connection traps when released).
    static func with<T>(_ engine: String, _ body: (any Database) async throws -> T) async throws -> T {
        let database = try await open(engine)
        do {
            let result = try await body(database)
            await database.close()
            await drop(database)
            return result
        } catch {
            await database.close()
            await drop(database)
            throw error
        }
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-test-\(UUID().uuidString).sqlite").path
    }
}

struct TestSetupError: Error { let message: String }
