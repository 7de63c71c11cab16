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
/// on PostgreSQL, multi-row INSERTs on SQLite. Only for tables the caller names itself (a
/// table name is written into the statement as it is).
protocol BulkLoading: Sendable {
    /// Runs `produce`, which appends every row, then writes whatever is still buffered.
    func load(into table: String, columns: [String], _ produce: (any BulkSink) async throws -> Void) async throws
}

/// Multi-row INSERTs over any SQL database, as many rows per statement as the bind limit allows.
struct InsertBulkLoading: BulkLoading {
    let db: any SQLDatabase

    func load(into table: String, columns: [String], _ produce: (any BulkSink) async throws -> Void) async throws {
        let sink = Sink(db: db, table: table, columns: columns)
        try await produce(sink)
        try await sink.flush()
    }

    final class Sink: BulkSink {
        let db: any SQLDatabase
        let table: String
        let columns: [String]
        let perStatement: Int
        var rows: [[any SQLExpression]] = []

        init(db: any SQLDatabase, table: String, columns: [String]) {
            self.db = db
            self.table = table
            self.columns = columns
            perStatement = max(1, SQLiteBinds.maximumPerStatement / max(1, columns.count))
            rows.reserveCapacity(perStatement)
        }

        func append(_ row: [BulkValue]) async throws {
            rows.append(row.map { value -> any SQLExpression in
                switch value {
                case .text(let text): SQLBind(text)
                case .integer(let number): SQLBind(number)
                case .real(let number): SQLBind(number)
                case .null: SQLLiteral.null
                }
            })
            if rows.count >= perStatement { try await flush() }
        }

        func flush() async throws {
            guard !rows.isEmpty else { return }
            try await db.insertRows(rows, columns: columns, into: table)
            rows.removeAll(keepingCapacity: true)
        }
    }
}

extension Database {
    /// Runs `body` in one transaction, with a way to stream rows into a table in bulk. Engines
    /// with a faster way than INSERT (PostgreSQL's COPY) provide their own.
    func bulkTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase, any BulkLoading) async throws -> T) async throws -> T {
        if let postgres = self as? PostgresDatabase { return try await postgres.copyTransaction(body) }
        return try await transaction { db in try await body(db, InsertBulkLoading(db: db)) }
    }
}
