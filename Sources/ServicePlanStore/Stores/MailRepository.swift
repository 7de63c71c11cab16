import Foundation
import ServicePlanDomain

/// The outbox (docs/reminders.md): messages are recorded first, under a unique key, then sent by
/// whichever server claims them. Implemented over SQL by `SQLMailRepository`, so several server
/// instances share it.
public protocol MailRepository: Sendable {
    /// Records `messages` to be sent now; a key already recorded is left as it is. Returns the
    /// keys that were new.
    @discardableResult
    func enqueue(_ messages: [MailMessage], now: Date) async throws -> [String]
    /// Which of `keys` are already recorded (sent or not).
    func recorded(keys: [String]) async throws -> Set<String>
    /// Claims up to `limit` unsent messages whose next attempt is due, for `lease` seconds: no
    /// other sender takes them until then. Each claim counts as an attempt.
    func claimDue(now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxEntry]
    /// Extends the claim before a send: false when another sender took the message meanwhile
    /// (the claim had lapsed) or it was sent, so it must not be sent again.
    func renewClaim(id: Int64, claim: String, now: Date, lease: TimeInterval) async throws -> Bool
    /// Gives up on a message that is no use late (an expired reset link): never tried again, its text dropped.
    func abandon(id: Int64, reason: String) async throws
    func markSent(id: Int64, at: Date) async throws
    /// Records a failed attempt and when to try again; the message stays in the outbox.
    func markFailed(id: Int64, error: String, retryAt: Date) async throws
    /// The newest messages first, sent or not, for the admin page and the command line.
    func recent(limit: Int) async throws -> [OutboxEntry]
}
