/// A value read from a cell.
public enum CellValue: Equatable, Sendable, CustomStringConvertible {
    case text(String)
    case number(Double)
    /// A number formatted as a date or time, or an ISO 8601 `t="d"` cell: its serial day number
    /// (`CellDate`), the fraction being the time of day. Kept apart from `.number` because read as
    /// a plain number a date would come back as e.g. 45292; callers decide where a date is welcome.
    case date(Double)
    /// A number shown as a percentage (`0%`, `0.00%`: an unquoted %), as stored: 0.405 shows as
    /// 40.5%. Kept apart from `.number` because read as it is, a typed "40.5%" comes back 0.405.
    case percent(Double)
    case boolean(Bool)
    /// An error value such as "#DIV/0!".
    case error(String)
    case empty

    public var description: String {
        switch self {
        case .text(let text): "text(\(text.debugDescription))"
        case .number(let number): "number(\(number))"
        case .date(let serial): "date(\(CellDate(serial: serial).map { "\($0)" } ?? String(serial)))"
        case .percent(let fraction): "percent(\(fraction))"
        case .boolean(let bool): "boolean(\(bool))"
        case .error(let code): "error(\(code))"
        case .empty: "empty"
        }
    }
}
