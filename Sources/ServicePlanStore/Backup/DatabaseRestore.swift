import Crypto
import Foundation
import Logging
import SQLKit

/// `serviceplan restore FILE`: loads a backup into an empty database of either engine. The schema
/// is first built up to the backup's own migrations, the rows go in as one transaction (a bad
/// line, a wrong checksum or a database that is not empty commits nothing), and only then are
/// this release's later migrations applied, so a backup from an older release upgrades as it
/// lands.
public enum DatabaseRestore {
    public static func restore(from path: String, into location: DatabaseLocation, logger: Logger) async throws -> BackupSummary {
        let header = try BackupLines(path: path).header()
        // The whole file is checked against its checksum before anything is loaded, so a damaged
        // file is named as damaged rather than by whichever constraint its damage breaks first.
        try BackupLines(path: path).checkIntegrity()
        let known = Migrator.all.map(\.name)
        guard header.migrations.count <= known.count, Array(known.prefix(header.migrations.count)) == header.migrations else {
            let strange = header.migrations.first { !known.contains($0) } ?? header.migrations.last ?? ""
            throw BackupError(message: "\(path):1: migrations: the backup was written by a newer or different serviceplan (schema \(strange) is not one this release knows); restore it with that release")
        }
        let database = try await location.open(logger: logger, migrations: header.migrations.count)
        do {
            let applied = try await Migrator.applied(in: database)
            guard applied == header.migrations else {
                throw BackupError(message: "the database already has schema \(applied.last ?? "none") and the backup \(header.migrations.last ?? "none"): restore into a new, empty database")
            }
            let summary = try await database.transaction { db in
                try await load(BackupLines(path: path), into: db, engine: header.engine, migrations: header.migrations)
            }
            try await Migrator(database: database).migrate()
            await database.close()
            return summary
        } catch {
            await database.close()
            throw error
        }
    }

    private static func load(_ lines: BackupLines, into db: any SQLDatabase, engine: String, migrations: [String]) async throws -> BackupSummary {
        let present = try await DatabaseCatalog.presentTables(db).subtracting([DatabaseCatalog.migrationsTable])
        for table in present.sorted() {
            let count = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()?
                .decode(column: "n", as: Int.self) ?? 0
            guard count == 0 else {
                throw BackupError(message: "the database is not empty (table \(table) has \(count) rows): restore into a new, empty database")
            }
        }
        _ = try lines.header()
        var tables = 0, rows = 0
        var done: Set<String> = []
        while true {
            guard let line = try lines.next() else {
                throw BackupError(message: "\(lines.path):\(lines.number + 1): the file ends before its end line: it is truncated")
            }
            if line.first == UInt8(ascii: "{"), let end = try? JSONDecoder().decode(BackupFormat.End.self, from: line) {
                try lines.verify(end, tables: tables, rows: rows)
                return BackupSummary(tables: tables, rows: rows, engine: engine, migrations: migrations)
            }
            let header: BackupFormat.TableHeader = try lines.decode(line, as: "a table header")
            guard present.contains(header.table), !done.contains(header.table) else {
                throw lines.error("table: \(header.table) is not a table of this schema, or comes twice")
            }
            let columns = try await DatabaseCatalog.columns(of: header.table, db)
            guard Set(columns) == Set(header.columns.map { DatabaseCatalog.Column(name: $0.name, kind: $0.kind) }) else {
                throw lines.error("columns: table \(header.table) has columns \(columns.map(\.name).joined(separator: ", ")) here, and others in the backup")
            }
            let ordered = header.columns.map { DatabaseCatalog.Column(name: $0.name, kind: $0.kind) }
            rows += try await loadRows(of: header.table, columns: ordered, from: lines, into: db)
            if let last = header.lastId, last > 0 { try await DatabaseCatalog.setLastIdentity(of: header.table, to: last, db) }
            done.insert(header.table)
            tables += 1
        }
    }

    /// Inserts the table's rows, as many per statement as the bind limit allows, up to its end line.
    private static func loadRows(of table: String, columns: [DatabaseCatalog.Column], from lines: BackupLines,
                                 into db: any SQLDatabase) async throws -> Int {
        let decoder = JSONDecoder()
        decoder.userInfo[BackupValue.columnsKey] = columns
        var batch: [[any SQLExpression]] = []
        // Rows are sent a few thousand at a time; `insertRows` splits them under the bind limit.
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
                batch.append(row.values.map(\.expression))
                count += 1
                if batch.count == perStatement {
                    try await insert(batch, columns: columns, into: table, db, lines)
                    batch.removeAll(keepingCapacity: true)
                }
                continue
            }
            let end: BackupFormat.TableEnd = try lines.decode(line, as: "the end of table \(table)")
            guard end.endTable == table, end.rows == count else {
                throw lines.error("endTable: table \(table) ends with \(end.rows) rows counted, \(count) read")
            }
            if !batch.isEmpty { try await insert(batch, columns: columns, into: table, db, lines) }
            return count
        }
        throw lines.error("the file ends inside table \(table): it is truncated")
    }

    private static func insert(_ rows: [[any SQLExpression]], columns: [DatabaseCatalog.Column], into table: String,
                               _ db: any SQLDatabase, _ lines: BackupLines) async throws {
        do {
            try await db.insertRows(rows, columns: columns.map(\.name), into: table)
        } catch {
            // PostgreSQL's errors describe themselves only when reflected.
            throw lines.error("table \(table): the database refused the \(rows.count) rows ending here: \(String(reflecting: error))")
        }
    }
}

/// A backup file read a line at a time, hashing every line before the end line as it goes.
final class BackupLines: @unchecked Sendable {
    let path: String
    private let handle: FileHandle
    private var buffer = Data()
    private var atEOF = false
    private var hasher = SHA256()
    /// The hash of every line before the one `next` returned last: what the end line must hold.
    private var hasherBeforeLast = SHA256()
    private(set) var number = 0

    init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError(message: "\(path): cannot read the file") }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next line without its newline, or nil at the end of the file.
    func next() throws -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                hasherBeforeLast = hasher
                hasher.update(data: buffer[buffer.startIndex...newline])
                buffer.removeSubrange(buffer.startIndex...newline)
                number += 1
                return Data(line)
            }
            if atEOF {
                guard !buffer.isEmpty else { return nil }
                number += 1
                defer { buffer = Data() }
                return buffer
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEOF = true } else { buffer.append(chunk) }
        }
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
