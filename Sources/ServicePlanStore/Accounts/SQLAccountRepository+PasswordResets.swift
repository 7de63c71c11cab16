import Foundation
import HummingbirdBcrypt
import ServicePlanDomain
import SQLKit

extension SQLAccountRepository {
    /// A reset link lasts this long.
    public static let passwordResetLifetime: TimeInterval = 3600
    /// A new link for the same account is not made more often than this, so a stranger typing
    /// someone's address cannot flood their mailbox.
    public static let passwordResetInterval: TimeInterval = 120

    /// A new reset secret for `email`, or nil when there is no such enabled account or one was
    /// made in the last two minutes. Only the secret's hash is stored; earlier links stay
    /// usable until they expire or one is used.
    public func createPasswordReset(email: String, now: Date) async throws -> (user: User, secret: String)? {
        let email = User.normalise(email: email)
        let secret = Secret.token()
        return try await database.transaction { db -> (user: User, secret: String)? in
            // Two requests at once for one account: SQLite's writer lock already serialises
            // them; PostgreSQL's needs this lock, held until the transaction ends.
            if db.dialect.name == "postgresql" {
                try await db.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "password-reset " + email)))").run()
            }
            guard let row = try await db.select().column("*").from("users").where("email", .equal, email)
                .first(decoding: UserRow.self, with: Self.decoder), row.disabled == 0, let id = row.id else { return nil }
            let recent = try await db.select().column("token_hash").from("password_resets").where("user_id", .equal, id)
                .where("created_at", .greaterThan, Timestamp.string(now.addingTimeInterval(-Self.passwordResetInterval))).first()
            guard recent == nil else { return nil }
            try await db.insert(into: "password_resets").columns("token_hash", "user_id", "created_at", "expires_at")
                .values(SQLBind(Secret.hash(secret)), SQLBind(id), SQLBind(Timestamp.string(now)),
                        SQLBind(Timestamp.string(now.addingTimeInterval(Self.passwordResetLifetime)))).run()
            return (try row.user(), secret)
        }
    }

    /// The account a reset secret opens: unused, unexpired, the account enabled.
    public func user(passwordReset secret: String, now: Date) async throws -> User? {
        let hash = Secret.hash(secret), stamp = Timestamp.string(now)
        return try await database.readStatement { db in
            guard let row = try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("users"))).from("password_resets")
                .join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "password_resets"))
                .where(SQLColumn("token_hash", table: "password_resets"), .equal, SQLBind(hash))
                .where(SQLColumn("used_at", table: "password_resets"), .is, SQLLiteral.null)
                .where(SQLColumn("expires_at", table: "password_resets"), .greaterThan, SQLBind(stamp))
                .first(decoding: UserRow.self, with: Self.decoder), row.disabled == 0 else { return nil }
            return try row.user()
        }
    }

    /// Sets the password through a reset secret, once: the secret and every other live link of
    /// the account are used up, and the account's sessions end. Nil when the secret is unknown,
    /// used, expired or its account disabled — checked and used in one transaction, so two
    /// requests with one link cannot both succeed.
    public func resetPassword(secret: String, password: String, now: Date) async throws -> User? {
        try Self.checkPassword(password)
        // bcrypt is slow by design: not for a link that does not work (checked again below).
        guard try await user(passwordReset: secret, now: now) != nil else { return nil }
        let hash = try await Self.offEventLoop { Bcrypt.hash(password, cost: bcryptCost) }
        let tokenHash = Secret.hash(secret), stamp = Timestamp.string(now)
        return try await database.transaction { db -> User? in
            guard let reset = try await db.select().column("user_id").from("password_resets")
                .where("token_hash", .equal, tokenHash).where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, stamp).first() else { return nil }
            let id = try reset.decode(column: "user_id", as: Int64.self)
            // Taken only if still unused when the UPDATE runs: PostgreSQL re-checks the row after
            // a concurrent use commits, so the loser's UPDATE returns no row.
            guard try await db.update("password_resets").set("used_at", to: stamp)
                .where("token_hash", .equal, tokenHash).where("used_at", .is, SQLLiteral.null).returning("user_id").first() != nil,
                  let row = try await db.select().column("*").from("users").where("id", .equal, id)
                    .first(decoding: UserRow.self, with: Self.decoder), row.disabled == 0 else { return nil }
            try await db.update("password_resets").set("used_at", to: stamp)
                .where("user_id", .equal, id).where("used_at", .is, SQLLiteral.null).run()
            try await db.update("users").set("password_hash", to: hash).set("must_change_password", to: 0).where("id", .equal, id).run()
            try await db.delete(from: "sessions").where("user_id", .equal, id).run()
            return try row.user()
        }
    }
}
