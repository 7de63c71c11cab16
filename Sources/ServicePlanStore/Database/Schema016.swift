import SQLKit

/// An indicator's quarterly target profile (`QuarterlyProfile`): null for the default,
/// `equalSteps`, `equalQuarters`, or `seasonal:0.22,0.46,0.72` with Q1–Q3's shares of the year.
enum Schema016 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "indicators").column("profile", type: .text).run()
    }
}
