/// Where a quarterly return is in its workflow: draft → submitted → approved → published.
public enum ReturnStatus: String, Choice {
    case draft, submitted, approved, published

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Approved and published returns are locked: edits are refused until an admin reopens them.
    public var isLocked: Bool { self == .approved || self == .published }
}

/// Workflow actions on a return.
public enum ReturnAction: String, Choice {
    case submit, approve, publish, reopen

    /// The status a return must be in for the action, and the status it moves to.
    public var transition: (from: [ReturnStatus], to: ReturnStatus) {
        switch self {
        case .submit: return ([.draft], .submitted)
        case .approve: return ([.submitted], .approved)
        case .publish: return ([.approved], .published)
        case .reopen: return ([.submitted, .approved, .published], .draft)
        }
    }
}

extension Permissions {
    /// Who may take a workflow action on a plan's return. `submittedBy` is the email of whoever
    /// submitted it: a director may not approve their own submission.
    public static func canTake(_ action: ReturnAction, _ user: User?, plan: ServicePlan, submittedBy: String?) -> Bool {
        guard let user, !user.disabled else { return false }
        switch action {
        case .submit:
            return canEditAnything(user, in: plan)
        case .approve:
            let director = (user.role == .director && user.department == plan.code) || user.role == .admin
            return director && submittedBy != user.email
        case .publish, .reopen:
            return user.role == .admin
        }
    }
}

/// Deadlines for returns: a number of working days (Monday to Friday) after the quarter ends.
public struct ReturnDeadlines: Hashable, Sendable {
    public let workingDays: Int

    public init(workingDays: Int = 15) {
        self.workingDays = workingDays
    }

    public func deadline(for quarter: Quarter) -> CalendarDate {
        var date = quarter.lastDay
        var remaining = workingDays
        while remaining > 0 {
            date = date.nextDay
            if !date.isWeekend { remaining -= 1 }
        }
        return date
    }
}

extension CalendarDate {
    public var nextDay: CalendarDate {
        if day < CalendarDate.daysIn(month: month, year: year) { return CalendarDate(year: year, month: month, day: day + 1)! }
        if month < 12 { return CalendarDate(year: year, month: month + 1, day: 1)! }
        return CalendarDate(year: year + 1, month: 1, day: 1)!
    }

    /// Day of the week, 1 = Monday … 7 = Sunday (Zeller's congruence, Gregorian calendar).
    public var weekday: Int {
        var m = month, y = year
        if m < 3 { m += 12; y -= 1 }
        let h = (day + (13 * (m + 1)) / 5 + y % 100 + (y % 100) / 4 + (y / 100) / 4 + 5 * (y / 100)) % 7
        // h: 0 = Saturday, 1 = Sunday, 2 = Monday …
        return ((h + 5) % 7) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }
}
