import Crypto
import Foundation
import Logging
import SQLKit

/// `serviceplan backup FILE`: every table, read in one snapshot (`Database.read`: a deferred
/// transaction on SQLite's WAL reader, REPEATABLE READ on PostgreSQL), so a backup taken while the
/// server runs holds each change whole or not at all. The rows are written in the engine-neutral
/// `BackupFormat` (or, with `--format sqlite`, as an SQLite database: `SQLiteBackup`), to a
/// temporary file renamed over `path` only once complete: an interrupted backup never leaves a
/// file that looks like one.
public enum DatabaseBackup {
    /// Backs up the database at `location` as it stands: an SQLite file that does not exist is
    /// refused (never created empty), and the schema is not migrated (a newer release's
    /// `backup` must not upgrade a database an older server is still using).
    public static func write(from location: DatabaseLocation, to path: String, format: BackupFileFormat = .serviceplan,
                             logger: Logger, now: Date = Date()) async throws -> BackupSummary {
        if case .sqlite(let database) = location {
            guard FileManager.default.fileExists(atPath: database) else {
                throw BackupError(message: "\(database): there is no database file there (give its path with --db)")
            }
            guard !location.isStored(at: path) else {
                throw BackupError(message: "\(path): that is the database itself; write the backup to another file")
            }
        }
        let database = try await location.openAsItIs(logger: logger)
        do {
            let summary = try await write(database, to: path, format: format, now: now)
            await database.close()
            return summary
        } catch {
            await database.close()
            throw error
        }
    }

    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    public static func write(_ database: any Database, to path: String, format: BackupFileFormat = .serviceplan,
                             now: Date = Date()) async throws -> BackupSummary {
        if format == .sqlite { return try await SQLiteBackup.write(database, to: path) }
        // Owner-only: a backup holds password hashes, email addresses and Part II items.
        let file = try OutputFile.create(besides: path, permissions: 0o600)
        let sink = BackupSink(file: file)
        do {
            let summary = try await database.read { db in try await dump(db, into: sink, engine: database.engineName, now: now) }
            try sink.finish()
            try file.commit()
            return summary
        } catch {
            file.discard()
            if let failure = error as? OutputFile.Failure { throw BackupError(message: failure.description) }
            throw error
        }
    }

    /// What every backup does first, inside its snapshot: checks the database is serviceplan's
    /// and holds no table this release does not know, holds its tables against a schema change
    /// (PostgreSQL), and reads the migrations it has applied. Returns the tables present.
    static func beginSnapshot(_ db: any SQLDatabase) async throws -> (present: Set<String>, migrations: [String]) {
        let present = try await DatabaseCatalog.presentTables(db)
        guard present.contains(DatabaseCatalog.migrationsTable) else {
            throw BackupError(message: "the database has no serviceplan schema: there is nothing to back up")
        }
        if db.dialect.name == "postgresql" {
            // As pg_dump does: hold every table against a schema change (ALTER, TRUNCATE) until
            // the snapshot has been read; wait at most 10 s for a migration to finish.
            try await db.raw("SET LOCAL lock_timeout = '10s'").run()
            let tables = DatabaseCatalog.tables.filter(present.contains).map { SQLIdentifier($0) }
            try await db.raw("LOCK TABLE \(SQLList(tables)) IN ACCESS SHARE MODE").run()
        }
        let unknown = present.subtracting(DatabaseCatalog.tables + DatabaseCatalog.bookkeepingTables)
        guard unknown.isEmpty else {
            throw BackupError(message: "the database has tables this release does not back up: \(unknown.sorted().joined(separator: ", "))")
        }
        let migrations = try await db.select().column("name").from(DatabaseCatalog.migrationsTable).orderBy("name").all()
            .map { try $0.decode(column: "name", as: String.self) }
        return (present, migrations)
    }

    private static func dump(_ db: any SQLDatabase, into sink: BackupSink, engine: String, now: Date) async throws -> BackupSummary {
        let (present, migrations) = try await beginSnapshot(db)
        try sink.write(BackupFormat.Header(format: BackupFormat.name, created: ISO8601DateFormatter().string(from: now),
                                           engine: engine, migrations: migrations))
        var tables = 0, rows = 0
        for table in DatabaseCatalog.tables where present.contains(table) {
            let columns = try await DatabaseCatalog.columns(of: table, db)
            let key = try await DatabaseCatalog.primaryKey(of: table, db)
            let lastID = DatabaseCatalog.hasIdentity(columns, primaryKey: key) ? try await DatabaseCatalog.lastIdentity(of: table, db) : nil
            try sink.write(BackupFormat.TableHeader(table: table, columns: columns.map { .init(name: $0.name, kind: $0.kind) }, lastId: lastID))
            // Key order makes two backups of the same data the same file, whichever engine wrote them.
            var query = db.select().columns(columns.map { SQLIdentifier($0.name) }).from(table)
            for name in key.isEmpty ? columns.map(\.name) : key {
                query = query.orderBy(DatabaseCatalog.ordering(name, kind: columns.first { $0.name == name }?.kind ?? .text, db))
            }
            let before = sink.rows
            try await query.run { row in sink.writeRow(row, columns: columns) }
            try sink.check()
            try sink.write(BackupFormat.TableEnd(endTable: table, rows: sink.rows - before))
            tables += 1
            rows += sink.rows - before
        }
        sink.writeEnd(tables: tables, rows: rows)
        return BackupSummary(tables: tables, rows: rows, engine: engine, migrations: migrations)
    }
}

/// Where a backup's lines go: a buffer flushed to the file in large writes, and the running
/// SHA-256 the last line carries. Rows arrive on the database driver's callback, which cannot
/// throw, so the first failure is kept and raised by `check`.
final class BackupSink: @unchecked Sendable {
    private let lock = NSLock()
    private let file: OutputFile.Partial
    private var buffer = ""
    private var hasher = SHA256()
    private var failure: (any Error)?
    private(set) var rows = 0
    private static let flushAt = 1 << 20

    init(file: OutputFile.Partial) {
        self.file = file
    }

    func write<Line: Encodable>(_ line: Line) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(line), as: UTF8.self)
        try lock.withLock { try append(text) }
    }

    func writeRow(_ row: any SQLRow, columns: [DatabaseCatalog.Column]) {
        lock.withLock {
            guard failure == nil else { return }
            do {
                var line = "["
                for (index, column) in columns.enumerated() {
                    if index > 0 { line += "," }
                    try BackupValue(row: row, column: column.name, kind: column.kind).appendJSON(to: &line)
                }
                line += "]"
                try append(line)
                rows += 1
            } catch {
                failure = error
            }
        }
    }

    func check() throws {
        try lock.withLock {
            if let failure { throw failure }
        }
    }

    func writeEnd(tables: Int, rows: Int) {
        lock.withLock {
            let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            let end = BackupFormat.End(end: .init(tables: tables, rows: rows, sha256: digest))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // The end line is not part of its own hash.
            buffer += String(decoding: (try? encoder.encode(end)) ?? Data(), as: UTF8.self) + "\n"
        }
    }

    func finish() throws {
        try lock.withLock { try flush() }
    }

    private func append(_ line: String) throws {
        let text = line + "\n"
        hasher.update(data: Data(text.utf8))
        buffer += text
        if buffer.utf8.count >= Self.flushAt { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try file.write(Data(buffer.utf8))
        buffer = ""
    }
}
