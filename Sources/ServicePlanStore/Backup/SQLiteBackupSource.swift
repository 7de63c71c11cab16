import Foundation
import Logging
import NIOCore
import SQLiteKit
import SQLKit

/// An SQLite database read as a backup by `serviceplan restore FILE`: a file `backup --format
/// sqlite` wrote, or a copy of a serviceplan SQLite database. It is opened read-only (`mode=ro`,
/// or `immutable=1` for a file in WAL mode, which a read-only reader would otherwise give a
/// `-shm` beside it), so reading never changes or creates a file; and read in one transaction,
/// so every table comes from one state of it. It is checked as a `BackupFormat` file is: first
/// whole (`PRAGMA integrity_check`, as the JSON file's checksum), then its migrations against
/// this release's, its tables and columns against the schema those migrations build, and every
/// value against its column's kind — SQLite keeps any value in any column, so a hand-edited
/// file can hold text where a number belongs, which is refused here, not passed on.
final class SQLiteBackupSource: Sendable {
    let path: String
    /// The migrations the file's schema was built by, in order.
    let migrations: [String]
    private let connection: SQLiteConnection
    /// The file's tables, but SQLite's own.
    private let tables: Set<String>

    private init(path: String, migrations: [String], connection: SQLiteConnection, tables: Set<String>) {
        (self.path, self.migrations, self.connection, self.tables) = (path, migrations, connection, tables)
    }

    /// Opens the file and checks it can be restored by this release; `close` ends the read.
    static func open(_ path: String, logger: Logger) async throws -> SQLiteBackupSource {
        let header = try fileHeader(path)
        // A file in WAL mode with changes still in its -wal (a database in use, or not closed
        // cleanly) is not one state on its own; nor is one with a rollback journal left beside it.
        for suffix in ["-wal", "-journal"] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            if let size = attributes?[.size] as? Int, size > 0 {
                throw BackupError(message: "\(path): the database is in use or was not closed cleanly (\(path + suffix) holds changes not in it): close what uses it, or back it up with `serviceplan backup --format sqlite`, and restore that")
            }
        }
        let wal = header[18] == 2
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .error)
        let uri = URL(fileURLWithPath: path).absoluteString + (wal ? "?immutable=1" : "?mode=ro")
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: uri), logger: quiet)
        } catch {
            throw BackupError(message: "\(path): cannot open it as an SQLite database (\(Self.words(error)))")
        }
        do {
            let source = try await check(path, connection)
            return source
        } catch {
            try? await connection.close().get()
            if error is BackupError { throw error }
            throw BackupError(message: "\(path): \(Self.words(error)); nothing was restored")
        }
    }

    /// The file's first 100 bytes: SQLite's header.
    private static func fileHeader(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError(message: "\(path): cannot read the file") }
        defer { try? handle.close() }
        let header = Array((try? handle.read(upToCount: 100)) ?? Data())
        guard header.count == 100 else { throw BackupError(message: "\(path): the file is too short to be an SQLite database") }
        return header
    }

    private static func check(_ path: String, _ connection: SQLiteConnection) async throws -> SQLiteBackupSource {
        // Text is read as its bytes, which must be UTF-8 (the encoding serviceplan's files have).
        let encoding = try await connection.query("PRAGMA encoding").first?.columns.first?.data.string
        guard encoding == "UTF-8" else {
            throw BackupError(message: "\(path): the database's text is in \(encoding ?? "an unknown encoding"), not UTF-8: it is not one serviceplan wrote")
        }
        _ = try await connection.query("BEGIN")
        let integrity = try await connection.query("PRAGMA integrity_check(5)").compactMap { $0.columns.first?.data.string }
        guard integrity == ["ok"] else {
            throw BackupError(message: "\(path): integrity_check: the file is damaged (\(integrity.joined(separator: "; "))); nothing was restored")
        }
        let tables = Set(try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
            .compactMap { $0.columns.first?.data.string })
        guard tables.contains(DatabaseCatalog.migrationsTable) else {
            throw BackupError(message: "\(path): an SQLite database, but not a serviceplan one (it has no \(DatabaseCatalog.migrationsTable) table): not a backup")
        }
        let unknown = tables.subtracting(DatabaseCatalog.tables + DatabaseCatalog.bookkeepingTables)
        guard unknown.isEmpty else {
            throw BackupError(message: "\(path): table \(BackupLines.shown(unknown.sorted().joined(separator: ", "))): not a table of serviceplan's schema; nothing was restored")
        }
        var migrations: [String] = []
        for row in try await connection.query("SELECT name FROM schema_migrations ORDER BY name") {
            guard case .text(let name) = row.columns.first?.data else {
                throw BackupError(message: "\(path): \(DatabaseCatalog.migrationsTable): a migration's name is not text; nothing was restored")
            }
            migrations.append(name)
        }
        let known = Migrator.all.map(\.name)
        guard !migrations.isEmpty else {
            throw BackupError(message: "\(path): \(DatabaseCatalog.migrationsTable): the backup names no schema migration: it is not a backup of a serviceplan database")
        }
        guard migrations.count <= known.count, Array(known.prefix(migrations.count)) == migrations else {
            throw BackupError(message: "\(path): \(DatabaseCatalog.migrationsTable): the backup was written by a newer or different serviceplan (its schema is not one this release knows); restore it with that release")
        }
        return SQLiteBackupSource(path: path, migrations: migrations, connection: connection, tables: tables)
    }

    func close() async {
        _ = try? await connection.query("ROLLBACK")
        try? await connection.close().get()
    }

    /// Copies every table into `db` (built up to the file's migrations, empty), checking each as a
    /// JSON restore checks its lines; a refusal names the file, the table and the row.
    func load(into db: any SQLDatabase) async throws -> BackupSummary {
        let schema = migrations.last ?? "none"
        let theirs = tables.subtracting(DatabaseCatalog.bookkeepingTables)
        let ours = try await DatabaseCatalog.presentTables(db).subtracting(DatabaseCatalog.bookkeepingTables)
        guard theirs == ours else {
            let extra = theirs.subtracting(ours).sorted(), missing = ours.subtracting(theirs).sorted()
            throw refuse("tables: schema \(schema) has "
                         + [extra.isEmpty ? nil : "no table \(extra.joined(separator: ", "))",
                            missing.isEmpty ? nil : "table \(missing.joined(separator: ", ")), which the file lacks"]
                            .compactMap { $0 }.joined(separator: " and "))
        }
        let source = connection.sql()
        var count = 0, rows = 0
        for table in DatabaseCatalog.tables where ours.contains(table) {
            let columns = try await DatabaseCatalog.columns(of: table, db)
            let stored: [DatabaseCatalog.Column]
            do {
                stored = try await DatabaseCatalog.columns(of: table, source)
            } catch let error as BackupError {
                throw refuse(error.message)
            }
            guard Set(stored) == Set(columns) else {
                throw refuse("table \(table): columns \(stored.map(\.name).joined(separator: ", ")) in the file, where schema \(schema) has \(columns.map(\.name).joined(separator: ", "))")
            }
            let identity = DatabaseCatalog.hasIdentity(columns, primaryKey: try await DatabaseCatalog.primaryKey(of: table, db))
            let last = identity ? try await lastIdentity(of: table) : nil
            if let problem = DatabaseRestore.lastIDProblem(last, table: table, identity: identity) {
                throw refuse("sqlite_sequence: table \(table): \(problem)")
            }
            rows += try await copyRows(of: table, columns: stored, into: db)
            if identity, let problem = try await DatabaseRestore.continueIdentity(of: table, after: last, db) {
                throw refuse("sqlite_sequence: table \(table): \(problem)")
            }
            count += 1
        }
        return BackupSummary(tables: count, rows: rows, engine: "sqlite", migrations: migrations)
    }

    /// The last id the table handed out, from `sqlite_sequence` (absent until a table with an
    /// AUTOINCREMENT key first takes a row).
    private func lastIdentity(of table: String) async throws -> Int64? {
        guard !(try await connection.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")).isEmpty else {
            return nil
        }
        var last: Int64?
        for row in try await connection.query("SELECT seq FROM sqlite_sequence WHERE name = ?", [.text(table)]) {
            switch row.columns.first?.data {
            case .integer(let seq): last = max(last ?? Int64(seq), Int64(seq))
            case .null, nil: continue
            default: throw refuse("sqlite_sequence: table \(table): the last id is not a whole number")
            }
        }
        return last
    }

    /// Copies the table's rows a page at a time, in rowid order.
    private func copyRows(of table: String, columns: [DatabaseCatalog.Column], into db: any SQLDatabase) async throws -> Int {
        // Each column is read with what it holds: text as its bytes (SQLite's text functions stop
        // at a NUL, and a string read back would be cut there) and with its type beside it.
        let selected = columns.map { column in
            column.kind == .text ? "typeof(\(Self.quoted(column.name))), CAST(\(Self.quoted(column.name)) AS BLOB)" : Self.quoted(column.name)
        }
        let select = "SELECT rowid, \(selected.joined(separator: ", ")) FROM \(Self.quoted(table))"
        var after: Int64?
        var count = 0
        while true {
            let page = try await connection.query(
                select + (after == nil ? "" : " WHERE rowid > ?") + " ORDER BY rowid LIMIT \(SQLiteBackup.pageSize)",
                after.map { [.integer(SQLiteInt64($0))] } ?? [])
            guard !page.isEmpty else { break }
            var values: [[any SQLExpression]] = []
            values.reserveCapacity(page.count)
            var first: Int64 = 0, last: Int64 = 0
            for (index, row) in page.enumerated() {
                let data = row.columns.map(\.data)
                guard case .integer(let rowid) = data.first else { throw refuse("table \(table): a row without a rowid") }
                if index == 0 { first = Int64(rowid) }
                last = Int64(rowid)
                var offset = 1
                var rowValues: [any SQLExpression] = []
                rowValues.reserveCapacity(columns.count)
                for column in columns {
                    let value: BackupValue
                    do {
                        if column.kind == .text {
                            value = try Self.text(type: data[offset], bytes: data[offset + 1])
                            offset += 2
                        } else {
                            value = try Self.number(data[offset], kind: column.kind)
                            offset += 1
                        }
                    } catch let error as BackupError {
                        throw refuse("table \(table), rowid \(rowid): column \(column.name): \(error.message)")
                    }
                    rowValues.append(value.expression)
                }
                values.append(rowValues)
            }
            do {
                try await db.insertRows(values, columns: columns.map(\.name), into: table)
            } catch {
                throw refuse("table \(table), rowids \(first)-\(last): the database refused a row among these: \(DatabaseErrorMessage.forOperator(error) ?? String(describing: error))")
            }
            count += page.count
            guard page.count == SQLiteBackup.pageSize else { break }
            after = last
        }
        return count
    }

    /// A value of an integer or real column: a whole number for an integer column; any finite
    /// number for a real one (SQLite may keep a real that is whole as an integer).
    private static func number(_ data: SQLiteData, kind: BackupValue.Kind) throws -> BackupValue {
        switch (data, kind) {
        case (.null, _): return .null
        case (.integer(let value), .integer): return .integer(Int64(value))
        case (.integer(let value), .real):
            guard let exact = Double(exactly: value) else { throw BackupError(message: "\(value) is not a number a real column holds exactly") }
            return .real(exact)
        case (.float(let value), .real):
            guard value.isFinite else { throw BackupError(message: "a stored number is not finite (\(value))") }
            return .real(value)
        default:
            throw BackupError(message: "expected \(kind == .integer ? "a whole number" : "a number") or null, found \(Self.kind(data))")
        }
    }

    /// A value of a text column, from its type and its bytes: UTF-8 text without a NUL, or null.
    private static func text(type: SQLiteData, bytes: SQLiteData) throws -> BackupValue {
        switch (type, bytes) {
        case (.text("null"), _): return .null
        case (.text("text"), .blob(let buffer)):
            let utf8 = Array(buffer.readableBytesView)
            guard !utf8.contains(0) else { throw BackupError(message: "contains a NUL character") }
            guard let text = String(validating: utf8, as: UTF8.self) else { throw BackupError(message: "the text is not UTF-8") }
            return .text(text)
        case (.text("integer"), _): throw BackupError(message: "expected text or null, found a whole number")
        case (.text("real"), _): throw BackupError(message: "expected text or null, found a number")
        case (.text("blob"), _): throw BackupError(message: "expected text or null, found a blob")
        default: throw BackupError(message: "expected text or null")
        }
    }

    private static func kind(_ data: SQLiteData) -> String {
        switch data {
        case .integer: "a whole number"
        case .float: "a number"
        case .text: "text"
        case .blob: "a blob"
        case .null: "null"
        }
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func words(_ error: any Error) -> String {
        if let error = error as? SQLiteError { return error.message }
        return DatabaseErrorMessage.forOperator(error) ?? String(describing: error)
    }

    private func refuse(_ problem: String) -> BackupError {
        BackupError(message: "\(path): \(problem); nothing was restored")
    }
}
