import ServicePlanDomain

/// A message in the outbox, with where its sending stands.
public struct OutboxEntry: Sendable, Equatable {
    public let id: Int64
    public let message: MailMessage
    public let createdAt: String
    public let attempts: Int
    public let nextAttemptAt: String
    public let lastError: String?
    public let sentAt: String?
    /// The claim the sender holds on it while sending (`claimDue`), to renew before each send.
    public let claim: String?

    public var isSent: Bool { sentAt != nil }
}
