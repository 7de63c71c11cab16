import SQLKit

/// Quarterly monitoring: each indicator's aggregation, and the returns officers make each quarter.
enum Schema004 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "indicators")
            .column("aggregation", type: .text, .notNull, .default(SQLLiteral.string("snapshot")),
                    .check(SQLRaw("aggregation IN ('snapshot', 'cumulative')")))
            .run()

        try await db.create(table: "quarterly_returns")
            .column("plan_code", type: .text, .notNull, .references("plans", "code", onDelete: .cascade))
            .column("period", type: .text, .notNull)
            .column("status", type: .text, .notNull, .check(SQLRaw("status IN ('draft', 'submitted', 'approved', 'published')")))
            .column("key_developments", type: .text, .notNull)
            .column("emerging_issues", type: .text, .notNull)
            .column("unforeseen_developments", type: .text, .notNull)
            .column("submitted_by", type: .text)
            .column("submitted_at", type: .text)
            .column("approved_by", type: .text)
            .column("approved_at", type: .text)
            .column("published_by", type: .text)
            .column("published_at", type: .text)
            .column("reopen_reason", type: .text)
            .column("example", type: .int, .notNull, .default(SQLLiteral.numeric("0")), .check(SQLRaw("example IN (0, 1)")))
            .primaryKey("plan_code", "period")
            .run()

        // Lines refer to indicators by ref and milestones, risks and actions by id, not by foreign
        // key: a plan re-import rewrites those rows, and must not take the returns with it.
        try await db.create(table: "return_indicators")
            .column("plan_code", type: .text, .notNull)
            .column("period", type: .text, .notNull)
            .column("indicator_ref", type: .text, .notNull)
            .column("actual", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("numerator", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("denominator", type: .custom(SQLRaw("DOUBLE PRECISION")), .check(SQLRaw("denominator IS NULL OR denominator > 0")))
            .column("commentary", type: .text, .notNull)
            .column("override_status", type: .text, .check(SQLRaw("override_status IN ('green', 'amber', 'red', 'noTarget')")))
            .column("override_reason", type: .text)
            .check(SQLRaw("override_status IS NULL OR override_reason IS NOT NULL"), named: String?.none)
            .primaryKey("plan_code", "period", "indicator_ref")
            .foreignKey(["plan_code", "period"], references: "quarterly_returns", ["plan_code", "period"], onDelete: .cascade)
            .run()

        try await db.create(table: "return_milestones")
            .column("plan_code", type: .text, .notNull)
            .column("period", type: .text, .notNull)
            .column("milestone_id", type: .bigint, .notNull)
            .column("status", type: .text, .check(SQLRaw("status IN ('green', 'amber', 'red', 'complete')")))
            .column("commentary", type: .text, .notNull)
            .primaryKey("plan_code", "period", "milestone_id")
            .foreignKey(["plan_code", "period"], references: "quarterly_returns", ["plan_code", "period"], onDelete: .cascade)
            .run()

        try await db.create(table: "return_progress")
            .column("plan_code", type: .text, .notNull)
            .column("period", type: .text, .notNull)
            .column("kind", type: .text, .notNull, .check(SQLRaw("kind IN ('risk', 'equalityAction')")))
            .column("item_id", type: .bigint, .notNull)
            .column("progress", type: .text, .notNull)
            .primaryKey("plan_code", "period", "kind", "item_id")
            .foreignKey(["plan_code", "period"], references: "quarterly_returns", ["plan_code", "period"], onDelete: .cascade)
            .run()
    }
}
