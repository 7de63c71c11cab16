import Foundation
import HummingbirdBcrypt
import ServicePlanDomain
import SQLKit

extension SQLAccountRepository {
    /// Lets a disabled account sign in again. Its old sessions and tokens stay ended.
    public func enable(email: String) async throws {
        let email = User.normalise(email: email)
        try await database.transaction { db in
            guard try await db.select().column("id").from("users").where("email", .equal, email).first() != nil else {
                throw RuleViolation(value: email, rule: "has no account")
            }
            try await db.update("users").set("disabled", to: 0).where("email", .equal, email).run()
            try await Self.endPasswordResets(email: email, db)
        }
    }

    /// A new one-time password for `email`, returned once: the holder must choose their own at
    /// the next sign-in, and any session they had ends.
    public func issueOneTimePassword(email: String) async throws -> String {
        let email = User.normalise(email: email)
        let password = Secret.password()
        let hash = try await Self.offEventLoop { Bcrypt.hash(password, cost: bcryptCost) }
        try await database.transaction { db in
            guard let row = try await db.select().column("id").from("users").where("email", .equal, email).first() else {
                throw RuleViolation(value: email, rule: "has no account")
            }
            let id = try row.decode(column: "id", as: Int64.self)
            try await db.update("users").set("password_hash", to: hash).set("must_change_password", to: 1).where("id", .equal, id).run()
            try await db.delete(from: "sessions").where("user_id", .equal, id).run()
            try await Self.endPasswordResets(email: email, db)
        }
        return password
    }
}
