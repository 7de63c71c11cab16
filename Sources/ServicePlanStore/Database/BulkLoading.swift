import SQLKit

/// One value of a row streamed into a table in bulk.
enum BulkValue: Sendable {
    case text(String)
    case integer(Int)
    case real(Double)
    case null
}

/// Where a bulk load sends its rows, one at a time; each engine decides how many to write at once.
protocol BulkSink: AnyObject {
    func append(_ row: [BulkValue]) async throws
}

/// Streams rows into a table inside the transaction it was handed out with: `COPY … FROM STDIN`
/// on PostgreSQL, JSON arrays spread by `json_each` on SQLite. Only for tables the caller names itself (a
/// table name is written into the statement as it is).
protocol BulkLoading: Sendable {
    /// Runs `produce`, which appends every row, then writes whatever is still buffered.
    func load(into table: String, columns: [String], _ produce: (any BulkSink) async throws -> Void) async throws
}

/// SQLite: rows gathered into one JSON array of about a megabyte, bound as a single value and
/// spread into the table by SQLite's own `json_each`. Binding every value separately (a
/// multi-row INSERT) cost 7.5 s of a 700,000-row import's 19; this costs about 3 (bench/RESULTS.md).
struct JSONBulkLoading: BulkLoading {
    let db: any SQLDatabase

    func load(into table: String, columns: [String], _ produce: (any BulkSink) async throws -> Void) async throws {
        let sink = Sink(db: db, table: table, columns: columns)
        do {
            try await produce(sink)
            try await sink.finish()
        } catch {
            // Never leave an insert running on the transaction's connection past this point.
            _ = try? await sink.inserting?.value
            throw error
        }
    }

    final class Sink: BulkSink {
        let db: any SQLDatabase
        let statement: String
        var json: [UInt8] = []
        static let flushBytes = 1 << 20

        init(db: any SQLDatabase, table: String, columns: [String]) {
            self.db = db
            let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let values = columns.indices.map { "value->>\($0)" }.joined(separator: ", ")
            statement = "INSERT INTO \"\(table)\" (\(names)) SELECT \(values) FROM json_each("
            json.reserveCapacity(Self.flushBytes + 4096)
        }

        func append(_ row: [BulkValue]) async throws {
            json.append(json.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
            json.append(UInt8(ascii: "["))
            for (index, value) in row.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                switch value {
                case .text(let text): Self.appendString(text, to: &json)
                case .integer(let number): json.append(contentsOf: String(number).utf8)
                // Finite (checked before a value gets here); Swift's shortest round-trip form is valid JSON.
                case .real(let number): json.append(contentsOf: number.description.utf8)
                case .null: json.append(contentsOf: "null".utf8)
                }
            }
            json.append(UInt8(ascii: "]"))
            if json.count >= Self.flushBytes { try await flush() }
        }

        /// The array before this one, still being inserted: SQLite inserts one while the caller
        /// reads and checks the rows of the next, on the other core.
        var inserting: Task<Void, any Error>?

        func flush() async throws {
            try await inserting?.value
            inserting = nil
            guard !json.isEmpty else { return }
            json.append(UInt8(ascii: "]"))
            let (db, statement, array) = (db, statement, String(decoding: json, as: UTF8.self))
            inserting = Task { try await db.raw("\(unsafeRaw: statement)\(bind: array))").run() }
            json.removeAll(keepingCapacity: true)
        }

        /// Waits for the last insert.
        func finish() async throws {
            try await flush()
            try await inserting?.value
            inserting = nil
        }

        deinit { inserting?.cancel() }

        /// A JSON string: quote, backslash and control characters escaped, the rest as it is.
        static func appendString(_ text: String, to json: inout [UInt8]) {
            json.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): json.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): json.append(contentsOf: #"\\"#.utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    json.append(contentsOf: #"\u00"#.utf8)
                    json.append(hex[Int(byte >> 4)])
                    json.append(hex[Int(byte & 0xF)])
                default: json.append(byte)
                }
            }
            json.append(UInt8(ascii: "\""))
        }
    }
}

extension Database {
    /// Runs `body` in one transaction, with a way to stream rows into a table in bulk. Engines
    /// with a faster way than INSERT (PostgreSQL's COPY) provide their own.
    func bulkTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase, any BulkLoading) async throws -> T) async throws -> T {
        if let postgres = self as? PostgresDatabase { return try await postgres.copyTransaction(body) }
        return try await transaction { db in try await body(db, JSONBulkLoading(db: db)) }
    }
}
