/// A cell position such as "C4": 1-based row and column, ordered row-major.
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Excel's hard limits (XFD1048576); anything beyond them is not a real cell.
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    public let row: Int
    public let column: Int

    /// Returns nil when the position is outside the sheet, so callers can decide how to fail.
    public init?(row: Int, column: Int) {
        guard (1...Self.maxRow).contains(row), (1...Self.maxColumn).contains(column) else { return nil }
        self.row = row
        self.column = column
    }

    /// Parses "A1" style references; "$" absolute markers are accepted and ignored.
    public init?(_ a1: String) {
        var letters = 0
        var column = 0
        var digits = Substring("")
        var rest = Substring(a1.replacingOccurrences(of: "$", with: ""))
        while let ch = rest.first, let ascii = ch.asciiValue, ch.isLetter {
            let upper = ascii & ~0x20 // ASCII upper-casing
            guard (65...90).contains(upper) else { return nil }
            column = column * 26 + Int(upper - 64)
            letters += 1
            guard letters <= 3 else { return nil } // keeps the arithmetic bounded
            rest = rest.dropFirst()
        }
        digits = rest
        guard letters > 0, !digits.isEmpty, digits.count <= 7,
              digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let row = Int(digits) else { return nil }
        self.init(row: row, column: column)
    }

    /// The "A1" form.
    public var a1: String { Self.columnName(column) + String(row) }
    public var description: String { a1 }

    /// 1 → "A", 27 → "AA".
    public static func columnName(_ column: Int) -> String {
        var n = column
        var scalars: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            scalars.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(scalars.reversed())
    }

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}
