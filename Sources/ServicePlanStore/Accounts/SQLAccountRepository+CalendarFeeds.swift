import Foundation
import ServicePlanDomain
import SQLKit

extension SQLAccountRepository {
    /// A new private calendar feed secret for `email`; any earlier one stops working. Only the
    /// hash is stored, so the URL can be shown once.
    public func createCalendarFeed(email: String) async throws -> String {
        guard let user = try await user(email: email) else { throw RuleViolation(value: email, rule: "has no account") }
        guard !user.disabled else { throw RuleViolation(value: email, rule: "is disabled") }
        let secret = Secret.token(), now = Timestamp.string(Date())
        try await database.transaction { db in
            try await db.update("calendar_feeds").set("revoked_at", to: now)
                .where("user_id", .equal, user.id).where("revoked_at", .is, SQLLiteral.null).run()
            try await db.insert(into: "calendar_feeds").columns("token_hash", "user_id", "created_at")
                .values(SQLBind(Secret.hash(secret)), SQLBind(user.id), SQLBind(now)).run()
        }
        return secret
    }

    /// Ends `email`'s private feed; how many live feeds there were (0 or 1).
    @discardableResult
    public func revokeCalendarFeeds(email: String) async throws -> Int {
        guard let user = try await user(email: email) else { throw RuleViolation(value: email, rule: "has no account") }
        return try await database.transaction { db in
            let live = try await db.select().column("token_hash").from("calendar_feeds")
                .where("user_id", .equal, user.id).where("revoked_at", .is, SQLLiteral.null).all().count
            try await db.update("calendar_feeds").set("revoked_at", to: Timestamp.string(Date()))
                .where("user_id", .equal, user.id).where("revoked_at", .is, SQLLiteral.null).run()
            return live
        }
    }

    /// When `email`'s live feed was made, if there is one.
    public func calendarFeedCreated(email: String) async throws -> String? {
        try await database.readStatement { db in
            try await db.select().column(SQLColumn("created_at", table: "calendar_feeds")).from("calendar_feeds")
                .join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "calendar_feeds"))
                .where(SQLColumn("email", table: "users"), .equal, SQLBind(User.normalise(email: email)))
                .where(SQLColumn("revoked_at", table: "calendar_feeds"), .is, SQLLiteral.null)
                .first()?.decode(column: "created_at", as: String.self)
        }
    }

    /// The person a feed secret belongs to, unless it was revoked or the account is disabled.
    public func user(calendarFeed secret: String) async throws -> User? {
        let hash = Secret.hash(secret)
        return try await database.readStatement { db in
            guard let user = try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("users"))).from("calendar_feeds")
                .join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "calendar_feeds"))
                .where(SQLColumn("token_hash", table: "calendar_feeds"), .equal, SQLBind(hash))
                .where(SQLColumn("revoked_at", table: "calendar_feeds"), .is, SQLLiteral.null)
                .first(decoding: UserRow.self, with: Self.decoder), user.disabled == 0 else { return nil }
            return try user.user()
        }
    }
}
