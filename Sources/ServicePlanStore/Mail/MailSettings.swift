import Foundation
import ServicePlanDomain

/// How serviceplan sends mail (docs/reminders.md): the sender, the site's public address for
/// links, the reminder days, the command that hands messages on, and the retry schedule.
public struct MailSettings: Sendable {
    /// The From address: `serviceplan <performance@council.gov.uk>` or a bare address.
    public var from: String
    /// The public address of the site, no trailing slash: links in emails start with it.
    public var baseURL: String
    public var reminders: ReminderSettings
    public var transport: any MailTransport
    /// Messages one sweep claims at most.
    public var batch = 100
    /// How long a claim keeps other servers off a message while it is being sent.
    public var lease: TimeInterval = 300

    public init(from: String, baseURL: String, reminders: ReminderSettings = ReminderSettings.standard, transport: any MailTransport) {
        self.from = from
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.reminders = reminders
        self.transport = transport
    }

    /// After `attempts` failed attempts: 1, 2, 4 … minutes, at most an hour. The message is
    /// never dropped; an admin sees its last error on the outbox page.
    public static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(3600, 60 * pow(2, Double(max(0, min(attempts, 20) - 1))))
    }
}

extension ReminderSettings {
    /// 5 and 1 working days before; escalation for 10 working days after. Valid by construction.
    public static var standard: ReminderSettings {
        // The defaults pass the rules; were they ever changed to fail, no reminders rather than a trap.
        (try? ReminderSettings()) ?? (try? ReminderSettings(daysBefore: [1], escalationDays: 0))!
    }
}
