/// The overall level of a risk score (service plan section 3.6): 1–4 LOW, 5–10 MEDIUM, 11–16 HIGH.
public enum RiskBand: String, CaseIterable, Hashable, Sendable, Comparable {
    case low, medium, high

    /// The band for a score of 1…16.
    public init(score: Int) {
        switch score {
        case ...4: self = .low
        case 5...10: self = .medium
        default: self = .high
        }
    }

    /// `LOW`, as the plan prints it.
    public var label: String { rawValue.uppercased() }

    public static func < (a: RiskBand, b: RiskBand) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
