import SQLKit

/// The security log (`SecurityEvent`): sign-ins, failed sign-ins, sign-outs, account changes,
/// tokens and calendar links made and revoked — who, when, from which address. Never a password
/// or a token: the columns have nowhere to put one.
enum Schema017 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.create(table: "security_log")
            .column(definitions: [Schema001.identity(db)])
            .column("at", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("actor", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("address", type: .text, .notNull)
            .column("detail", type: .text, .notNull)
            .run()
    }
}
