/// A closed set of named values written by their raw value in plan files, forms and JSON.
/// Parsing one gives the same error everywhere: `"up" is not one of higherIsBetter, lowerIsBetter`.
public protocol Choice: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension Choice {
    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public init(parsing text: String) throws(RuleViolation) {
        guard let value = Self(rawValue: text) else {
            throw RuleViolation(value: text, rule: "is not one of \(Self.allowedList)")
        }
        self = value
    }
}

extension RiskBand: Choice {}
