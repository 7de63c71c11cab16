/// A value read from a cell.
public enum CellValue: Equatable, Sendable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case boolean(Bool)
    /// An error value such as "#DIV/0!".
    case error(String)
    case empty

    public var description: String {
        switch self {
        case .text(let text): "text(\(text.debugDescription))"
        case .number(let number): "number(\(number))"
        case .boolean(let bool): "boolean(\(bool))"
        case .error(let code): "error(\(code))"
        case .empty: "empty"
        }
    }
}
