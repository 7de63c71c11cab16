import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import SQLKit

/// The embedded default: one SQLite file in WAL mode with foreign keys on. Writes go through one
/// connection, one transaction at a time; reads use a second connection, each read inside its
/// own transaction so a page never sees half of a concurrent import.
public final class SQLiteDatabase: Database {
    public let path: String
    private let writer: SQLiteConnection
    private let reader: SQLiteConnection
    private let writeLock = AsyncLock()
    private let readLock = AsyncLock()

    public var engineName: String { "sqlite" }

    private init(path: String, writer: SQLiteConnection, reader: SQLiteConnection) {
        self.path = path
        self.writer = writer
        self.reader = reader
    }

    /// Opens (creating if needed) the database file at `path`.
    public static func open(path: String, logger: Logger) async throws -> SQLiteDatabase {
        let source = SQLiteConnectionSource(configuration: .init(storage: .file(path: path), enableForeignKeys: true))
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let writer: SQLiteConnection
        do {
            writer = try await source.makeConnection(logger: logger, on: loop).get()
        } catch let error as SQLiteError {
            throw DatabaseOpenError(message: "cannot open the SQLite database \(path): \(DatabaseErrorMessage.sqlite(error))")
        }
        do {
            // The busy timeout first: switching to WAL waits for any other process opening the file.
            _ = try await writer.query("PRAGMA busy_timeout = 5000").get()
            // WAL lets the reader connection see the last commit while a write is in progress.
            _ = try await writer.query("PRAGMA journal_mode = WAL").get()
            _ = try await writer.query("PRAGMA synchronous = NORMAL").get()
            let reader = try await source.makeConnection(logger: logger, on: loop).get()
            _ = try await reader.query("PRAGMA busy_timeout = 5000").get()
            return SQLiteDatabase(path: path, writer: writer, reader: reader)
        } catch let error as SQLiteError {
            try? await writer.close().get()
            throw DatabaseOpenError(message: "cannot open the SQLite database \(path): \(DatabaseErrorMessage.sqlite(error))")
        } catch {
            try? await writer.close().get()
            throw error
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = reader
        return try await DatabaseMetrics.inProgress(engineName, "read") {
            try await readLock.withLock {
                try await Self.inTransaction(connection, begin: "BEGIN DEFERRED", body)
            }
        }
    }

    public func readStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = reader
        return try await DatabaseMetrics.inProgress(engineName, "read") {
            try await readLock.withLock { try await body(connection.sql()) }
        }
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = writer
        do {
            return try await DatabaseMetrics.inProgress(engineName, "transaction") {
                try await writeLock.withLock {
                    try await Self.inTransaction(connection, begin: "BEGIN IMMEDIATE", body)
                }
            }
        } catch let error as SQLiteError {
            // Another process (a long `serviceplan import`, say) held the file past the busy
            // timeout: a state to wait out, not a fault.
            switch error.reason {
            case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked: throw DatabaseBusy()
            default: throw error
            }
        }
    }

    /// `body` between `begin` and COMMIT on `connection`, rolled back if it throws; also the
    /// SQLite backup file's writer (`SQLiteBackup`).
    static func inTransaction<T: Sendable>(
        _ connection: SQLiteConnection, begin: String,
        _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let db = connection.sql()
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    public func close() async {
        try? await writer.close().get()
        try? await reader.close().get()
    }
}

/// The database file was held by another writer for longer than the busy timeout (5 s): nothing
/// was written; the same change can be made again in a moment.
public struct DatabaseBusy: Error, CustomStringConvertible {
    public var description: String {
        "The database is busy with another change (such as a plan import); nothing was saved. Try again in a few seconds."
    }
}
