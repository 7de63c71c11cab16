/// The rules that judge a quarter's actual (docs/status-rules.md). With T the year's target, A the
/// actual, s = +1 when higher is better and −1 when lower is better, and T′ = T (snapshot) or
/// T × q/4 (cumulative):
/// green when s·(A − T′) ≥ 0; amber when s·(T′ − A) ≤ tol·|T′|; red otherwise; no target when T
/// is missing.
public struct StatusRules: Hashable, Sendable {
    /// How far short of target (a fraction of |T′|) still counts as amber: 0.10 by default.
    public let tolerance: Double

    public init(tolerance: Double = 0.10) throws(RuleViolation) {
        guard tolerance >= 0, tolerance < 1, tolerance.isFinite else {
            throw RuleViolation(value: Figure.format(tolerance), rule: "is not a tolerance from 0 up to (not including) 1")
        }
        self.tolerance = tolerance
    }

    private init(checkedTolerance: Double) {
        tolerance = checkedTolerance
    }

    /// The default rules: 10 % tolerance.
    public static let standard = StatusRules(checkedTolerance: MonitoringConfiguration.defaultTolerance)

    /// Comparisons forgive binary rounding (40.5 − 36.45 is 4.049999…): differences within a
    /// billionth of the target count as equal.
    private static func slack(_ scale: Double) -> Double { 1e-9 * max(1, abs(scale)) }

    /// The target a quarter's actual is compared with: the whole target, or its pro-rata share.
    public static func comparisonTarget(_ target: Double, aggregation: Aggregation, quarter: Int) -> Double {
        aggregation == .cumulative ? target * Double(quarter) / 4 : target
    }

    public func status(actual: Double, target: Figure, polarity: Polarity, aggregation: Aggregation, quarter: Int) -> RAGStatus {
        guard let t = target.number else { return .noTarget }
        let tPrime = Self.comparisonTarget(t, aggregation: aggregation, quarter: quarter)
        let s = polarity.sign
        if s * (actual - tPrime) >= -Self.slack(tPrime) { return .green }
        if s * (tPrime - actual) <= tolerance * abs(tPrime) + Self.slack(tPrime) { return .amber }
        return .red
    }

    /// Better, same or worse than `previous`; not comparable without one.
    public static func direction(actual: Double, previous: Double?, polarity: Polarity) -> Direction {
        guard let previous else { return .notComparable }
        let change = polarity.sign * (actual - previous)
        if abs(actual - previous) <= slack(previous) { return .same }
        return change > 0 ? .better : .worse
    }

    /// The projected year-end outturn from this year's actuals so far (quarter number → value),
    /// and the status it would earn against the full-year target. A snapshot indicator with only
    /// one quarter this year draws its trend through last year's quarters too (`lastYear`, quarter
    /// number → value, from the same plan or the department's previous one): one point is no trend.
    public func forecast(actuals: [Int: Double], upTo quarter: Int, target: Figure, polarity: Polarity,
                         aggregation: Aggregation, lastYear: [Int: Double] = [:]) -> Forecast? {
        let known = actuals.filter { $0.key >= 1 && $0.key <= quarter }.sorted { $0.key < $1.key }
        guard let latest = known.last else { return nil }
        let outturn: Double
        switch aggregation {
        case .cumulative:
            outturn = latest.value * 4 / Double(latest.key)
        case .snapshot:
            var points = known.map { (Double($0.key), $0.value) }
            if points.count < 2 {
                // The latest of last year's quarters, placed before this year's first (Q4 at 0, Q3 at −1, …).
                let earlier = lastYear.filter { (1...4).contains($0.key) }.sorted { $0.key > $1.key }.prefix(4 - points.count)
                points = earlier.map { (Double($0.key - 4), $0.value) }.reversed() + points
            }
            outturn = points.count >= 2 ? Self.trend(points, at: 4) : latest.value
        }
        return Forecast(outturn: outturn,
                        status: status(actual: outturn, target: target, polarity: polarity, aggregation: .snapshot, quarter: 4))
    }

    /// The least-squares line through `points`, evaluated at `x`.
    static func trend(_ points: [(Double, Double)], at x: Double) -> Double {
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.0 } / n, meanY = points.reduce(0) { $0 + $1.1 } / n
        let sxx = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
        guard sxx > 0 else { return meanY }
        let sxy = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        return meanY + (sxy / sxx) * (x - meanX)
    }
}

/// A projected year-end outturn and the status it would earn.
public struct Forecast: Hashable, Sendable {
    public let outturn: Double
    public let status: RAGStatus

    public init(outturn: Double, status: RAGStatus) {
        self.outturn = outturn
        self.status = status
    }
}
