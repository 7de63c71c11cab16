/// One email the reminder rules say is due: to whom, about which return and which lines. The
/// `key` names it across runs and server instances, so the outbox sends each one once.
public struct Reminder: Hashable, Sendable {
    public enum Kind: String, Sendable {
        /// Before the deadline: an officer's lines still empty.
        case dueSoon = "due-soon"
        /// After the deadline: the department's director told which lines are late.
        case late
        /// A return was submitted: the approvers told it is waiting for them.
        case submitted
    }

    /// A line of the return the email names: an indicator, or a milestone of an objective.
    public struct Line: Hashable, Sendable {
        /// `NI80`, or the objective's ref (`ULS 1`) for a milestone.
        public let ref: String
        /// The indicator's title or the milestone's text; empty for a Part II item, whose words
        /// are not put in an email (mail is copied to servers outside the council).
        public let title: String
        public let isMilestone: Bool
        /// The fragment of the line on the return form (`line-NI80`, `milestone-12`).
        public let anchor: String

        public init(ref: String, title: String, isMilestone: Bool, anchor: String) {
            self.ref = ref
            self.title = title
            self.isMilestone = isMilestone
            self.anchor = anchor
        }
    }

    public let kind: Kind
    public let planCode: String
    public let department: String
    public let quarter: Quarter
    public let deadline: CalendarDate
    public let recipient: User
    public let lines: [Line]
    /// For `dueSoon`: how many working days before the deadline this reminder is for.
    public let daysBefore: Int?
    /// For `submitted`: who submitted the return, and when (the stored timestamp).
    public let submittedBy: String?
    public let submittedAt: String?

    public init(kind: Kind, planCode: String, department: String, quarter: Quarter, deadline: CalendarDate, recipient: User,
                lines: [Line], daysBefore: Int? = nil, submittedBy: String? = nil, submittedAt: String? = nil) {
        self.kind = kind
        self.planCode = planCode
        self.department = department
        self.quarter = quarter
        self.deadline = deadline
        self.recipient = recipient
        self.lines = lines
        self.daysBefore = daysBefore
        self.submittedBy = submittedBy
        self.submittedAt = submittedAt
    }

    /// Once per recipient: per reminder day before the deadline, once for lateness, once per
    /// submission (a return sent back and submitted again is news again).
    public var key: String {
        let base = "\(kind.rawValue)/\(planCode)/\(quarter.identifier)"
        switch kind {
        case .dueSoon: return "\(base)/\(daysBefore ?? 0)/\(recipient.email)"
        case .late: return "\(base)/\(recipient.email)"
        case .submitted: return "\(base)/\(submittedAt ?? "")/\(recipient.email)"
        }
    }
}
