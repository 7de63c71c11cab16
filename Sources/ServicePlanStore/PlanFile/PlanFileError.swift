import ServicePlanDomain

/// Why a plan file was refused, in the form `plans/x.yaml:42: indicators[3].polarity: "up" is
/// not one of higherIsBetter, lowerIsBetter`: file, line, field, the bad value and the rule.
public struct PlanFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based; nil when no line can be given (an empty file).
    public let line: Int?
    public let field: FieldPath
    public let violation: RuleViolation

    public init(file: String, line: Int?, field: FieldPath, violation: RuleViolation) {
        self.file = file
        self.line = line
        self.field = field
        self.violation = violation
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(field): \(violation)"
    }
}
