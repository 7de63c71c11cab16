import Foundation
import ServicePlanDomain

/// What the rest of the system may ask of accounts, sessions and API tokens. Implemented over
/// SQL by `SQLAccountRepository`, so several server instances share them.
public protocol AccountRepository: Sendable {
    @discardableResult
    func addUser(email: String, name: String, role: Role, department: String?, password: String, oneTime: Bool) async throws -> User
    func users() async throws -> [User]
    func user(email: String) async throws -> User?
    func userCount() async throws -> Int
    func setRole(email: String, role: Role, department: String?) async throws
    func disable(email: String) async throws
    func enable(email: String) async throws
    /// A new one-time password, returned once; the account's sessions end.
    func issueOneTimePassword(email: String) async throws -> String
    /// Sets a password the person chose, and ends every session of the account but
    /// `keepingSession` (the one that changed it, if any) and every live reset link.
    func setPassword(email: String, password: String, keepingSession: String?) async throws
    /// Checks an email and password against the sign-in limit and the stored hash.
    func signIn(email: String, password: String, now: Date) async throws -> SignInResult
    func createSession(for user: User, lifetime: TimeInterval, now: Date) async throws -> AccountSession
    /// The live session for a cookie value, or nil when unknown, expired or the account is disabled.
    func session(token: String, now: Date) async throws -> AccountSession?
    func endSession(token: String) async throws
    /// A new bearer token for scripts; only its hash is stored.
    func createToken(email: String) async throws -> String
    func user(token: String) async throws -> User?
    func revokeTokens(email: String) async throws -> Int
    func revokeToken(_ token: String) async throws -> Bool
    /// A private calendar feed's secret (only its hash is stored); any earlier one stops working.
    func createCalendarFeed(email: String) async throws -> String
    func revokeCalendarFeeds(email: String) async throws -> Int
    func calendarFeedCreated(email: String) async throws -> String?
    func user(calendarFeed secret: String) async throws -> User?
    /// A single-use password-reset secret for an enabled account (nil otherwise, or when one was
    /// made moments ago); only its hash is stored.
    func createPasswordReset(email: String, now: Date) async throws -> (user: User, secret: String)?
    func user(passwordReset secret: String, now: Date) async throws -> User?
    /// Sets the password through a reset secret, using it up; nil when it no longer works.
    func resetPassword(secret: String, password: String, now: Date) async throws -> User?
    /// The security log: every sign-in, failure, sign-out, account change, token and calendar link.
    func logSecurity(_ kind: SecurityEvent.Kind, actor: String, subject: String, address: String, detail: String) async throws
    func securityLog(limit: Int, before: Int64?) async throws -> [SecurityEvent]
}

extension AccountRepository {
    public func setPassword(email: String, password: String) async throws {
        try await setPassword(email: email, password: password, keepingSession: nil)
    }
    @discardableResult
    public func addUser(email: String, name: String, role: Role, department: String?, password: String) async throws -> User {
        try await addUser(email: email, name: name, role: role, department: department, password: password, oneTime: false)
    }
    public func signIn(email: String, password: String) async throws -> SignInResult {
        try await signIn(email: email, password: password, now: Date())
    }
    public func createSession(for user: User, lifetime: TimeInterval) async throws -> AccountSession {
        try await createSession(for: user, lifetime: lifetime, now: Date())
    }
    public func session(token: String) async throws -> AccountSession? {
        try await session(token: token, now: Date())
    }
}

/// What a sign-in attempt came to.
public enum SignInResult: Sendable, Equatable {
    case signedIn(User)
    case refused
    /// Too many failures for this email in the last minute: not even checked.
    case throttled
}

/// A browser session: `token` goes in the cookie, `csrfToken` in every form.
public struct AccountSession: Sendable {
    public let token: String
    public let csrfToken: String
    public let user: User
    public let expiresAt: Date
}
