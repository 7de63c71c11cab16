import Foundation
import Logging
import ServicePlanDomain

/// One pass of the mail schedule: work out which reminders are due today, record the new ones in
/// the outbox, then send whatever in the outbox is due. `serve` runs it on a timer (`MailService`),
/// `serviceplan remind` once. Safe with several servers: recording is keyed, sending is claimed.
public struct Mailer: Sendable {
    public let stores: Stores
    public let settings: MailSettings
    public let monitoring: MonitoringConfiguration
    public let logger: Logger

    public init(stores: Stores, settings: MailSettings, monitoring: MonitoringConfiguration, logger: Logger) {
        self.stores = stores
        self.settings = settings
        self.monitoring = monitoring
        self.logger = logger
    }

    /// Every reminder due on `today`, as the emails it would send (whether or not already sent).
    public func dueReminders(today: CalendarDate) async throws -> [MailMessage] {
        let year = FinancialYear.containing(today)
        var plans: [ServicePlan] = [], returns: [QuarterlyReturn] = []
        // Only plans whose deadlines can fall near today (a Q4 deadline falls in the next
        // financial year), and plans with a return waiting for approval: a national database
        // holds thousands of plans, and this runs every few minutes.
        let waiting = Set(try await stores.returns.planCodes(withReturnsIn: .submitted))
        for summary in try await stores.plans.summaries() {
            let current = FinancialYear(summary.firstYear).flatMap { first in
                FinancialYear(summary.lastYear).map { first <= year && year <= $0.next } } ?? false
            guard current || waiting.contains(summary.code), let plan = try await stores.plans.plan(code: summary.code) else { continue }
            plans.append(plan)
            returns += try await stores.returns.returns(plan: plan.code)
        }
        let users = try await stores.accounts.users()
        return ReminderPlanner.due(plans: plans, returns: returns, users: users, deadlines: monitoring.deadlines,
                                   settings: settings.reminders, today: today, calendar: monitoring.calendar)
            .map { $0.message(baseURL: settings.baseURL) }
    }

    /// Records today's reminders that are not yet recorded; returns the new ones.
    @discardableResult
    public func recordReminders(today: CalendarDate, now: Date = Date()) async throws -> [String] {
        let due = try await dueReminders(today: today)
        let added = try await stores.mail.enqueue(due, now: now)
        if !added.isEmpty { logger.info("Mail: \(added.count) new reminder(s) recorded") }
        return added
    }

    public struct Delivery: Sendable, Equatable {
        public var sent = 0
        public var failed = 0
    }

    /// Sends what the outbox holds that is due. A failure is logged and the message kept with
    /// its next attempt set; it never stops the others or the caller.
    public func deliver(now: @Sendable () -> Date = { Date() }) async throws -> Delivery {
        var delivery = Delivery()
        while true {
            let batch = try await stores.mail.claimDue(now: now(), lease: settings.lease, limit: settings.batch)
            guard !batch.isEmpty else { break }
            for entry in batch {
                // On shutdown, stop between messages: the rest stay in the outbox for the next start.
                if Task.isCancelled { return delivery }
                if entry.message.key.hasPrefix("password-reset/"), let created = Timestamp.date(entry.createdAt),
                   now().timeIntervalSince(created) > SQLAccountRepository.passwordResetLifetime {
                    try await stores.mail.abandon(id: entry.id, reason: "the reset link expired before it could be sent")
                    delivery.failed += 1
                    continue
                }
                // A slow send may outlast the claim; another sender may then have taken the message.
                guard try await stores.mail.renewClaim(id: entry.id, claim: entry.claim ?? "", now: now(), lease: settings.lease) else { continue }
                do {
                    try await settings.transport.send(entry.message, from: settings.from)
                    try await stores.mail.markSent(id: entry.id, at: now())
                    delivery.sent += 1
                } catch {
                    let retry = now().addingTimeInterval(MailSettings.retryDelay(afterAttempts: entry.attempts))
                    logger.error("Mail: could not send \"\(entry.message.subject)\" to \(entry.message.toAddress) (attempt \(entry.attempts)): \(error); next attempt \(Timestamp.string(retry))")
                    try await stores.mail.markFailed(id: entry.id, error: String(describing: error), retryAt: retry)
                    delivery.failed += 1
                }
            }
            // A failed message is not due again in this pass, so the loop ends.
            if batch.count < settings.batch { break }
        }
        return delivery
    }

    /// Records today's reminders, then sends. Errors (a database gone away) are logged, never
    /// thrown: the next pass tries again.
    public func sweep() async {
        do {
            try await recordReminders(today: monitoring.calendar.today())
        } catch {
            logger.error("Mail: could not work out today's reminders: \(error)")
        }
        do {
            _ = try await deliver()
        } catch {
            logger.error("Mail: could not read the outbox: \(error)")
        }
    }
}
