/// What a written cell holds. Text is always stored as text, so "=SUM(A1)" stays a string.
public enum CellContent: Equatable, Sendable {
    case text(String)
    case number(Double)
    /// A calendar day, stored as its serial day number and shown through a date format.
    case date(CellDate)
    case empty
}

/// The three cell looks the writer knows. Only `.input` cells are editable once the sheet is protected.
public enum CellStyle: Equatable, Sendable {
    /// Plain, locked (protected).
    case locked
    /// Bold, locked: for header rows.
    case header
    /// Unlocked and lightly shaded, so the officer can see where to type.
    case input
}

/// One cell to write.
public struct Cell: Equatable, Sendable {
    /// The format a date cell gets when it names none: `31 March 2010`.
    public static let defaultDateFormat = "d mmmm yyyy"

    public var content: CellContent
    public var style: CellStyle
    /// How the value is shown: an Excel number format code such as `0`, `0.0"%"` (40.5 as 40.5%, the
    /// number unchanged) or `d mmmm yyyy`. Nil is General, or `defaultDateFormat` for a date.
    public var numberFormat: String?

    public init(_ content: CellContent, style: CellStyle = .locked, numberFormat: String? = nil) {
        self.content = content
        self.style = style
        self.numberFormat = numberFormat
    }

    public static func text(_ text: String, _ style: CellStyle = .locked) -> Cell {
        Cell(.text(text), style: style)
    }

    public static func number(_ number: Double, _ style: CellStyle = .locked, format: String? = nil) -> Cell {
        Cell(.number(number), style: style, numberFormat: format)
    }

    public static func date(_ date: CellDate, _ style: CellStyle = .locked, format: String? = nil) -> Cell {
        Cell(.date(date), style: style, numberFormat: format)
    }

    public static func empty(_ style: CellStyle = .locked) -> Cell {
        Cell(.empty, style: style)
    }

    public var isLocked: Bool { style != .input }
}
