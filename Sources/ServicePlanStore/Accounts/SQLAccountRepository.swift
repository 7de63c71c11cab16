import Foundation
import HummingbirdBcrypt
import ServicePlanDomain
import SQLKit

/// User accounts, browser sessions, API tokens and failed sign-ins, all in the database so
/// several server instances share them. Passwords are bcrypt hashes; session ids and tokens are
/// stored only as SHA-256 hashes.
public struct SQLAccountRepository: AccountRepository {
    let database: any Database
    /// bcrypt cost: 12 in production; tests lower it because bcrypt is slow by design.
    let bcryptCost: UInt8

    public init(database: any Database, bcryptCost: UInt8 = 12) {
        self.database = database
        self.bcryptCost = bcryptCost
    }

    struct UserRow: Codable {
        var id: Int64?
        var email: String
        var name: String
        var role: String
        var department: String?
        var passwordHash: String
        var disabled: Int
        var createdAt: String
        var mustChangePassword: Int

        func user() throws -> User {
            User(id: id ?? 0, email: email, name: name, role: try Role(parsing: role), department: department, disabled: disabled != 0,
                 mustChangePassword: mustChangePassword != 0)
        }
    }

    public static let longestName = 200

    /// bcrypt reads only the first 72 bytes of a password: a longer one would be taken, and
    /// anything after its 72nd byte ignored (1,024 "€" signed in as 24), so it is refused.
    public static let longestPasswordBytes = 72

    /// At least 12 characters and at most `longestPasswordBytes` bytes of UTF-8.
    public static func checkPassword(_ password: String) throws(RuleViolation) {
        guard password.count >= 12 else { throw RuleViolation(value: nil, rule: "a password needs at least 12 characters") }
        guard password.utf8.count <= longestPasswordBytes else {
            throw RuleViolation(value: nil, rule: "a password may be at most \(longestPasswordBytes) bytes long (72 plain letters, fewer with accents or symbols), all of which count")
        }
    }
    static let encoder = ColumnNames.encoder
    static let decoder = ColumnNames.decoder

    // MARK: Users

    /// Creates a user with `password`; the email must not be taken. A `oneTime` password must be
    /// replaced at the first sign-in.
    @discardableResult
    public func addUser(email: String, name: String, role: Role, department: String?, password: String,
                        oneTime: Bool) async throws -> User {
        let email = User.normalise(email: email)
        try User.checkEmail(email)
        guard !name.trimmingSpaces.isEmpty else { throw RuleViolation(value: nil, rule: "a name is required") }
        // The name opens every email serviceplan sends the person: one line, of a sensible length.
        guard name.count <= Self.longestName, TextRules.violation(name, .line, required: true) == nil else {
            throw RuleViolation(value: String(name.prefix(40)), rule: "is not a name: one line of at most \(Self.longestName) characters")
        }
        try Self.checkPassword(password)
        let hash = try await Self.offEventLoop { Bcrypt.hash(password, cost: bcryptCost) }
        let row = UserRow(id: nil, email: email, name: name.trimmingSpaces, role: role.rawValue, department: department,
                          passwordHash: hash, disabled: 0, createdAt: Timestamp.string(Date()), mustChangePassword: oneTime ? 1 : 0)
        return try await database.transaction { db in
            if try await db.select().column("id").from("users").where("email", .equal, email).first() != nil {
                throw RuleViolation(value: email, rule: "already has an account")
            }
            let values = try Self.encoder.encode(row).filter { $0.0 != "id" }
            try await db.insert(into: "users").columns(values.map(\.0)).values(values.map(\.1)).run()
            let stored = try await db.select().column("*").from("users").where("email", .equal, email)
                .first(decoding: UserRow.self, with: Self.decoder)
            return try stored!.user()
        }
    }

    public func users() async throws -> [User] {
        try await database.read { db in
            try await db.select().column("*").from("users").orderBy("email")
                .all(decoding: UserRow.self, with: Self.decoder).map { try $0.user() }
        }
    }

    public func user(email: String) async throws -> User? {
        try await database.read { db in
            try await db.select().column("*").from("users").where("email", .equal, User.normalise(email: email))
                .first(decoding: UserRow.self, with: Self.decoder)?.user()
        }
    }

    public func userCount() async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func setRole(email: String, role: Role, department: String?) async throws {
        try await updateUser(email: email, keepingAnAdmin: true) { $0.set("role", to: role.rawValue).set("department", to: department) }
    }

    /// Disables an account and ends its sessions, tokens and calendar links at once.
    public func disable(email: String) async throws {
        try await updateUser(email: email, endingResets: true, keepingAnAdmin: true) { $0.set("disabled", to: 1) }
        try await database.transaction { db in
            let id = try await db.select().column("id").from("users").where("email", .equal, User.normalise(email: email))
                .first()!.decode(column: "id", as: Int64.self)
            try await db.delete(from: "sessions").where("user_id", .equal, id).run()
            try await db.update("api_tokens").set("revoked_at", to: Timestamp.string(Date()))
                .where("user_id", .equal, id).where("revoked_at", .is, SQLLiteral.null).run()
            // A private calendar link is a credential too: it ends with the account, and stays
            // ended if the account is enabled again (a new link must be made).
            try await db.update("calendar_feeds").set("revoked_at", to: Timestamp.string(Date()))
                .where("user_id", .equal, id).where("revoked_at", .is, SQLLiteral.null).run()
        }
    }

    /// Sets a password the user chose themselves (so no longer one-time).
    public func setPassword(email: String, password: String, keepingSession kept: String?) async throws {
        try Self.checkPassword(password)
        let hash = try await Self.offEventLoop { Bcrypt.hash(password, cost: bcryptCost) }
        let email = User.normalise(email: email)
        let keptHash = kept.map(Secret.hash) ?? ""
        try await updateUser(email: email, endingResets: true) { $0.set("password_hash", to: hash).set("must_change_password", to: 0) }
        try await database.transaction { db in
            try await db.raw("""
                DELETE FROM sessions WHERE token_hash <> \(bind: keptHash)
                AND user_id IN (SELECT id FROM users WHERE email = \(bind: email))
                """).run()
        }
    }

    private func updateUser(email: String, endingResets: Bool = false, keepingAnAdmin: Bool = false,
                            _ change: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws {
        let email = User.normalise(email: email)
        try await database.transaction { db in
            func admins() async throws -> Int {
                try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
                    .where("role", .equal, Role.admin.rawValue).where("disabled", .equal, 0).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            if keepingAnAdmin { try await Self.lockAdmins(db) }
            let before = keepingAnAdmin ? try await admins() : 0
            guard try await db.select().column("id").from("users").where("email", .equal, email).first() != nil else {
                throw RuleViolation(value: email, rule: "has no account")
            }
            try await change(db.update("users")).where("email", .equal, email).run()
            if endingResets { try await Self.endPasswordResets(email: email, db) }
            // Checked after the change, in its transaction: refused, it is rolled back. A database
            // that never had an admin (accounts made before the first) is not stopped.
            if keepingAnAdmin, before > 0, try await admins() == 0 { throw LastAdminRefused(email: email) }
        }
    }

    /// Serialises changes that could leave no enabled admin: SQLite's writer already holds the
    /// whole database; on PostgreSQL two demotions at once would each still count the other.
    static func lockAdmins(_ db: any SQLDatabase) async throws {
        guard db.dialect.name == "postgresql" else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(hashtext('serviceplan admins'))").run()
    }

    /// Uses up an account's live password-reset links: a new password, a one-time password, or
    /// disabling or re-enabling the account makes any link sent before it worthless.
    static func endPasswordResets(email: String, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE password_resets SET used_at = \(bind: Timestamp.string(Date()))
            WHERE used_at IS NULL AND user_id IN (SELECT id FROM users WHERE email = \(bind: User.normalise(email: email)))
            """).run()
    }

    // MARK: Signing in

    public static let failuresAllowed = 5
    public static let failureWindow: TimeInterval = 60

    /// Checks an email and password. Five attempts in a minute for one email slow it down:
    /// further attempts are refused unchecked until the oldest is a minute old. The attempt is
    /// counted — atomically, before bcrypt runs — and only a correct password takes it back, so
    /// a hundred guesses sent at once still get five checks between them.
    public func signIn(email: String, password: String, now: Date) async throws -> SignInResult {
        let email = User.normalise(email: email)
        let since = Timestamp.string(now.addingTimeInterval(-Self.failureWindow))
        let attempt = Secret.token()
        let admitted = try await database.transaction { db -> Bool in
            // SQLite's writer already holds the whole database (BEGIN IMMEDIATE); PostgreSQL
            // serialises attempts on one email with a lock held until this transaction ends.
            if db.dialect.name == "postgresql" {
                try await db.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "sign-in " + email)))").run()
            }
            let recent = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("sign_in_failures")
                .where("email", .equal, email).where("at", .greaterThan, since)
                .first()?.decode(column: "n", as: Int.self) ?? 0
            guard recent < Self.failuresAllowed else { return false }
            try await db.insert(into: "sign_in_failures").columns("email", "at", "attempt")
                .values(SQLBind(email), SQLBind(Timestamp.string(now)), SQLBind(attempt)).run()
            // Old attempts serve no purpose; keep the table small.
            try await db.delete(from: "sign_in_failures")
                .where("at", .lessThan, Timestamp.string(now.addingTimeInterval(-3600))).run()
            return true
        }
        guard admitted else { return .throttled }
        let row = try await database.read { db in
            try await db.select().column("*").from("users").where("email", .equal, email)
                .first(decoding: UserRow.self, with: Self.decoder)
        }
        // Verify against a dummy hash when there is no such user, so timing does not reveal accounts.
        let hash = row?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Qw4Y6wQ6m2r3y6a5b2X1s1r8Q9qQeW"
        let ok = try await Self.offEventLoop { Bcrypt.verify(password, hash: hash) }
        guard ok, let row, row.disabled == 0 else { return .refused }
        try await database.transaction { db in
            try await db.delete(from: "sign_in_failures").where("attempt", .equal, attempt).run()
        }
        return .signedIn(try row.user())
    }

    // MARK: Sessions

    public func createSession(for user: User, lifetime: TimeInterval, now: Date) async throws -> AccountSession {
        let token = Secret.token(), csrf = Secret.token()
        let expires = now.addingTimeInterval(lifetime)
        try await database.transaction { db in
            try await db.insert(into: "sessions").columns("token_hash", "user_id", "csrf_token", "created_at", "expires_at")
                .values(SQLBind(Secret.hash(token)), SQLBind(user.id), SQLBind(csrf),
                        SQLBind(Timestamp.string(now)), SQLBind(Timestamp.string(expires)))
                .run()
        }
        return AccountSession(token: token, csrfToken: csrf, user: user, expiresAt: expires)
    }

    /// The live session for a cookie value, or nil when unknown, expired or the account is disabled.
    public func session(token: String, now: Date) async throws -> AccountSession? {
        let hash = Secret.hash(token)
        // One statement: every request with a cookie makes it.
        let found = try await database.readStatement { db -> (UserRow, String, String)? in
            guard let row = try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("users")))
                .column(SQLColumn("csrf_token", table: "sessions")).column(SQLColumn("expires_at", table: "sessions"), as: "session_expires_at")
                .from("sessions").join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "sessions"))
                .where(SQLColumn("token_hash", table: "sessions"), .equal, SQLBind(hash)).first() else { return nil }
            return (try row.decode(model: UserRow.self, with: Self.decoder), try row.decode(column: "csrf_token", as: String.self),
                    try row.decode(column: "session_expires_at", as: String.self))
        }
        guard let (row, csrf, expiresText) = found, let expires = Timestamp.date(expiresText) else { return nil }
        guard expires > now, row.disabled == 0 else {
            try await endSession(token: token)
            return nil
        }
        return AccountSession(token: token, csrfToken: csrf, user: try row.user(), expiresAt: expires)
    }

    public func endSession(token: String) async throws {
        try await database.transaction { db in
            try await db.delete(from: "sessions").where("token_hash", .equal, Secret.hash(token)).run()
        }
    }

    // MARK: API tokens

    /// Creates a bearer token for `email`, returned once; only its hash is kept.
    public func createToken(email: String) async throws -> String {
        guard let user = try await user(email: email) else { throw RuleViolation(value: email, rule: "has no account") }
        guard !user.disabled else { throw RuleViolation(value: email, rule: "is disabled") }
        let token = Secret.token()
        try await database.transaction { db in
            try await db.insert(into: "api_tokens").columns("token_hash", "user_id", "created_at")
                .values(SQLBind(Secret.hash(token)), SQLBind(user.id), SQLBind(Timestamp.string(Date()))).run()
        }
        return token
    }

    /// The user a bearer token acts for, unless revoked or disabled.
    public func user(token: String) async throws -> User? {
        let hash = Secret.hash(token)
        // One statement: every request with a token makes it.
        return try await database.readStatement { db in
            guard let user = try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("users"))).from("api_tokens")
                .join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "api_tokens"))
                .where(SQLColumn("token_hash", table: "api_tokens"), .equal, SQLBind(hash))
                .where(SQLColumn("revoked_at", table: "api_tokens"), .is, SQLLiteral.null)
                .first(decoding: UserRow.self, with: Self.decoder), user.disabled == 0 else { return nil }
            return try user.user()
        }
    }

    /// Revokes one token (given in full) or, with `email`, every token of that user. Returns how many.
    @discardableResult
    public func revokeTokens(email: String) async throws -> Int {
        guard let user = try await user(email: email) else { throw RuleViolation(value: email, rule: "has no account") }
        return try await database.transaction { db in
            let live = try await db.select().column("token_hash").from("api_tokens")
                .where("user_id", .equal, user.id).where("revoked_at", .is, SQLLiteral.null).all().count
            try await db.update("api_tokens").set("revoked_at", to: Timestamp.string(Date()))
                .where("user_id", .equal, user.id).where("revoked_at", .is, SQLLiteral.null).run()
            return live
        }
    }

    @discardableResult
    public func revokeToken(_ token: String) async throws -> Bool {
        try await database.transaction { db in
            let hash = Secret.hash(token)
            let live = try await db.select().column("token_hash").from("api_tokens")
                .where("token_hash", .equal, hash).where("revoked_at", .is, SQLLiteral.null).first() != nil
            try await db.update("api_tokens").set("revoked_at", to: Timestamp.string(Date())).where("token_hash", .equal, hash).run()
            return live
        }
    }

    /// bcrypt takes tens of milliseconds by design: run it on a thread of its own, never on an
    /// event loop or the cooperative pool that serves requests.
    static func offEventLoop<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}

/// A change that would leave no enabled admin: nobody could then manage accounts or publish.
public struct LastAdminRefused: Error, CustomStringConvertible, Sendable {
    public let email: String
    public var description: String {
        "\(email) is the last enabled admin: make another account an admin first, so someone can still manage accounts and publish returns."
    }
}
