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
        let database: any Database
        switch self {
        case .sqlite(let path): database = try await SQLiteDatabase.open(path: path, logger: logger)
        case .postgres(let url): database = try await PostgresDatabase.connect(url: url, logger: logger)
        }
        do {
            try await Migrator(database: database).migrate(upTo: migrations)
        } catch {
            await database.close()
            throw error
        }
        return database
    }
}
