import ServicePlanDomain

extension QuarterlyProfile {
    /// The column's text: `equalSteps`, `equalQuarters`, `seasonal:0.22,0.46,0.72`.
    var stored: String {
        guard case .seasonal(let shares) = self else { return name }
        return "seasonal:" + shares.map { String($0) }.joined(separator: ",")
    }

    /// A profile read back from its column; a row the rules would refuse is corrupt.
    static func stored(_ text: String) throws -> QuarterlyProfile {
        switch text {
        case "equalSteps": return .equalSteps
        case "equalQuarters": return .equalQuarters
        default:
            guard text.hasPrefix("seasonal:") else { throw CorruptRow(message: "stored profile \(text) is not a profile") }
            let shares = text.dropFirst("seasonal:".count).split(separator: ",").compactMap { Double(String($0)) }
            return .seasonal(shares)
        }
    }

    /// The API's and a plan file's spelling of a profile name, with seasonal shares.
    public static func parse(kind: String, shares: [Double]?) throws(RuleViolation) -> QuarterlyProfile {
        switch kind {
        case "equalSteps": return .equalSteps
        case "equalQuarters": return .equalQuarters
        case "seasonal":
            guard let shares else { throw RuleViolation(value: kind, rule: "needs its shares: the part of the year reached by the end of Q1, Q2 and Q3") }
            return .seasonal(shares)
        default:
            throw RuleViolation(value: kind, rule: "is not one of equalSteps, equalQuarters, seasonal")
        }
    }
}
