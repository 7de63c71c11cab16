/// Whether a quarter's return came in by its deadline, judged on the council's calendar. The
/// dashboard, the data-quality rules and the report all ask this, so "late" means one thing.
public enum ReturnTimeliness: Hashable, Sendable {
    /// The deadline has not passed and nothing has been submitted.
    case notYetDue
    /// The deadline has passed and there is no return at all.
    case missing
    /// The deadline has passed and the return has not been submitted.
    case notSubmitted
    /// Submitted on or before the deadline, on this day.
    case onTime(submitted: CalendarDate)
    /// Submitted after the deadline, on this day.
    case late(submitted: CalendarDate, daysLate: Int)

    public init(_ quarterlyReturn: QuarterlyReturn?, quarter: Quarter, deadline: CalendarDate, today: CalendarDate,
                calendar: any CouncilCalendar) {
        guard let quarterlyReturn else {
            self = deadline < today ? .missing : .notYetDue
            return
        }
        guard let submitted = quarterlyReturn.submittedAt.flatMap(calendar.day(ofTimestamp:)) else {
            self = deadline < today ? .notSubmitted : .notYetDue
            return
        }
        self = submitted > deadline ? .late(submitted: submitted, daysLate: submitted.days(since: deadline)) : .onTime(submitted: submitted)
    }

    /// Past the deadline without a timely submission: what a performance officer chases.
    public var needsAttention: Bool {
        switch self {
        case .missing, .notSubmitted, .late: return true
        case .notYetDue, .onTime: return false
        }
    }
}
