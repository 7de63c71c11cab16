/// A scored risk: likelihood × severity, each 1–4, so the score is one of 1, 2, 3, 4, 6, 8, 9, 12, 16.
/// Plans often print only the score; likelihood and severity are then unknown.
public struct RiskRating: Hashable, Sendable {
    public let score: Int
    public let likelihood: Int?
    public let severity: Int?

    public static let factorRange = 1...4
    /// Every score that likelihood × severity can make.
    public static let possibleScores: [Int] = Array(Set(factorRange.flatMap { l in factorRange.map { l * $0 } })).sorted()

    public init(likelihood: Int, severity: Int) throws(RuleViolation) {
        guard Self.factorRange.contains(likelihood) else {
            throw RuleViolation(value: String(likelihood), rule: "is not a likelihood from 1 to 4")
        }
        guard Self.factorRange.contains(severity) else {
            throw RuleViolation(value: String(severity), rule: "is not a severity from 1 to 4")
        }
        self.likelihood = likelihood
        self.severity = severity
        self.score = likelihood * severity
    }

    public init(score: Int) throws(RuleViolation) {
        guard Self.possibleScores.contains(score) else {
            throw RuleViolation(
                value: String(score),
                rule: "is not a risk score (likelihood × severity, each 1–4: one of \(Self.possibleScores.map(String.init).joined(separator: ", ")))")
        }
        self.score = score
        self.likelihood = nil
        self.severity = nil
    }

    public var band: RiskBand { RiskBand(score: score) }
}
