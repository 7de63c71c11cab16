import SQLKit

/// A generated password is one-time: its holder must choose their own at first sign-in.
enum Schema003 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "users")
            .column("must_change_password", type: .int, .notNull, .default(SQLLiteral.numeric("0")),
                    .check(SQLRaw("must_change_password IN (0, 1)")))
            .run()
    }
}
