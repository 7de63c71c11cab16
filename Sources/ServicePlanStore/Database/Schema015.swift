import SQLKit

/// A person's private calendar feed (`/calendar/{secret}.ics`): the secret is stored only as its
/// SHA-256 hash, like an API token, and revoking it (or asking for a new one) ends the old URL.
enum Schema015 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.create(table: "calendar_feeds")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("created_at", type: .text, .notNull)
            .column("revoked_at", type: .text)
            .run()
        try await db.create(index: "calendar_feeds_user").on("calendar_feeds").column("user_id").run()
    }
}
