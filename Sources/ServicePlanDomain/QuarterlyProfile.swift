/// How a year's target is spread over its quarters, for judging each quarter (issue #12 part 2).
/// Without a profile a snapshot indicator meets the whole target every quarter and a cumulative
/// one T × q/4; a profile replaces that (docs/status-rules.md).
public enum QuarterlyProfile: Hashable, Sendable {
    /// Snapshot: four equal steps from last year's target (or the baseline, when it is last
    /// year's) to this year's: T₋₁ + (T − T₋₁) × q/4.
    case equalSteps
    /// Cumulative: an equal share each quarter, T × q/4 (the default, made explicit).
    case equalQuarters
    /// Cumulative: the year's target shared as last year's quarters were: the share of the year
    /// reached by the end of Q1, Q2 and Q3 (Q4's is the whole), each in (0, 1], never falling.
    case seasonal([Double])

    /// The plan file's and the API's word for it: `equalSteps`, `equalQuarters`, `seasonal`.
    public var name: String {
        switch self {
        case .equalSteps: return "equalSteps"
        case .equalQuarters: return "equalQuarters"
        case .seasonal: return "seasonal"
        }
    }

    /// `seasonal 22.5% / 47% / 73.5%` for the audit trail and pages.
    public var text: String {
        guard case .seasonal(let shares) = self else { return name }
        return "seasonal " + shares.map { Figure.format(($0 * 1000).rounded() / 10) + "%" }.joined(separator: " / ")
    }

    /// Checks the profile against the indicator's aggregation and, for a seasonal one, its shares.
    public func check(for aggregation: Aggregation) throws(RuleViolation) {
        switch (self, aggregation) {
        case (.equalSteps, .cumulative):
            throw RuleViolation(value: name, rule: "is for snapshot indicators; a year-to-date count takes equalQuarters or seasonal")
        case (.equalQuarters, .snapshot), (.seasonal, .snapshot):
            throw RuleViolation(value: name, rule: "is for year-to-date (cumulative) indicators; a snapshot takes equalSteps")
        case (.seasonal(let shares), .cumulative):
            guard shares.count == 3, shares.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= 1 }), shares == shares.sorted() else {
                throw RuleViolation(value: text, rule: "needs three shares of the year (Q1, Q2, Q3), each above 0 and at most 1, never falling")
            }
        default:
            return
        }
    }

    /// A seasonal profile from a year's year-to-date figures (quarter number → value): nil unless
    /// all four quarters are known, the year's total is above 0 and the counts never fall.
    public static func seasonal(fromYearToDate figures: [Int: Double]) -> QuarterlyProfile? {
        guard let q1 = figures[1], let q2 = figures[2], let q3 = figures[3], let year = figures[4], year > 0,
              [q1, q2, q3, year].allSatisfy(\.isFinite), q1 > 0, q1 <= q2, q2 <= q3, q3 <= year else { return nil }
        return .seasonal([q1 / year, q2 / year, q3 / year])
    }
}

extension Indicator {
    /// The quarter's target as the report and the return form show it: the year's target, or,
    /// where the quarter has its own share, "41.4% by Q2 2010/11 (42.2% for the year)". Nil
    /// without a numeric target for the year.
    public func quarterTargetText(_ quarter: Quarter) -> String? {
        guard let t = targets[quarter.year]?.number else { return nil }
        let share = quarterTarget(quarter) ?? t
        return share != t ? "\(unit.displayToTenth(share)) by \(quarter.label) (\(unit.display(t)) for the year)" : unit.display(t)
    }

    /// The target quarter `quarter` of its year is judged against: the year's target spread by
    /// the indicator's profile (or the default: the whole target for a snapshot, T × q/4 for a
    /// year-to-date count). Nil without a numeric target for the year.
    public func quarterTarget(_ quarter: Quarter) -> Double? {
        guard let t = targets[quarter.year]?.number else { return nil }
        let q = Double(quarter.number)
        switch (profile, aggregation) {
        case (.equalSteps?, .snapshot):
            let previous = quarter.year.previous
            let before = targets[previous]?.number ?? (baseline.year == previous ? baseline.value.number : nil)
            guard let before else { return t }
            return before + (t - before) * q / 4
        case (.seasonal(let shares)?, .cumulative) where shares.count == 3:
            return quarter.number == 4 ? t : t * shares[quarter.number - 1]
        default:
            return StatusRules.comparisonTarget(t, aggregation: aggregation, quarter: quarter.number)
        }
    }
}
