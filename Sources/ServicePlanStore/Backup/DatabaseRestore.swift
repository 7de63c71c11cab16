import Crypto
import Foundation
import Logging
import SQLKit

/// `serviceplan restore FILE`: loads a backup into an empty database of either engine. The schema
/// is first built up to the backup's own migrations, the rows go in as one transaction (a bad
/// line, a wrong checksum or a database that is not empty commits nothing), and only then are
/// this release's later migrations applied, so a backup from an older release upgrades as it
/// lands. The backup is a `BackupFormat` file or an SQLite database (`backup --format sqlite`,
/// read by `SQLiteBackupSource`), told apart by the SQLite file's first 16 bytes; both go
/// through the same steps and checks.
public enum DatabaseRestore {
    public static func restore(from path: String, into location: DatabaseLocation, logger: Logger) async throws -> BackupSummary {
        if SQLiteBackup.isSQLiteFile(path) {
            if case .sqlite(let target) = location, DatabaseBackup.resolved(target) == DatabaseBackup.resolved(path) {
                throw BackupError(message: "\(path): that is the database to restore into; give the backup file")
            }
            let source = try await SQLiteBackupSource.open(path, logger: logger)
            do {
                let summary = try await restore(path, migrations: source.migrations, into: location, logger: logger) { db in
                    try await source.load(into: db)
                }
                await source.close()
                return summary
            } catch {
                await source.close()
                throw error
            }
        }
        let header = try BackupLines(path: path).header()
        let known = Migrator.all.map(\.name)
        guard !header.migrations.isEmpty else {
            throw BackupError(message: "\(path):1: migrations: the backup names no schema migration: it is not a backup of a serviceplan database")
        }
        guard header.migrations.count <= known.count, Array(known.prefix(header.migrations.count)) == header.migrations else {
            throw BackupError(message: "\(path):1: migrations: the backup was written by a newer or different serviceplan (its schema is not one this release knows); restore it with that release")
        }
        // The whole file is checked against its checksum before anything is loaded, so a damaged
        // file is named as damaged rather than by whichever constraint its damage breaks first.
        try BackupLines(path: path).checkIntegrity()
        return try await restore(path, migrations: header.migrations, into: location, logger: logger) { db in
            let lines = try BackupLines(path: path)
            do {
                return try await load(lines, into: db, engine: header.engine, migrations: header.migrations)
            } catch let error as BackupError {
                throw error
            } catch {
                // A driver's error in words (DatabaseErrorMessage), not its dump.
                throw lines.error(DatabaseErrorMessage.forOperator(error) ?? String(describing: error))
            }
        }
    }

    /// The steps every restore takes, whichever file `load` reads its rows from: `load` runs in
    /// the restore's one transaction, on a schema built up to the backup's `migrations`.
    private static func restore(_ path: String, migrations: [String], into location: DatabaseLocation, logger: Logger,
                                load: @escaping @Sendable (any SQLDatabase) async throws -> BackupSummary) async throws -> BackupSummary {
        // A backup of this release's schema is checked inside the restore's own transaction.
        let current = migrations.count == Migrator.all.count
        let database = try await location.openAsItIs(logger: logger)
        do {
            // Checked before any schema is built, so a refused restore changes nothing.
            try await database.read { db in try await checkEmpty(db, backup: migrations) }
            try await Migrator(database: database).migrate(upTo: migrations.count)
            // A plain transaction: the schema may predate the content version, and nothing serves a
            // database while it is restored into.
            let summary = try await database.transaction { db in
                let summary = try await load(db)
                if current { try await checkContent(db, file: path) }
                return summary
            }
            try await Migrator(database: database).migrate()
            if !current {
                // An older release's rows are read with this release's code only once migrated:
                // checked now, and emptied again if refused, so a refused restore leaves nothing.
                do {
                    try await database.read { db in try await checkContent(db, file: path) }
                } catch {
                    try await database.transaction { db in
                        for table in DatabaseCatalog.tables.reversed() { try await db.delete(from: table).run() }
                    }
                    throw error
                }
            }
            await database.close()
            return summary
        } catch {
            await database.close()
            throw error
        }
    }

    /// `RestoredContent.check`, with a driver's error in words.
    private static func checkContent(_ db: any SQLDatabase, file: String) async throws {
        do {
            try await RestoredContent.check(db, file: file)
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError(message: "\(file): \(DatabaseErrorMessage.forOperator(error) ?? String(describing: error)); nothing was restored")
        }
    }

    /// Why a backup's last id for a table cannot be taken (before its rows load), or nil.
    static func lastIDProblem(_ last: Int64?, table: String, identity: Bool) -> String? {
        guard let last else { return nil }
        guard identity else { return "lastId: table \(table) has no id of its own" }
        guard (0...largestIdentity).contains(last) else { return "lastId: \(last) is not an id this table can continue from" }
        return nil
    }

    /// Once a table's rows are in, sets its identity so ids continue after the larger of the last
    /// one handed out (`last`, from the backup) and the largest stored. Returns the problem when
    /// `last` is below an id stored (and `refusingBelow`), setting nothing.
    static func continueIdentity(of table: String, after last: Int64?, _ db: any SQLDatabase,
                                 refusingBelow: Bool = true) async throws -> String? {
        let largest = try await db.select().column(SQLFunction("MAX", args: SQLIdentifier("id")), as: "id").from(table)
            .first()?.decode(column: "id", as: Int64?.self) ?? nil
        if refusingBelow, let last, let largest, last < largest {
            return "lastId: \(last) is below the table's largest id, \(largest)"
        }
        if let next = [last, largest].compactMap({ $0 }).max(), next > 0 {
            try await DatabaseCatalog.setLastIdentity(of: table, to: next, db)
        }
        return nil
    }

    /// A target may hold a schema no newer than the backup's (an earlier restore that failed, or
    /// a database another command opened), but no rows.
    private static func checkEmpty(_ db: any SQLDatabase, backup migrations: [String]) async throws {
        let present = try await DatabaseCatalog.presentTables(db)
        guard present.contains(DatabaseCatalog.migrationsTable) else {
            guard present.isEmpty else {
                throw BackupError(message: "the database holds tables that are not serviceplan's (\(present.sorted().prefix(5).joined(separator: ", "))): restore into a new, empty database")
            }
            return
        }
        for table in DatabaseCatalog.tables where present.contains(table) {
            let count = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()?
                .decode(column: "n", as: Int.self) ?? 0
            guard count == 0 else {
                throw BackupError(message: "the database is not empty (table \(table) has \(count) rows): restore into a new, empty database")
            }
        }
        let applied = try await db.select().column("name").from(DatabaseCatalog.migrationsTable).orderBy("name").all()
            .map { try $0.decode(column: "name", as: String.self) }
        guard applied.count <= migrations.count, Array(migrations.prefix(applied.count)) == applied else {
            throw BackupError(message: "the database already has schema \(applied.last ?? "none"), newer than the backup's \(migrations.last ?? "none"): restore into a database nothing has opened yet (a new SQLite file, or a new PostgreSQL database made with createdb)")
        }
    }

    private static func load(_ lines: BackupLines, into db: any SQLDatabase, engine: String, migrations: [String]) async throws -> BackupSummary {
        let present = try await DatabaseCatalog.presentTables(db).subtracting(DatabaseCatalog.bookkeepingTables)
        _ = try lines.header()
        var tables = 0, rows = 0
        var done: Set<String> = []
        while true {
            guard let line = try lines.next() else {
                throw BackupError(message: "\(lines.path):\(lines.number + 1): the file ends before its end line: it is truncated")
            }
            if line.first == UInt8(ascii: "{"), let end = try? JSONDecoder().decode(BackupFormat.End.self, from: line) {
                try lines.verify(end, tables: tables, rows: rows)
                // A backup holds every table of its schema, empty or not: one without the audit
                // trail or the accounts is not a backup of a serviceplan database.
                if let missing = present.subtracting(done).sorted().first {
                    throw BackupError(message: "\(lines.path): table \(missing) is missing: a backup holds every table of its schema; this one is incomplete")
                }
                return BackupSummary(tables: tables, rows: rows, engine: engine, migrations: migrations)
            }
            let header: BackupFormat.TableHeader = try lines.decode(line, as: "a table header")
            guard present.contains(header.table), !done.contains(header.table) else {
                throw lines.error("table: \(BackupLines.shown(header.table)) is not a table of this schema, or comes twice")
            }
            let columns = try await DatabaseCatalog.columns(of: header.table, db)
            guard Set(columns) == Set(header.columns.map { DatabaseCatalog.Column(name: $0.name, kind: $0.kind) }) else {
                throw lines.error("columns: table \(header.table) has columns \(columns.map(\.name).joined(separator: ", ")) here, and others in the backup")
            }
            let identity = DatabaseCatalog.hasIdentity(columns, primaryKey: try await DatabaseCatalog.primaryKey(of: header.table, db))
            if let problem = lastIDProblem(header.lastId, table: header.table, identity: identity) { throw lines.error(problem) }
            let headerLine = lines.number
            let ordered = header.columns.map { DatabaseCatalog.Column(name: $0.name, kind: $0.kind) }
            rows += try await loadRows(of: header.table, columns: ordered, from: lines, into: db)
            if identity, let problem = try await continueIdentity(of: header.table, after: header.lastId, db) {
                throw BackupError(message: "\(lines.path):\(headerLine): \(problem)")
            }
            done.insert(header.table)
            tables += 1
        }
    }

    /// Far below Int64.max, so a restored table can always take new rows.
    static let largestIdentity: Int64 = 1 << 53

    /// Inserts the table's rows a few thousand at a time (`insertRows` splits them under the bind
    /// limit), up to its end line.
    private static func loadRows(of table: String, columns: [DatabaseCatalog.Column], from lines: BackupLines,
                                 into db: any SQLDatabase) async throws -> Int {
        let decoder = JSONDecoder()
        decoder.userInfo[BackupValue.columnsKey] = columns
        var batch: [[any SQLExpression]] = []
        var batchStart = lines.number + 1
        let perStatement = 5_000
        var count = 0
        while let line = try lines.next() {
            if line.first == UInt8(ascii: "[") {
                let row: BackupValue.Row
                do {
                    row = try decoder.decode(BackupValue.Row.self, from: line)
                } catch let error as BackupError {
                    throw lines.error("table \(table): \(error.message)")
                } catch {
                    throw lines.error("table \(table): the row is not a JSON array")
                }
                if batch.isEmpty { batchStart = lines.number }
                batch.append(row.values.map(\.expression))
                count += 1
                if batch.count == perStatement {
                    try await insert(batch, columns: columns, into: table, db, lines: batchStart...lines.number, of: lines)
                    batch.removeAll(keepingCapacity: true)
                }
                continue
            }
            let end: BackupFormat.TableEnd = try lines.decode(line, as: "the end of table \(table)")
            guard end.endTable == table, end.rows == count else {
                throw lines.error("endTable: table \(table) ends with \(end.rows) rows counted, \(count) read")
            }
            if !batch.isEmpty { try await insert(batch, columns: columns, into: table, db, lines: batchStart...(lines.number - 1), of: lines) }
            return count
        }
        throw lines.error("the file ends inside table \(table): it is truncated")
    }

    private static func insert(_ rows: [[any SQLExpression]], columns: [DatabaseCatalog.Column], into table: String,
                               _ db: any SQLDatabase, lines range: ClosedRange<Int>, of lines: BackupLines) async throws {
        do {
            try await db.insertRows(rows, columns: columns.map(\.name), into: table)
        } catch {
            throw BackupError(message: "\(lines.path):\(range.lowerBound)-\(range.upperBound): table \(table): the database refused a row on these lines: \(DatabaseErrorMessage.forOperator(error) ?? String(describing: error))")
        }
    }
}

/// A backup file read a line at a time, hashing every line before the end line as it goes.
final class BackupLines: @unchecked Sendable {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts, and how far it has been searched for a newline.
    private var start = 0, searched = 0
    private var atEOF = false
    private var hasher = SHA256()
    /// The hash of every line before the one `next` returned last: what the end line must hold.
    private var hasherBeforeLast = SHA256()
    private(set) var number = 0
    /// The longest line read (a row holding a 5 MB plan's text is far shorter): a file of one
    /// endless line is refused instead of filling memory.
    static let longestLine = 64 << 20

    init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError(message: "\(path): cannot read the file") }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next line without its newline, or nil at the end of the file.
    func next() throws -> Data? {
        while true {
            if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                return take(upTo: newline, newline: true)
            }
            searched = buffer.count
            guard buffer.count - start <= Self.longestLine else {
                throw BackupError(message: "\(path):\(number + 1): the line is longer than \(Self.longestLine >> 20) MiB: this is not a backup")
            }
            if atEOF {
                guard start < buffer.count else { return nil }
                return take(upTo: buffer.count, newline: false)
            }
            // Drop what has been read before reading more, so the buffer holds about one chunk.
            if start > 0 {
                buffer.removeFirst(start)
                searched -= start
                start = 0
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEOF = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    private func take(upTo end: Int, newline: Bool) -> Data {
        let line = Data(buffer[start..<end])
        hasherBeforeLast = hasher
        hasher.update(data: line)
        if newline { hasher.update(data: Data([UInt8(ascii: "\n")])) }
        start = newline ? end + 1 : end
        searched = start
        number += 1
        return line
    }

    /// File text as shown in a message: short, and without control characters.
    static func shown(_ text: String) -> String {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
        return clean.count > 80 ? String(clean.prefix(80)) + "…" : clean
    }

    /// Reads the whole file: the last line must be the end line, holding the SHA-256 of every
    /// line before it.
    func checkIntegrity() throws {
        var last: Data?
        while let line = try next() {
            if !line.isEmpty { last = line }
        }
        guard let last, last.first == UInt8(ascii: "{"), let end = try? JSONDecoder().decode(BackupFormat.End.self, from: last) else {
            throw BackupError(message: "\(path):\(number): the file does not end with its end line: it is truncated")
        }
        guard end.end.sha256 == digestBeforeEnd else {
            throw error("sha256: the file's checksum does not match its contents: it was changed or damaged")
        }
    }

    /// Reads the first line: the file's header.
    func header() throws -> BackupFormat.Header {
        guard number == 0, let line = try next() else { throw BackupError(message: "\(path): the file is empty, not a backup") }
        guard let header = try? JSONDecoder().decode(BackupFormat.Header.self, from: line), header.format == BackupFormat.name else {
            throw BackupError(message: "\(path):1: format: not a serviceplan backup (expected \(BackupFormat.name))")
        }
        guard ["sqlite", "postgresql"].contains(header.engine) else {
            throw BackupError(message: "\(path):1: engine: \(Self.shown(header.engine)) is not sqlite or postgresql")
        }
        return header
    }

    func decode<T: Decodable>(_ line: Data, as what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: line)
        } catch {
            throw self.error("expected \(what)")
        }
    }

    /// Checks the end line (just read) against the counts and the hash of every line before it,
    /// and that nothing follows it.
    func verify(_ end: BackupFormat.End, tables: Int, rows: Int) throws {
        guard end.end.tables == tables, end.end.rows == rows else {
            throw error("end: the file counts \(end.end.tables) tables and \(end.end.rows) rows; \(tables) and \(rows) were read")
        }
        guard end.end.sha256 == digestBeforeEnd else {
            throw error("sha256: the file's checksum does not match its contents: it was changed or damaged")
        }
        guard try next() == nil else { throw error("there are lines after the end line") }
    }

    private var digestBeforeEnd: String {
        hasherBeforeLast.finalize().map { String(format: "%02x", $0) }.joined()
    }

    func error(_ message: String) -> BackupError {
        BackupError(message: "\(path):\(number): \(message)")
    }
}
