import SQLKit

/// One counter that every change to what pages show moves, in the change's own transaction: a
/// cached page is good while the counter reads what it read when the page was made. One row read
/// by its key costs the same however much data there is, unlike a count of audit records, and a
/// change counts only once it commits, unlike an id handed out before commit.
enum Schema011 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.create(table: "content_version")
            .column("id", type: .int, .primaryKey(autoIncrement: false))
            .column("version", type: .bigint, .notNull)
            .run()
        try await db.insert(into: "content_version").columns("id", "version").values(SQLBind(1), SQLBind(0)).run()
    }
}
