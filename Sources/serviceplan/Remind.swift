import ArgumentParser
import Foundation
import Logging
import ServicePlanDomain
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan remind [--dry-run]`: one pass of the mail schedule, for cron.
    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remind",
            abstract: "Send the reminders due today (officers before a deadline, directors after it, approvers on submission) and anything waiting in the outbox. Safe to run from cron beside serve: each reminder is sent once.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var monitoring: MonitoringOptions
        @OptionGroup var mail: MailOptions

        @Flag(help: "Print the reminders due today, marking those already sent, and send and record nothing.")
        var dryRun = false
        @Option(help: ArgumentHelp("With --dry-run: text (tab-separated, for people) or json (one document, for scripts)."))
        var format: ListFormat = .text

        @Option(help: "Judge as if today were this day (YYYY-MM-DD): with --dry-run to check a schedule ahead of time, or to catch up a day the job did not run. Reminders already sent are not sent again.")
        var today: String?

        func validate() throws {
            if !dryRun, mail.sendmail == nil { throw ValidationError("Give --sendmail (the command mail is handed to), or --dry-run.") }
            if let today, CalendarDate(today) == nil { throw ValidationError("--today must be a date, YYYY-MM-DD: \(today)") }
            if format == .json, !dryRun { throw ValidationError("--format json lists what --dry-run finds; a real run prints one line.") }
        }

        func run() async throws {
            var logger = Logger(label: "serviceplan")
            logger.logLevel = .info
            let monitoring = try monitoring.configuration()
            // A dry run needs no mail command: it hands nothing on.
            let settings = try mail.settings(defaultURL: "http://127.0.0.1:8080")
                ?? MailSettings(from: mail.mailFrom, baseURL: mail.publicUrl ?? "http://127.0.0.1:8080", reminders: try mail.reminders(),
                                transport: SendmailTransport(command: []))
            let day = today.flatMap(CalendarDate.init) ?? monitoring.calendar.today()
            let dryRun = dryRun, format = format
            try await database.withStores(logger: logger) { stores in
                let mailer = Mailer(stores: stores, settings: settings, monitoring: monitoring, logger: logger)
                if dryRun {
                    let due = try await mailer.dueReminders(today: day)
                    let sent = try await stores.mail.recorded(keys: due.map(\.key))
                    if format == .json {
                        return ListFormat.printJSON(ListJSON.Reminders(
                            day: day.description, due: due.count, notYetRecorded: due.filter { !sent.contains($0.key) }.count,
                            reminders: due.map { ListJSON.Reminder(state: sent.contains($0.key) ? "already recorded" : "due", to: $0.toAddress,
                                                                   subject: $0.subject, key: $0.key) }))
                    }
                    for message in due {
                        print("\(sent.contains(message.key) ? "already recorded" : "due")\t\(message.toAddress)\t\(message.subject)")
                    }
                    print("\(due.count) reminder(s) due on \(day); \(due.filter { !sent.contains($0.key) }.count) not yet recorded. Nothing was sent.")
                    return
                }
                let added = try await mailer.recordReminders(today: day)
                let delivery = try await mailer.deliver()
                print("\(added.count) new reminder(s) recorded; \(delivery.sent) message(s) sent, \(delivery.failed) failed (kept, to be tried again).")
                if delivery.failed > 0 { throw ExitCode(3) }
            }
        }
    }
}
