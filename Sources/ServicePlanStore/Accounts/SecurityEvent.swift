import Foundation
import ServicePlanDomain
import SQLKit

/// One entry of the security log (issue #13 part 3): what happened to which account, who did it,
/// when and from which address. Never a password or a token.
public struct SecurityEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case signIn, signInFailed, signInThrottled, signOut
        case accountAdded, roleChanged, accountDisabled, accountEnabled, passwordChanged, oneTimePasswordIssued
        case tokenCreated, tokensRevoked, tokenRevoked
        case calendarLinkMade, calendarLinkStopped
        case passwordResetRequested, passwordReset

        public var label: String {
            switch self {
            case .signIn: return "Signed in"
            case .signInFailed: return "Failed to sign in"
            case .signInThrottled: return "Sign-in refused: too many attempts"
            case .signOut: return "Signed out"
            case .accountAdded: return "Account added"
            case .roleChanged: return "Role or department changed"
            case .accountDisabled: return "Account disabled"
            case .accountEnabled: return "Account re-enabled"
            case .oneTimePasswordIssued: return "One-time password issued"
            case .passwordChanged: return "Password changed"
            case .tokenCreated: return "API token created"
            case .tokensRevoked: return "API tokens revoked"
            case .tokenRevoked: return "API token revoked"
            case .calendarLinkMade: return "Private calendar link made"
            case .calendarLinkStopped: return "Private calendar link stopped"
            case .passwordResetRequested: return "Password reset link asked for"
            case .passwordReset: return "Password reset by emailed link"
            }
        }
    }

    public let id: Int64
    public let at: String
    public let kind: Kind
    /// Who did it: an account's email, or `command line (USER)`.
    public let actor: String
    /// The account it concerns (for a failed sign-in, the address typed).
    public let subject: String
    /// The client's IP address, or `command line`.
    public let address: String
    public let detail: String

    /// A stored kind, or `CorruptRow`: an unknown one must not read as another (it read as a sign-in).
    static func kind(_ stored: String) throws -> Kind {
        guard let kind = Kind(rawValue: stored) else { throw CorruptRow(message: "security log kind \(stored) is not one serviceplan writes") }
        return kind
    }

    /// Text as `clipped` stores it: no control character or bidirectional override, not too long.
    static func isClipped(_ text: String) -> Bool { clipped(text) == text }

    /// The most any text column holds: a typed email can be anything.
    static let maximumLength = 320

    /// As stored: at most `maximumLength` characters, and every control character (tab, line
    /// break, NUL) and bidirectional override shown as U+FFFD, so one event stays one line of
    /// `audit --security` and reads on the page as it was typed, no more and no less.
    static func clipped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let control = scalar.properties.generalCategory == .control
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            out.append(control ? "\u{FFFD}" : scalar)
        }
        return String(String(out).prefix(maximumLength))
    }
}

extension SQLAccountRepository {
    /// Appends one event to the security log.
    public func logSecurity(_ kind: SecurityEvent.Kind, actor: String, subject: String, address: String, detail: String) async throws {
        let row = (Timestamp.string(Date()), kind.rawValue, SecurityEvent.clipped(actor), SecurityEvent.clipped(subject),
                   SecurityEvent.clipped(address), SecurityEvent.clipped(detail))
        try await database.transaction { db in
            try await db.insert(into: "security_log").columns("at", "kind", "actor", "subject", "address", "detail")
                .values(SQLBind(row.0), SQLBind(row.1), SQLBind(row.2), SQLBind(row.3), SQLBind(row.4), SQLBind(row.5)).run()
        }
    }

    /// The newest `limit` events (before the event `before`, when given), newest first.
    public func securityLog(limit: Int, before: Int64? = nil) async throws -> [SecurityEvent] {
        try await database.read { db in
            var query = db.select().columns("id", "at", "kind", "actor", "subject", "address", "detail").from("security_log")
            if let before { query = query.where("id", .lessThan, before) }
            return try await query.orderBy("id", .descending).limit(max(0, limit)).all().map { row in
                    SecurityEvent(id: try row.decode(column: "id", as: Int64.self), at: try row.decode(column: "at", as: String.self),
                                  kind: try SecurityEvent.kind(try row.decode(column: "kind", as: String.self)),
                                  actor: try row.decode(column: "actor", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                                  address: try row.decode(column: "address", as: String.self), detail: try row.decode(column: "detail", as: String.self))
                }
        }
    }
}
