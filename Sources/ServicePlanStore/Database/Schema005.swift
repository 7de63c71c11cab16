import SQLKit

/// National benchmarking: the council's ONS code and comparison group, and every authority's
/// published value per indicator and year.
enum Schema005 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "plans").column("authority_code", type: .text).run()
        try await db.alter(table: "plans").column("neighbours", type: .text, .notNull, .default(SQLLiteral.string("[]"))).run()

        try await db.create(table: "benchmark_values")
            .column("authority_code", type: .text, .notNull)
            .column("authority_name", type: .text, .notNull)
            .column("indicator_ref", type: .text, .notNull)
            .column("year", type: .int, .notNull)
            // NULL: the authority's value was not published.
            .column("value", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .primaryKey("authority_code", "indicator_ref", "year")
            .run()
        // One row per import: its id versions every page that shows national figures.
        try await db.create(table: "benchmark_imports")
            .column(definitions: [Schema001.identity(db)])
            .column("at", type: .text, .notNull)
            .column("rows", type: .int, .notNull)
            .run()
        try await db.create(index: "benchmark_values_indicator_year").on("benchmark_values").column("indicator_ref").column("year").run()
    }
}
