import SQLKit

/// The first schema: service plans and everything they hold. Constraints live here as well as
/// in the domain, so no other writer (a script, a future version) can store an impossible plan.
enum Schema001 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.create(table: "plans")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("title", type: .text, .notNull)
            .column("status", type: .text, .notNull, .check(SQLRaw("status IN ('draft', 'approved')")))
            .column("first_year", type: .int, .notNull)
            .column("last_year", type: .int, .notNull)
            .column("council_name", type: .text, .notNull)
            .column("directorate", type: .text, .notNull)
            .column("department", type: .text, .notNull)
            .column("divisions", type: .text, .notNull)
            .column("key_areas_of_focus", type: .text, .notNull)
            .column("notes", type: .text, .notNull)
            .check(SQLRaw("last_year >= first_year AND last_year - first_year < 5"), named: String?.none)
            .run()

        try await db.create(table: "priorities")
            .column("plan_code", type: .text, .notNull, .references("plans", "code", onDelete: .cascade))
            .column("number", type: .int, .notNull)
            .column("title", type: .text, .notNull)
            .primaryKey("plan_code", "number")
            .run()

        try await db.create(table: "areas_of_focus")
            .column("plan_code", type: .text, .notNull)
            .column("number", type: .int, .notNull)
            .column("priority_number", type: .int, .notNull)
            .column("title", type: .text, .notNull)
            .primaryKey("plan_code", "number")
            .foreignKey(["plan_code", "priority_number"], references: "priorities", ["plan_code", "number"], onDelete: .cascade)
            .run()

        try await db.create(table: "objectives")
            .column("plan_code", type: .text, .notNull, .references("plans", "code", onDelete: .cascade))
            .column("ref", type: .text, .notNull)
            .column("position", type: .int, .notNull)
            .column("title", type: .text, .notNull)
            .column("ecm_outcomes", type: .text, .notNull)
            .column("cypp_priorities", type: .text, .notNull)
            .column("cross_references", type: .text, .notNull)
            .column("responsible_officer", type: .text, .notNull)
            .column("indicator_refs", type: .text, .notNull)
            .column("notes", type: .text, .notNull)
            .column(definitions: assessmentColumns("initial") + assessmentColumns("residual"))
            .check(assessmentRule("initial"), named: String?.none)
            .check(assessmentRule("residual"), named: String?.none)
            .primaryKey("plan_code", "ref")
            .run()

        try await db.create(table: "objective_areas")
            .column("plan_code", type: .text, .notNull)
            .column("objective_ref", type: .text, .notNull)
            .column("position", type: .int, .notNull)
            .column("area_number", type: .int, .notNull)
            .primaryKey("plan_code", "objective_ref", "area_number")
            .foreignKey(["plan_code", "objective_ref"], references: "objectives", ["plan_code", "ref"], onDelete: .cascade)
            .foreignKey(["plan_code", "area_number"], references: "areas_of_focus", ["plan_code", "number"], onDelete: .cascade)
            .run()

        try await db.create(table: "milestone_years")
            .column("plan_code", type: .text, .notNull)
            .column("objective_ref", type: .text, .notNull)
            .column("year", type: .int, .notNull)
            .column("position", type: .int, .notNull)
            .column("missing", type: .text)
            .primaryKey("plan_code", "objective_ref", "year")
            .foreignKey(["plan_code", "objective_ref"], references: "objectives", ["plan_code", "ref"], onDelete: .cascade)
            .run()

        try await db.create(table: "milestones")
            .column(definitions: [identity(db)])
            .column("plan_code", type: .text, .notNull)
            .column("objective_ref", type: .text, .notNull)
            .column("year", type: .int, .notNull)
            .column("position", type: .int, .notNull)
            .column("text", type: .text, .notNull)
            .column("due_date", type: .text, .notNull)
            .foreignKey(["plan_code", "objective_ref", "year"], references: "milestone_years",
                        ["plan_code", "objective_ref", "year"], onDelete: .cascade)
            .run()

        try await db.create(table: "indicators")
            .column("plan_code", type: .text, .notNull, .references("plans", "code", onDelete: .cascade))
            .column("ref", type: .text, .notNull)
            .column("position", type: .int, .notNull)
            .column("title", type: .text, .notNull)
            .column("category", type: .text, .notNull, .check(SQLRaw(
                "category IN ('corporateHealth', 'costAndEfficiency', 'fairAccess', 'quality', 'serviceDelivery')")))
            .column("scope", type: .text, .notNull, .check(SQLRaw("scope IN ('national', 'local')")))
            .column("key_flag", type: .text, .notNull, .check(SQLRaw("key_flag IN ('yes', 'no', 'unknown')")))
            .column("laa_flag", type: .text, .notNull, .check(SQLRaw("laa_flag IN ('yes', 'no', 'unknown')")))
            .column("unit", type: .text, .notNull, .check(SQLRaw(
                "unit IN ('percentage', 'count', 'number', 'money', 'ratio', 'yesNo')")))
            .column("polarity", type: .text, .notNull, .check(SQLRaw("polarity IN ('higherIsBetter', 'lowerIsBetter')")))
            .column("corporate_plan", type: .text, .notNull)
            .column("baseline_year", type: .int, .notNull)
            // DOUBLE PRECISION, not REAL: PostgreSQL's REAL is 4 bytes and turns 0.95 into 0.949999988.
            .column("baseline_value", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("baseline_missing", type: .text)
            .column("notes", type: .text, .notNull)
            .check(SQLRaw("(baseline_value IS NULL) <> (baseline_missing IS NULL)"), named: String?.none)
            .primaryKey("plan_code", "ref")
            .run()

        try await db.create(table: "indicator_figures")
            .column("plan_code", type: .text, .notNull)
            .column("indicator_ref", type: .text, .notNull)
            .column("series", type: .text, .notNull, .check(SQLRaw(
                "series IN ('target', 'actual', 'quartileTop', 'quartileMiddle', 'quartileBottom')")))
            .column("year", type: .int, .notNull)
            .column("value", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("missing", type: .text)
            .check(SQLRaw("(value IS NULL) <> (missing IS NULL)"), named: String?.none)
            .primaryKey("plan_code", "indicator_ref", "series", "year")
            .foreignKey(["plan_code", "indicator_ref"], references: "indicators", ["plan_code", "ref"], onDelete: .cascade)
            .run()

        try await db.create(table: "risks")
            .column(definitions: [identity(db)])
            .column("plan_code", type: .text, .notNull)
            .column("objective_ref", type: .text, .notNull)
            .column("position", type: .int, .notNull)
            .column("description", type: .text, .notNull)
            .column("treatment", type: .text, .notNull)
            .column("notes", type: .text, .notNull)
            .column(definitions: assessmentColumns("initial") + assessmentColumns("residual"))
            .check(assessmentRule("initial"), named: String?.none)
            .check(assessmentRule("residual"), named: String?.none)
            .foreignKey(["plan_code", "objective_ref"], references: "objectives", ["plan_code", "ref"], onDelete: .cascade)
            .run()

        try await db.create(table: "equality_actions")
            .column(definitions: [identity(db)])
            .column("plan_code", type: .text, .notNull, .references("plans", "code", onDelete: .cascade))
            .column("position", type: .int, .notNull)
            .column("area", type: .text, .notNull)
            .column("impact", type: .text, .notNull, .check(SQLRaw("impact IN ('high', 'low', 'none')")))
            .column("action", type: .text, .notNull)
            .column("years", type: .text, .notNull)
            .column("officers", type: .text, .notNull)
            .run()

        try await db.create(table: "staffing")
            .column("plan_code", type: .text, .notNull, .references("plans", "code", onDelete: .cascade))
            .column("year", type: .int, .notNull)
            .column("division", type: .text, .notNull)
            .column("position", type: .int, .notNull)
            .column("fte", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull, .check(SQLRaw("fte >= 0")))
            .primaryKey("plan_code", "year", "division")
            .run()
    }

    /// An `id` the database assigns and never reuses, so an id in a URL or the audit trail names
    /// one item for ever. SQLite needs AUTOINCREMENT for that (plain rowids reuse the highest
    /// freed value); PostgreSQL's identity sequence never goes back.
    static func identity(_ db: any SQLDatabase) -> SQLColumnDefinition {
        if db.dialect.name == "sqlite" {
            return SQLColumnDefinition(column: SQLIdentifier("id"), dataType: SQLRaw("INTEGER"),
                                       constraints: [SQLRaw("PRIMARY KEY AUTOINCREMENT")])
        }
        return SQLColumnDefinition("id", dataType: .bigint, constraints: [.primaryKey])
    }

    /// Columns of one risk assessment (`initial_…` or `residual_…`).
    private static func assessmentColumns(_ prefix: String) -> [SQLColumnDefinition] {
        [
            SQLColumnDefinition("\(prefix)_score", dataType: .int, constraints: [.check(SQLRaw("\(prefix)_score BETWEEN 1 AND 16"))]),
            SQLColumnDefinition("\(prefix)_likelihood", dataType: .int, constraints: [.check(SQLRaw("\(prefix)_likelihood BETWEEN 1 AND 4"))]),
            SQLColumnDefinition("\(prefix)_severity", dataType: .int, constraints: [.check(SQLRaw("\(prefix)_severity BETWEEN 1 AND 4"))]),
            SQLColumnDefinition("\(prefix)_band", dataType: .text, constraints: [.check(SQLRaw("\(prefix)_band IN ('low', 'medium', 'high')"))]),
            SQLColumnDefinition("\(prefix)_missing", dataType: .text),
        ]
    }

    /// An assessment is scored (and then has no reason) or has a reason (and then no score);
    /// a score with its factors must equal their product.
    private static func assessmentRule(_ p: String) -> SQLRaw {
        SQLRaw("""
            ((\(p)_score IS NULL) <> (\(p)_missing IS NULL)) \
            AND ((\(p)_likelihood IS NULL) = (\(p)_severity IS NULL)) \
            AND (\(p)_likelihood IS NULL OR \(p)_score = \(p)_likelihood * \(p)_severity)
            """)
    }
}
