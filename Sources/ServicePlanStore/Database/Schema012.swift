import SQLKit

/// Milestones, risks and equality actions are keyed by their own ids, so reading one plan's
/// scanned the whole table: with 5,250 plans (bench/make-national-db) that was 78,750
/// milestones read for every plan loaded. Each table gets an index led by its plan; the
/// milestones' also serves the cascade from their milestone year.
enum Schema012 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.create(index: "milestones_plan").on("milestones")
            .column("plan_code").column("objective_ref").column("year").column("position").run()
        try await db.create(index: "risks_plan").on("risks").column("plan_code").column("position").run()
        try await db.create(index: "equality_actions_plan").on("equality_actions").column("plan_code").column("position").run()
    }
}
