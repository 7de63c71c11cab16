/// What an indicator's figures measure, and so which values are possible.
public enum IndicatorUnit: String, Choice {
    case percentage, count, number, money, ratio, yesNo

    public var label: String {
        switch self {
        case .percentage: return "Percentage"
        case .count: return "Count"
        case .number: return "Number"
        case .money: return "Money (£)"
        case .ratio: return "Ratio"
        case .yesNo: return "Yes/No"
        }
    }

    /// Checks that a value is in this unit's domain; percentages are 0–100 (40.5 means 40.5 %).
    public func check(_ value: Double) throws(RuleViolation) {
        try Figure.checkMagnitude(value)
        let text = Figure.format(value)
        switch self {
        case .percentage:
            guard (0...100).contains(value) else { throw RuleViolation(value: text, rule: "is not a percentage from 0 to 100") }
        case .count:
            guard value >= 0, value == value.rounded() else { throw RuleViolation(value: text, rule: "is not a count (a whole number, 0 or more)") }
        case .ratio:
            guard value >= 0 else { throw RuleViolation(value: text, rule: "is not a ratio (0 or more)") }
        case .yesNo:
            guard value == 0 || value == 1 else { throw RuleViolation(value: text, rule: "is not yes/no (1 or 0)") }
        case .number, .money:
            break
        }
    }

    /// The values the unit allows (`check`), as a range forecasts are cut to.
    public var limits: ClosedRange<Double>? {
        switch self {
        case .percentage: return 0...100
        case .count, .ratio: return 0...Double.greatestFiniteMagnitude
        case .yesNo: return 0...1
        case .number, .money: return nil
        }
    }

    /// A computed figure (a forecast, a quarter's share of a target) as pages show it: to one
    /// decimal place, as nothing computed from the figures is more precise than they are.
    public func displayToTenth(_ value: Double) -> String { display((value * 10).rounded() / 10) }

    /// `40.5%`, `45`, `£1,200`: a figure as a page shows it.
    public func display(_ value: Double) -> String {
        switch self {
        case .percentage: return Figure.format(value) + "%"
        case .money: return "£" + Figure.format(value)
        case .yesNo: return value == 1 ? "Yes" : "No"
        default: return Figure.format(value)
        }
    }
}
