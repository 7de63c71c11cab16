/// A key milestone of a service objective: what will be done, and by when.
public struct Milestone: Hashable, Sendable {
    /// Assigned by storage; nil until the milestone is first stored. Stable across edits.
    public var id: Int64?
    public var text: String
    public var due: CalendarDate

    public init(id: Int64? = nil, text: String, due: CalendarDate) {
        self.id = id
        self.text = text
        self.due = due
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july",
                                 "august", "september", "october", "november", "december"]

    /// The due date a milestone's own words give: "… by March 2010" → 2010-03-31 (the end of
    /// the month named last in the text). Nil when the text names no month and year.
    public static func impliedDueDate(in text: String) -> CalendarDate? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        for index in words.indices.dropFirst().reversed() {
            guard words[index].count == 4, let year = Int(words[index]),
                  let month = months.firstIndex(of: String(words[index - 1])) else { continue }
            return CalendarDate.endOfMonth(month + 1, year: year)
        }
        return nil
    }
}

/// The milestones of one financial year, or the reason the plan has none to show.
public struct MilestoneYear: Hashable, Sendable {
    public enum Entries: Hashable, Sendable {
        case listed([Milestone])
        case missing(MissingReason)
    }

    public var year: FinancialYear
    public var entries: Entries

    public init(year: FinancialYear, entries: Entries) {
        self.year = year
        self.entries = entries
    }

    public var milestones: [Milestone] {
        if case .listed(let m) = entries { return m }
        return []
    }
}
