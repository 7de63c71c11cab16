/// When reminders go: how many working days before a return's deadline officers are reminded,
/// and for how many working days after it the director is told of late lines.
public struct ReminderSettings: Hashable, Sendable {
    public static let defaultDaysBefore = [5, 1]
    public static let defaultEscalationDays = 10
    /// A submission older than this many working days is not announced: a server started on an
    /// old database does not mail approvers about returns they dealt with long ago.
    public static let submissionNoticeDays = 5

    /// Distinct, largest first.
    public let daysBefore: [Int]
    public let escalationDays: Int

    public init(daysBefore: [Int] = ReminderSettings.defaultDaysBefore,
                escalationDays: Int = ReminderSettings.defaultEscalationDays) throws(RuleViolation) {
        guard !daysBefore.isEmpty, daysBefore.count <= 10, daysBefore.allSatisfy({ (0...60).contains($0) }) else {
            throw RuleViolation(value: daysBefore.map(String.init).joined(separator: ","),
                                rule: "is not a list of 1 to 10 numbers of working days from 0 to 60")
        }
        guard (0...60).contains(escalationDays) else {
            throw RuleViolation(value: String(escalationDays), rule: "is not a number of working days from 0 to 60")
        }
        self.daysBefore = Array(Set(daysBefore)).sorted(by: >)
        self.escalationDays = escalationDays
    }
}

extension CalendarDate {
    public var previousDay: CalendarDate {
        // The first day of year 1 has no day before it: it stays put rather than trapping.
        if day > 1 { return CalendarDate(year: year, month: month, day: day - 1) ?? self }
        if month > 1 { return CalendarDate(year: year, month: month - 1, day: CalendarDate.daysIn(month: month - 1, year: year)) ?? self }
        return CalendarDate(year: year - 1, month: 12, day: 31) ?? self
    }

    /// The working day (Monday to Friday) `n` working days before this one.
    public func workingDays(before n: Int) -> CalendarDate {
        var date = self, remaining = n
        while remaining > 0 {
            date = date.previousDay
            if !date.isWeekend { remaining -= 1 }
        }
        return date
    }

    /// The working day `n` working days after this one.
    public func workingDays(after n: Int) -> CalendarDate {
        var date = self, remaining = n
        while remaining > 0 {
            date = date.nextDay
            if !date.isWeekend { remaining -= 1 }
        }
        return date
    }
}
