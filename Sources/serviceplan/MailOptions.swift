import ArgumentParser
import ServicePlanDomain
import ServicePlanStore

/// How mail is sent (docs/reminders.md): shared by `serve` and `remind`, so both send the same
/// reminders the same way.
struct MailOptions: ParsableArguments {
    @Option(help: "The sendmail-compatible command mail is handed to, run without a shell, message on standard input, e.g. \"/usr/sbin/sendmail -t -i\" or \"/usr/bin/msmtp -t\". Without it, serve sends no mail.")
    var sendmail: String?

    @Option(help: "The From address of serviceplan's mail.")
    var mailFrom: String = "serviceplan <serviceplan@localhost>"

    @Option(help: "The site's public address, which links in emails start with, e.g. https://plans.council.gov.uk. Default: http://HOST:PORT of serve.")
    var publicUrl: String?

    @Option(help: "Working days before a return's deadline on which officers with empty lines are reminded, comma-separated.")
    var remindDays: String = ReminderSettings.defaultDaysBefore.map(String.init).joined(separator: ",")

    @Option(help: "For how many working days after a deadline the director is told of empty lines.")
    var escalateDays: Int = ReminderSettings.defaultEscalationDays

    func validate() throws {
        _ = try reminders()
        if let publicUrl, !(publicUrl.hasPrefix("https://") || publicUrl.hasPrefix("http://")) || publicUrl.contains(where: \.isWhitespace) {
            throw ValidationError("--public-url must be an http(s) address: \(publicUrl)")
        }
        if let sendmail, SendmailTransport.parse(sendmail).first?.hasPrefix("/") != true {
            throw ValidationError("--sendmail must start with the command's absolute path, e.g. /usr/sbin/sendmail -t -i")
        }
        guard !mailFrom.contains(where: \.isNewline), mailFrom.contains("@") else {
            throw ValidationError("--mail-from must be one email address, optionally with a name: \(mailFrom)")
        }
    }

    func reminders() throws -> ReminderSettings {
        let days: [Int?] = remindDays.split(separator: ",", omittingEmptySubsequences: false).map { Int(String($0).trimmingSpaces) }
        guard !days.contains(nil) else { throw ValidationError("--remind-days must be numbers separated by commas: \(remindDays)") }
        do { return try ReminderSettings(daysBefore: days.compactMap { $0 }, escalationDays: escalateDays) } catch {
            throw ValidationError("--remind-days/--escalate-days \(error)")
        }
    }

    /// The settings, or nil when no mail command is given.
    func settings(defaultURL: String) throws -> MailSettings? {
        guard let sendmail else { return nil }
        let baseURL = publicUrl ?? defaultURL
        return MailSettings(from: mailFrom, baseURL: baseURL, reminders: try reminders(),
                            transport: SendmailTransport(command: SendmailTransport.parse(sendmail),
                                                         messageDomain: SendmailTransport.messageDomain(publicURL: baseURL)))
    }
}
