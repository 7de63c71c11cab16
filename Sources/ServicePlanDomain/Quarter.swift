/// A quarter of a financial year: Q1 is April–June, Q4 is January–March.
/// Written `2009-10-Q2` in URLs and files.
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: FinancialYear
    /// 1…4.
    public let number: Int

    public init?(year: FinancialYear, number: Int) {
        guard (1...4).contains(number) else { return nil }
        self.year = year
        self.number = number
    }

    /// Parses `2009-10-Q2` (also `2009/10-Q2` and a lower-case `q`).
    public init?(_ text: String) {
        guard text.count > 3 else { return nil }
        let suffix = text.suffix(3)
        guard suffix.first == "-", suffix.dropFirst().first?.uppercased() == "Q",
              let n = Int(String(suffix.last!)),
              let year = FinancialYear(String(text.dropLast(3))) else { return nil }
        self.init(year: year, number: n)
    }

    /// `2009-10-Q2`.
    public var identifier: String { "\(year.identifier)-Q\(number)" }
    /// `Q2 2009/10`.
    public var label: String { "Q\(number) \(year.label)" }
    public var description: String { identifier }

    /// The calendar month (1–12) the quarter starts in.
    private var firstMonth: Int { number == 4 ? 1 : 4 + (number - 1) * 3 }
    private var calendarYear: Int { number == 4 ? year.startYear + 1 : year.startYear }

    public var firstDay: CalendarDate { CalendarDate(year: calendarYear, month: firstMonth, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate.endOfMonth(firstMonth + 2, year: calendarYear)! }

    public func contains(_ date: CalendarDate) -> Bool { firstDay <= date && date <= lastDay }

    public static func containing(_ date: CalendarDate) -> Quarter {
        let year = FinancialYear.containing(date)
        let number = date.month >= 4 ? (date.month - 4) / 3 + 1 : 4
        return Quarter(year: year, number: number)!
    }

    public var next: Quarter {
        number == 4 ? Quarter(year: year.next, number: 1)! : Quarter(year: year, number: number + 1)!
    }
    public var previous: Quarter {
        number == 1 ? Quarter(year: year.previous, number: 4)! : Quarter(year: year, number: number - 1)!
    }
    /// The same quarter a year earlier, for direction of travel.
    public var sameQuarterLastYear: Quarter { Quarter(year: year.previous, number: number)! }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }
}
