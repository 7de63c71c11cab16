import SQLKit

/// Indicators are keyed by plan, so finding the plans that hold one ref (the benchmark page and
/// its API, which place the council in the national data) scanned every indicator of every plan:
/// 105,000 at national size. An index led by the ref finds them directly.
enum Schema013 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.create(index: "indicators_ref").on("indicators").column("ref").column("plan_code").run()
    }
}
