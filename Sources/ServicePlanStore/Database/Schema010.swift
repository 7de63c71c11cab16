import SQLKit

/// National values keyed by indicator and year first: the pages ask for one indicator's year
/// (`benchmark_values_indicator_year` did that as a second index), and an import stores its rows
/// in that order. One index instead of two halves what a 700,000-row import maintains; on SQLite
/// it took the import's store step from 6.7 s to 1.8 s (bench/RESULTS.md).
enum Schema010 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.drop(index: "benchmark_values_indicator_year").run()
        if db.dialect.name == "postgresql" {
            try await db.raw("ALTER TABLE benchmark_values DROP CONSTRAINT benchmark_values_pkey").run()
            try await db.raw("ALTER TABLE benchmark_values ADD PRIMARY KEY (indicator_ref, year, authority_code)").run()
            return
        }
        // SQLite cannot change a table's key in place: the documented rebuild, within this transaction.
        try await db.create(table: "benchmark_values_rekeyed")
            .column("authority_code", type: .text, .notNull)
            .column("authority_name", type: .text, .notNull)
            .column("indicator_ref", type: .text, .notNull)
            .column("year", type: .int, .notNull)
            .column("value", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .primaryKey("indicator_ref", "year", "authority_code")
            .run()
        try await db.raw("""
            INSERT INTO benchmark_values_rekeyed (authority_code, authority_name, indicator_ref, year, value)
            SELECT authority_code, authority_name, indicator_ref, year, value FROM benchmark_values ORDER BY indicator_ref, year, authority_code
            """).run()
        try await db.drop(table: "benchmark_values").run()
        try await db.raw("ALTER TABLE benchmark_values_rekeyed RENAME TO benchmark_values").run()
    }
}
