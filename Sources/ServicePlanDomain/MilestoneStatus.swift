/// An officer's judgement of a milestone in a quarterly return.
public enum MilestoneStatus: String, Choice {
    /// On course to be achieved within its timeframe.
    case green
    /// Unclear: too early to say, lack of information, or a date slipped.
    case amber
    /// Highly likely or certain not to be achieved in its timeframe.
    case red
    case complete

    public var label: String {
        switch self {
        case .green: return "On course"
        case .amber: return "Unclear"
        case .red: return "Will not be achieved in time"
        case .complete: return "Complete"
        }
    }

    /// What a report shows: a milestone past its due date at the quarter's end and not complete is
    /// red, unless the officer explained it in the commentary.
    public static func shown(reported: MilestoneStatus?, commentary: String, due: CalendarDate, quarterEnd: CalendarDate) -> MilestoneStatus? {
        let overdue = due < quarterEnd && reported != .complete
        if overdue && commentary.trimmingSpaces.isEmpty { return .red }
        return reported
    }
}
