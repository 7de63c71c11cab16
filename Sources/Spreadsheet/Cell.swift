/// What a written cell holds. Text is always stored as text, so "=SUM(A1)" stays a string.
public enum CellContent: Equatable, Sendable {
    case text(String)
    case number(Double)
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
    public var content: CellContent
    public var style: CellStyle

    public init(_ content: CellContent, style: CellStyle = .locked) {
        self.content = content
        self.style = style
    }

    public static func text(_ text: String, _ style: CellStyle = .locked) -> Cell {
        Cell(.text(text), style: style)
    }

    public static func number(_ number: Double, _ style: CellStyle = .locked) -> Cell {
        Cell(.number(number), style: style)
    }

    public static func empty(_ style: CellStyle = .locked) -> Cell {
        Cell(.empty, style: style)
    }

    public var isLocked: Bool { style != .input }
}
