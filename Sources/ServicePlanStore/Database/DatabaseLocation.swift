import Foundation
import Logging

/// Where the database is: an SQLite file (the default) or a PostgreSQL URL. The command line's
/// `--db PATH` and `--database-url URL` become one of these.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLitePath = "./serviceplan.sqlite"

    /// Opens the database and brings its schema up to date (or, for a restore, up to the first
    /// `migrations` migrations only).
    public func open(logger: Logger, migrations: Int? = nil) async throws -> any Database {
        let database = try await openAsItIs(logger: logger)
        do {
            try await Migrator(database: database).migrate(upTo: migrations)
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Opens the database without touching its schema: for backups, which must copy a database
    /// as it is (never upgrade a live one under an older server), and for restores, which check
    /// the target before building anything in it.
    func openAsItIs(logger: Logger) async throws -> any Database {
        switch self {
        case .sqlite(let path): return try await SQLiteDatabase.open(path: path, logger: logger)
        case .postgres(let url): return try await PostgresDatabase.connect(url: url, logger: logger)
        }
    }
}

extension DatabaseLocation {
    /// Whether writing `path` would write over this database: its SQLite file or the file's
    /// `-wal`, `-shm` or `-journal`, by any spelling of the path or by another hard link to it.
    /// A PostgreSQL database has no file a command could name.
    public func isStored(at path: String) -> Bool {
        guard case .sqlite(let database) = self else { return false }
        func resolved(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        let files = [database, database + "-wal", database + "-shm", database + "-journal"]
        if files.map(resolved).contains(resolved(path)) { return true }
        var target = stat()
        guard stat(path, &target) == 0 else { return false }
        return files.contains { file in
            var info = stat()
            return stat(file, &info) == 0 && info.st_dev == target.st_dev && info.st_ino == target.st_ino
        }
    }
}
