/// A calendar day as a workbook stores it: a serial day number counted from 30 December 1899, so
/// 1 March 1900 is 61 and 31 March 2010 is 40268. Excel's 1900 date system counts a 29 February 1900
/// that never was, so only days from 1 March 1900 on mean the same day in Excel and LibreOffice;
/// earlier days are not accepted.
public struct CellDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// 1 March 1900 and 31 December 9999, Excel's last day.
    static let serialRange = 61...2_958_465
    /// Days from 1 January 1970 back to 30 December 1899, day 0 of the serial numbers.
    private static let epochOffset = 25_569

    /// Nil for a day that does not exist (31 June) or lies outside 1 March 1900 – 31 December 9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day),
              Self.serialRange.contains(Self.daysSince1970(year: year, month: month, day: day) + Self.epochOffset) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day a serial number falls on (a fraction, the time of day, is dropped); nil outside the range.
    public init?(serial: Double) {
        guard serial.isFinite, serial >= Double(Self.serialRange.lowerBound), serial < Double(Self.serialRange.upperBound + 1) else { return nil }
        let (y, m, d) = Self.civil(daysSince1970: Int(serial.rounded(.down)) - Self.epochOffset)
        self.init(year: y, month: m, day: d)
    }

    /// The serial day number a workbook stores.
    public var serial: Int { Self.daysSince1970(year: year, month: month, day: day) + Self.epochOffset }

    /// `2010-03-31`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CellDate, rhs: CellDate) -> Bool { lhs.serial < rhs.serial }

    /// The serial number (days and fraction of a day) of an ISO 8601 date or date-time as `t="d"` cells
    /// hold it: `2024-01-01`, `2024-01-01T10:30`, `2024-01-01T10:30:15.5Z`; a zone is ignored. Nil when
    /// the text is not one.
    static func serial(iso text: String) -> Double? {
        let chars = Array(text)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count, range.allSatisfy({ chars[$0].isASCII && chars[$0].isNumber }) else { return nil }
            return Int(String(chars[range]))
        }
        guard chars.count >= 10, chars[4] == "-", chars[7] == "-",
              let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              (1...12).contains(m), (1...days(inMonth: m, year: y)).contains(d) else { return nil }
        var seconds = 0.0
        var rest = chars[10...]
        if let t = rest.first {
            guard t == "T" || t == " ", let h = number(11..<13), rest.count >= 6, chars[13] == ":", let min = number(14..<16),
                  h < 24, min < 60 else { return nil }
            seconds = Double(h * 3600 + min * 60)
            rest = chars[16...]
            if rest.first == ":" {
                var end = 17
                while end < chars.count, chars[end].isASCII, chars[end].isNumber || chars[end] == "." { end += 1 }
                guard end > 17, let s = Double(String(chars[17..<end])), s < 61 else { return nil }
                seconds += s
                rest = chars[end...]
            }
            // A zone: Z or ±hh:mm (or ±hhmm).
            if let zone = rest.first {
                let body = rest.dropFirst()
                guard zone == "Z" && body.isEmpty
                        || (zone == "+" || zone == "-") && (4...5).contains(body.count) && body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") })
                else { return nil }
            }
        }
        return Double(daysSince1970(year: y, month: m, day: d) + epochOffset) + seconds / 86_400
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1 January 1970 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSince1970` (`civil_from_days`).
    private static func civil(daysSince1970 days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
