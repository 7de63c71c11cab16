/// A value broke a rule of the domain. The plan-file reader and the forms add where the value
/// came from (file and line, or form field); this says what was wrong with it.
public struct RuleViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offending value as the user wrote it; nil when the value is absent.
    public let value: String?
    /// The rule, phrased to follow the value: `is not one of low, medium, high`.
    public let rule: String

    public init(value: String?, rule: String) {
        self.value = value
        self.rule = rule
    }

    public var description: String {
        if let value { return "\"\(value)\" \(rule)" }
        return rule
    }
}
