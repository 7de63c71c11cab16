import SQLKit

/// Quarterly monitoring: each indicator's aggregation, and the returns officers make each quarter.
enum Schema004 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "indicators")
            .column("aggregation", type: .text, .notNull, .default(SQLLiteral.string("snapshot")),
                    .check(SQLRaw("aggregation IN ('snapshot', 'cumulative')")))
            .run()
    }
}
