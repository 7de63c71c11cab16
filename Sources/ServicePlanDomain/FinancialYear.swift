/// A UK local-government financial year, 1 April to 31 March. `2009/10` runs from
/// 1 April 2009 to 31 March 2010; in URLs and file names it is `2009-10`.
public struct FinancialYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year in which the financial year begins (2009 for 2009/10).
    public let startYear: Int

    public init(startYear: Int) {
        self.startYear = startYear
    }

    /// Parses `2009/10`, `2009-10`, `2009/2010`, `2009-2010`, and the seed's short `2007/8`.
    /// The second part must be the year after the first.
    public init?(_ text: String) {
        // The common form, `2009/10` or `2009-2010` in ASCII digits, read as bytes: a national
        // dataset has a year on each of its million rows.
        if let year = Self.asciiStartYear(text) {
            self.startYear = year
            return
        }
        let separators: [Character] = ["/", "-"]
        guard let sep = text.firstIndex(where: { separators.contains($0) }) else { return nil }
        let first = text[..<sep], second = text[text.index(after: sep)...]
        guard first.count == 4, (1...4).contains(second.count),
              first.allSatisfy({ $0.isASCII && $0.isNumber }), second.allSatisfy({ $0.isASCII && $0.isNumber }),
              let start = Int(first), let end = Int(second), start >= 1000 else { return nil }
        let expected = start + 1
        let matches: Bool
        switch second.count {
        case 4: matches = end == expected
        case 2: matches = end == expected % 100
        case 1: matches = end == expected % 10 && second.count == 1 && expected % 100 < 10
        default: matches = false
        }
        guard matches else { return nil }
        self.startYear = start
    }

    /// The start year of `dddd/dd`, `dddd-dd` or `dddd/dddd` written in ASCII digits and naming
    /// consecutive years; nil for anything else, which the general reading then decides.
    private static func asciiStartYear(_ text: String) -> Int? {
        let bytes = text.utf8
        guard bytes.count == 7 || bytes.count == 9 else { return nil }
        var start = 0, end = 0, index = 0
        for byte in bytes {
            switch index {
            case 0..<4:
                guard (48...57).contains(byte) else { return nil }
                start = start * 10 + Int(byte - 48)
            case 4:
                guard byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") else { return nil }
            default:
                guard (48...57).contains(byte) else { return nil }
                end = end * 10 + Int(byte - 48)
            }
            index += 1
        }
        guard start >= 1000, end == (bytes.count == 7 ? (start + 1) % 100 : start + 1) else { return nil }
        return start
    }

    /// `2009/10`: how councils write it.
    public var label: String {
        let end = (startYear + 1) % 100
        return "\(startYear)/\(end < 10 ? "0" : "")\(end)"
    }

    /// `2009-10`: for URLs and file names.
    public var identifier: String {
        String(label.map { $0 == "/" ? "-" : $0 })
    }

    public var description: String { label }

    public var firstDay: CalendarDate { CalendarDate(year: startYear, month: 4, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: startYear + 1, month: 3, day: 31)! }

    public func contains(_ date: CalendarDate) -> Bool {
        firstDay <= date && date <= lastDay
    }

    /// The financial year a date falls in: January–March belong to the year that began the April before.
    public static func containing(_ date: CalendarDate) -> FinancialYear {
        FinancialYear(startYear: date.month >= 4 ? date.year : date.year - 1)
    }

    public var next: FinancialYear { FinancialYear(startYear: startYear + 1) }
    public var previous: FinancialYear { FinancialYear(startYear: startYear - 1) }

    public var quarters: [Quarter] { (1...4).map { Quarter(year: self, number: $0)! } }

    public static func < (a: FinancialYear, b: FinancialYear) -> Bool { a.startYear < b.startYear }
}
