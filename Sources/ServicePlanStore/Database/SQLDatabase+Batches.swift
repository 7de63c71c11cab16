import SQLKit

/// SQLite allows at most 32,766 bound values in one statement; stay well inside it.
enum SQLiteBinds {
    static let maximumPerStatement = 30_000
}

extension SQLDatabase {
    static var maximumBindsPerStatement: Int { SQLiteBinds.maximumPerStatement }

    /// Inserts rows of values already bound, in `columns` order, as many per statement as the
    /// bind limit allows: what a restore uses, and what `insertBatches` ends in.
    func insertRows(_ rows: [[any SQLExpression]], columns: [String], into table: String,
                    configure: (SQLInsertBuilder) -> SQLInsertBuilder = { $0 }) async throws {
        guard !columns.isEmpty else { return }
        let perStatement = max(1, Self.maximumBindsPerStatement / columns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let builder = insert(into: table).columns(columns)
            for row in rows[start..<min(start + perStatement, rows.count)] { builder.values(row) }
            try await configure(builder).run()
        }
    }

    /// Inserts `rows` with as many rows per statement as the bind limit allows: the one way rows
    /// are written in bulk. With `omittingNilIDs`, a row whose `id` is nil leaves the column out
    /// so the database assigns one (rows with and without ids go in separate statements, since
    /// their columns differ). `configure` adds to each statement, e.g. an `ON CONFLICT` clause.
    func insertBatches<Row: Encodable>(_ rows: [Row], into table: String, encoder: SQLQueryEncoder, omittingNilIDs: Bool = false,
                                       configure: (SQLInsertBuilder) -> SQLInsertBuilder = { $0 }) async throws {
        guard omittingNilIDs else {
            // One shape: encode and insert a statement's worth at a time, so a large import
            // never holds every encoded row at once.
            guard let first = rows.first else { return }
            let columns = try encoder.encode(first).map(\.0)
            guard !columns.isEmpty else { return }
            let perStatement = max(1, Self.maximumBindsPerStatement / columns.count)
            for start in stride(from: 0, to: rows.count, by: perStatement) {
                let builder = insert(into: table).columns(columns)
                for row in rows[start..<min(start + perStatement, rows.count)] { builder.values(try encoder.encode(row).map(\.1)) }
                try await configure(builder).run()
            }
            return
        }
        let encoded = try rows.map { row in
            try encoder.encode(row).filter { column, value in
                guard column == "id", let literal = value as? SQLLiteral, case .null = literal else { return true }
                return false
            }
        }
        let shapes = Dictionary(grouping: encoded, by: { $0.map(\.0) })
        // Rows that keep their ids go first, so ids the database assigns never take a kept one;
        // within a shape rows keep the order they came in.
        let order = shapes.keys.sorted { ($0.contains("id") ? 0 : 1, $0.joined(separator: ",")) < ($1.contains("id") ? 0 : 1, $1.joined(separator: ",")) }
        for columns in order {
            guard let group = shapes[columns] else { continue }
            try await insertRows(group.map { $0.map(\.1) }, columns: columns, into: table, configure: configure)
        }
    }
}
