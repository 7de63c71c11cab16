import Foundation
import Logging
import NIOPosix
import SQLiteKit
import SQLKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `serviceplan backup --format sqlite FILE`: the same snapshot as a `BackupFormat` file, written
/// as an ordinary SQLite database that the sqlite3 shell, DB Browser or any other SQLite tool
/// opens. The file is built by this release's own migrations — up to the ones the database has
/// applied, so its schema (and `schema_migrations`) is exactly the one serviceplan made there —
/// and every table in `DatabaseCatalog.tables` is then copied into it from the snapshot, value
/// by value against the column kinds a backup knows. It is built beside the target under a
/// temporary name, owner-only (it holds password hashes), and renamed over the target only once
/// complete and on disk (`OutputFile`). `restore` reads such a file back (`SQLiteBackupSource`).
enum SQLiteBackup {
    /// The first 16 bytes of every SQLite database file.
    static let magic: [UInt8] = Array("SQLite format 3\u{0}".utf8)

    /// Whether `path` is an ordinary file (after links) that starts as an SQLite database does.
    /// Nothing else is read: a pipe (`restore <(zcat …)`) is left whole for the JSON reader.
    static func isSQLiteFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: magic.count) else { return false }
        return Array(start) == magic
    }

    /// Rows read from the database and written to the file at a time.
    static let pageSize = 5_000

    static func write(_ database: any Database, to path: String) async throws -> BackupSummary {
        let file: OutputFile.Partial
        do {
            // Owner-only: a backup holds password hashes, email addresses and Part II items.
            file = try OutputFile.create(besides: path, permissions: 0o600)
        } catch {
            throw BackupError(message: error.description)
        }
        do {
            let target = try await BackupFileDatabase.create(at: file.partial)
            let summary: BackupSummary
            do {
                summary = try await database.read { db in try await copy(db, engine: database.engineName, into: target) }
                await target.close()
            } catch {
                await target.close()
                throw error
            }
            try file.commit()
            return summary
        } catch {
            file.discard()
            if let failure = error as? OutputFile.Failure { throw BackupError(message: failure.description) }
            if error is BackupError { throw error }
            throw BackupError(message: "\(path): \(DatabaseErrorMessage.forOperator(error) ?? String(describing: error)); nothing was written")
        }
    }

    /// Builds the file's schema up to the database's migrations and copies every table into it,
    /// in one transaction on the file; `db` is the snapshot.
    private static func copy(_ db: any SQLDatabase, engine: String, into target: BackupFileDatabase) async throws -> BackupSummary {
        let (present, migrations) = try await DatabaseBackup.beginSnapshot(db)
        let known = Migrator.all.map(\.name)
        guard migrations.count <= known.count, Array(known.prefix(migrations.count)) == migrations else {
            throw BackupError(message: "the database has schema \(migrations.last ?? "none"), which this release does not know, so it cannot build it as an SQLite file: back it up with the release that made it, or with --format serviceplan")
        }
        try await Migrator(database: target).migrate(upTo: migrations.count)
        let applied = try await db.select().columns("name", "applied_at").from(DatabaseCatalog.migrationsTable).all()
            .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "applied_at", as: String.self)) }
        return try await target.transaction { out in
            // The file records when the database's migrations were applied, not when it was written.
            for (name, at) in applied {
                try await out.update(DatabaseCatalog.migrationsTable).set("applied_at", to: SQLBind(at)).where("name", .equal, SQLBind(name)).run()
            }
            let built = try await DatabaseCatalog.presentTables(out)
            var tables = 0, rows = 0
            for table in DatabaseCatalog.tables where present.contains(table) {
                let schema = migrations.last ?? "none"
                guard built.contains(table) else {
                    throw BackupError(message: "table \(table): schema \(schema) has no such table (the database was changed by hand): back it up with --format serviceplan")
                }
                let columns = try await DatabaseCatalog.columns(of: table, db)
                let made = try await DatabaseCatalog.columns(of: table, out)
                guard Set(columns) == Set(made) else {
                    throw BackupError(message: "table \(table): its columns (\(columns.map(\.name).joined(separator: ", "))) are not those schema \(schema) makes (\(made.map(\.name).joined(separator: ", "))): back it up with --format serviceplan")
                }
                let key = try await DatabaseCatalog.primaryKey(of: table, db)
                let identity = DatabaseCatalog.hasIdentity(columns, primaryKey: key)
                let last = identity ? try await DatabaseCatalog.lastIdentity(of: table, db) : nil
                try await pages(of: table, columns: columns, key: key, db) { page in
                    let values = try page.map { row in
                        try columns.map { column in
                            let value = try BackupValue(row: row, column: column.name, kind: column.kind)
                            if case .real(let number) = value, !number.isFinite {
                                throw BackupError(message: "table \(table), column \(column.name): a stored number is not finite (\(number))")
                            }
                            return value.expression
                        }
                    }
                    try await out.insertRows(values, columns: columns.map(\.name), into: table)
                    rows += page.count
                }
                if identity {
                    // The file's ids continue where the database's would; a sequence set below an id
                    // stored (by hand) continues after the largest instead.
                    _ = try await DatabaseRestore.continueIdentity(of: table, after: last, out, refusingBelow: false)
                }
                tables += 1
            }
            return BackupSummary(tables: tables, rows: rows, engine: engine, migrations: migrations)
        }
    }

    /// Reads a table a page at a time, so a table of any size is copied in little memory: on
    /// PostgreSQL through a cursor in key order, on SQLite by rowid (a table without an integer
    /// key is stored in rowid order anyway). Both see the snapshot `db` reads.
    private static func pages(of table: String, columns: [DatabaseCatalog.Column], key: [String], _ db: any SQLDatabase,
                              _ body: ([any SQLRow]) async throws -> Void) async throws {
        let names = columns.map { SQLIdentifier($0.name) }
        if db.dialect.name == "postgresql" {
            var query = db.select().columns(names).from(table)
            for name in key.isEmpty ? columns.map(\.name) : key {
                query = query.orderBy(DatabaseCatalog.ordering(name, kind: columns.first { $0.name == name }?.kind ?? .text, db))
            }
            try await db.raw("DECLARE serviceplan_backup NO SCROLL CURSOR FOR \(query.select)").run()
            while true {
                let page = try await db.raw("FETCH FORWARD \(unsafeRaw: String(pageSize)) FROM serviceplan_backup").all()
                if page.isEmpty { break }
                try await body(page)
            }
            try await db.raw("CLOSE serviceplan_backup").run()
            return
        }
        var after: Int64?
        while true {
            var query = db.select().column(SQLRaw("rowid AS serviceplan_rowid")).columns(names).from(table)
            if let after { query = query.where(SQLRaw("rowid"), .greaterThan, SQLBind(after)) }
            let page = try await query.orderBy(SQLRaw("rowid")).limit(pageSize).all()
            guard let last = page.last else { break }
            try await body(page)
            guard page.count == pageSize else { break }
            after = try last.decode(column: "serviceplan_rowid", as: Int64.self)
        }
    }
}

/// The backup file while it is built: one connection with foreign keys on, its journal in memory
/// and no syncs of its own (a file whose build fails is deleted; the finished one is synced once,
/// by `OutputFile`). Its journal mode stays the default, so the finished file is an ordinary
/// rollback-journal database that a reader opens without creating a `-wal` or `-shm` beside it.
private final class BackupFileDatabase: Database {
    let connection: SQLiteConnection
    private let lock = AsyncLock()

    var engineName: String { "sqlite" }

    private init(connection: SQLiteConnection) {
        self.connection = connection
    }

    static func create(at path: String) async throws -> BackupFileDatabase {
        var logger = Logger(label: "serviceplan.backup")
        logger.logLevel = .error
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA journal_mode = MEMORY", "PRAGMA synchronous = OFF"] {
                _ = try await connection.query(pragma)
            }
        } catch {
            try? await connection.close().get()
            throw error
        }
        return BackupFileDatabase(connection: connection)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(body)
    }

    func readStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = connection.sql()
        return try await lock.withLock { try await body(db) }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = connection
        return try await lock.withLock { try await SQLiteDatabase.inTransaction(connection, begin: "BEGIN IMMEDIATE", body) }
    }

    func close() async {
        try? await connection.close().get()
    }
}
