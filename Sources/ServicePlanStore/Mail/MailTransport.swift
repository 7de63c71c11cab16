import Foundation
import ServicePlanDomain

/// Where messages leave serviceplan. `SendmailTransport` in production; tests may record instead.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage, from: String) async throws
}

/// A message the transport could not hand on: the outbox keeps it and tries again later.
public struct MailSendError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
