/// An email as the outbox stores it: plain text to one person. `key` is what makes sending it
/// happen once however many runs or servers plan it.
public struct MailMessage: Hashable, Sendable {
    public let key: String
    public let toName: String
    public let toAddress: String
    public let subject: String
    public let body: String

    public init(key: String, toName: String, toAddress: String, subject: String, body: String) {
        self.key = key
        self.toName = toName
        self.toAddress = toAddress
        self.subject = subject
        self.body = body
    }
}

extension Reminder {
    /// The email, with links under `baseURL` (the site's public address, no trailing slash).
    public func message(baseURL: String) -> MailMessage {
        let returnURL = "\(baseURL)/plans/\(planCode.urlPathEncoded)/returns/\(quarter.identifier)"
        let what = "The \(department) (\(planCode)) return for \(quarter.label)"
        var body = "Dear \(recipient.name),\n\n"
        let subject: String
        switch kind {
        case .dueSoon:
            let when = daysBefore == 0 ? "today" : "in \(daysBefore ?? 0) working day\(daysBefore == 1 ? "" : "s")"
            subject = "\(planCode) return for \(quarter.label): \(Self.count(lines.count)) to fill in by \(deadline.longText)"
            body += "\(what) is due by \(deadline.longText), \(when). These lines you answer for are still empty:\n\n"
            body += Self.list(lines, returnURL: returnURL)
            body += "\nFill them in at \(returnURL)\n"
        case .late:
            subject = "\(planCode) return for \(quarter.label) is late: \(Self.count(lines.count)) empty"
            body += "\(what) was due by \(deadline.longText) and has not been submitted. These lines are still empty:\n\n"
            body += Self.list(lines, returnURL: returnURL)
            body += "\nThe return: \(returnURL)\n"
        case .submitted:
            subject = "\(planCode) return for \(quarter.label) submitted for approval"
            body += "\(what) was submitted\(submittedBy.map { " by \($0)" } ?? "") and is waiting for approval.\n\n"
            body += "Review and approve it at \(returnURL)\n"
        }
        body += "\nThis is an automatic message from serviceplan, the council's service planning system.\n"
        return MailMessage(key: key, toName: recipient.name, toAddress: recipient.email, subject: subject, body: body)
    }

    private static func count(_ n: Int) -> String { n == 1 ? "1 line" : "\(n) lines" }

    private static func list(_ lines: [Line], returnURL: String) -> String {
        lines.map { line in
            let name = line.title.isEmpty ? "(Part II: see the return)" : line.title
            let label = line.isMilestone ? "\(line.ref) milestone: \(name)" : "\(line.ref) \(name)"
            return "- \(label)\n  \(returnURL)#\(line.anchor)\n"
        }.joined()
    }
}
