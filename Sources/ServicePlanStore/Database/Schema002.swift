import SQLKit

/// People and permissions: accounts, sessions, API tokens, sign-in attempts, the audit trail,
/// and the Part II flag and owner on plan items.
enum Schema002 {
    static func apply(_ db: any SQLDatabase) async throws {
        for table in ["objectives", "indicators"] {
            try await db.alter(table: table).column("owner", type: .text).run()
        }
        for table in ["objectives", "indicators", "risks", "equality_actions"] {
            try await db.alter(table: table)
                .column("part_ii", type: .int, .notNull, .default(SQLLiteral.numeric("0")), .check(SQLRaw("part_ii IN (0, 1)")))
                .run()
        }

        try await db.create(table: "users")
            .column(definitions: [Schema001.identity(db)])
            .column("email", type: .text, .notNull, .unique)
            .column("name", type: .text, .notNull)
            .column("role", type: .text, .notNull, .check(SQLRaw("role IN ('admin', 'officer', 'director', 'member')")))
            .column("department", type: .text)
            .column("password_hash", type: .text, .notNull)
            .column("disabled", type: .int, .notNull, .default(SQLLiteral.numeric("0")), .check(SQLRaw("disabled IN (0, 1)")))
            .column("created_at", type: .text, .notNull)
            .run()

        // Only a hash of each session and token is stored: a copy of the database signs no one in.
        try await db.create(table: "sessions")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("csrf_token", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("expires_at", type: .text, .notNull)
            .run()

        try await db.create(table: "api_tokens")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("created_at", type: .text, .notNull)
            .column("revoked_at", type: .text)
            .run()

        try await db.create(table: "sign_in_failures")
            .column("email", type: .text, .notNull)
            .column("at", type: .text, .notNull)
            .run()
        try await db.create(index: "sign_in_failures_email").on("sign_in_failures").column("email").run()

        // Append-only: the application never updates or deletes these rows.
        try await db.create(table: "audit_log")
            .column(definitions: [Schema001.identity(db)])
            .column("at", type: .text, .notNull)
            .column("actor", type: .text, .notNull)
            .column("via", type: .text, .notNull, .check(SQLRaw("via IN ('form', 'api', 'import', 'cli')")))
            .column("plan_code", type: .text, .notNull)
            .column("item_type", type: .text, .notNull)
            .column("item_key", type: .text, .notNull)
            .column("action", type: .text, .notNull, .check(SQLRaw("action IN ('create', 'update', 'delete')")))
            .column("changes", type: .text, .notNull)
            .run()
        try await db.create(index: "audit_log_item").on("audit_log").column("plan_code").column("item_type").column("item_key").run()
    }
}
