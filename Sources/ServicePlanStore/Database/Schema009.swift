import SQLKit

/// Section 4.1, the budget summary and service costs: each plan's reason for giving none
/// ("To Follow"), its budget lines per division and year, and its service costs. Amounts are
/// pounds; a figure is a number or a reason, never both. Plans stored before this have none.
enum Schema009 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "plans").column("budget_missing", type: .text).run()
        try await db.create(table: "budget_lines")
            .column("plan_code", type: .text, .notNull, .references("plans", "code", onDelete: .cascade))
            .column("position", type: .int, .notNull)
            .column("year", type: .int, .notNull)
            .column("division", type: .text, .notNull)
            .column("expenditure_value", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("expenditure_missing", type: .text)
            .column("income_value", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("income_missing", type: .text)
            .column("net_value", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("net_missing", type: .text)
            .check(SQLRaw("(expenditure_value IS NULL) <> (expenditure_missing IS NULL)"), named: String?.none)
            .check(SQLRaw("(income_value IS NULL) <> (income_missing IS NULL)"), named: String?.none)
            .check(SQLRaw("(net_value IS NULL) <> (net_missing IS NULL)"), named: String?.none)
            .primaryKey("plan_code", "position")
            .run()
        try await db.create(table: "budget_service_costs")
            .column("plan_code", type: .text, .notNull, .references("plans", "code", onDelete: .cascade))
            .column("position", type: .int, .notNull)
            .column("year", type: .int, .notNull)
            .column("service", type: .text, .notNull)
            .column("cost_value", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("cost_missing", type: .text)
            .check(SQLRaw("(cost_value IS NULL) <> (cost_missing IS NULL)"), named: String?.none)
            .primaryKey("plan_code", "position")
            .run()
    }
}
