/// What a plan says about a risk at one point (initial: before the control measures; residual: after).
public enum RiskAssessment: Hashable, Sendable {
    case rated(RiskRating)
    /// The band is known (e.g. the risk is listed among the high risks) but the score was lost.
    case bandOnly(RiskBand, MissingReason)
    case unknown(MissingReason)

    public var score: Int? {
        if case .rated(let r) = self { return r.score }
        return nil
    }

    public var band: RiskBand? {
        switch self {
        case .rated(let r): return r.band
        case .bandOnly(let b, _): return b
        case .unknown: return nil
        }
    }

    public var missingReason: MissingReason? {
        switch self {
        case .rated: return nil
        case .bandOnly(_, let r), .unknown(let r): return r
        }
    }
}

/// The pair of assessments every service objective carries.
public struct RiskProfile: Hashable, Sendable {
    public var initial: RiskAssessment
    public var residual: RiskAssessment

    public init(initial: RiskAssessment, residual: RiskAssessment) {
        self.initial = initial
        self.residual = residual
    }
}
