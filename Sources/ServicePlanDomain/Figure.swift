/// One cell of an indicator table: a number, or the plan's stated reason for not having one.
public enum Figure: Hashable, Sendable {
    case value(Double)
    case missing(MissingReason)

    public var number: Double? {
        if case .value(let v) = self { return v }
        return nil
    }

    public var missingReason: MissingReason? {
        if case .missing(let r) = self { return r }
        return nil
    }

    /// Reads a number or one of the reason texts, as written in a plan file or a form.
    public init(parsing text: String) throws(RuleViolation) {
        let trimmed = text.trimmingSpaces
        if let reason = MissingReason(rawValue: trimmed) {
            self = .missing(reason)
        } else if let number = Figure.decimal(trimmed) {
            self = .value(number)
        } else {
            throw RuleViolation(value: text, rule: "is neither a number nor one of \(MissingReason.allowedList)")
        }
    }

    /// The text a plan file uses for this figure: `40.5`, `45`, `TBA`.
    public var text: String {
        switch self {
        case .value(let v): return Figure.format(v)
        case .missing(let r): return r.rawValue
        }
    }

    /// Shortest faithful decimal: whole numbers without `.0`, others as Swift prints them.
    public static func format(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    public var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
