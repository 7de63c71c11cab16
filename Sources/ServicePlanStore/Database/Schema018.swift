import SQLKit

/// Mail: the outbox every reminder, escalation, submission notice and password-reset link goes
/// through, and the password-reset links themselves.
///
/// An outbox row is written before any attempt to send, under a unique key, so a reminder is
/// recorded as due even while the mail server is down, and two servers planning the same
/// reminder write it once. A sender claims rows by stamping its claim on them in one UPDATE,
/// so two servers never send the same row at the same time.
enum Schema018 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.create(table: "mail_outbox")
            .column(definitions: [Schema001.identity(db)])
            .column("key", type: .text, .notNull, .unique)
            .column("to_name", type: .text, .notNull)
            .column("to_address", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("attempts", type: .int, .notNull, .default(0))
            .column("next_attempt_at", type: .text, .notNull)
            .column("claim", type: .text)
            .column("claimed_until", type: .text)
            .column("last_error", type: .text)
            .column("sent_at", type: .text)
            .run()
        try await db.create(index: "mail_outbox_unsent").on("mail_outbox").column("sent_at").column("next_attempt_at").run()

        // A reset link's secret is stored only as its SHA-256 hash; `used_at` makes it single-use.
        try await db.create(table: "password_resets")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("created_at", type: .text, .notNull)
            .column("expires_at", type: .text, .notNull)
            .column("used_at", type: .text)
            .run()
        try await db.create(index: "password_resets_user").on("password_resets").column("user_id").run()
    }
}
