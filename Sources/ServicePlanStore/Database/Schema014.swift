import SQLKit

/// Whether an indicator line's commentary started from the draft serviceplan wrote from its
/// figures (`DraftCommentary`): the audit trail and the API say so, so a reader can tell an
/// officer's own words from an edited draft.
enum Schema014 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "return_indicators")
            .column("commentary_from_draft", type: .int, .notNull, .default(SQLLiteral.numeric("0")),
                    .check(SQLRaw("commentary_from_draft IN (0, 1)")))
            .run()
    }
}
