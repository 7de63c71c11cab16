import SQLKit

/// The counter of migration 011: moved by every transaction that changes a plan, a council, a
/// return, the national data or the whole database (a restore), read by the page cache.
public enum ContentVersion {
    /// Moves the counter inside the writer's transaction `db`. On PostgreSQL the row stays locked
    /// until that transaction ends, so writers of content take turns at their commit.
    static func advance(in db: any SQLDatabase) async throws {
        try await db.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
    }

    static func current(in database: any Database) async throws -> Int64 {
        try await database.readStatement { db in
            try await db.raw("SELECT version FROM content_version WHERE id = 1").first()?.decode(column: "version", as: Int64.self) ?? 0
        }
    }
}

extension Database {
    /// `transaction`, for a change to what pages show: the counter moves as the body's last step,
    /// so on PostgreSQL its row is locked only from then until the commit.
    func changingContent<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction { db in
            let result = try await body(db)
            try await ContentVersion.advance(in: db)
            return result
        }
    }
}
