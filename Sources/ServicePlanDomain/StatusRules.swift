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
        return status(actual: actual, quarterTarget: Self.comparisonTarget(t, aggregation: aggregation, quarter: quarter), polarity: polarity)
    }

    /// The status against the quarter's own target T′ (`Indicator.quarterTarget`, which a
    /// quarterly profile sets); no target without one.
    public func status(actual: Double, quarterTarget tPrime: Double?, polarity: Polarity) -> RAGStatus {
        guard let tPrime else { return .noTarget }
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

    /// The projected year-end outturn with its 80 % prediction interval, and the status at the
    /// outturn and at each end of the interval (docs/status-rules.md, "Forecast"). `actuals` and
    /// `lastYear` map quarter number → value; only quarters up to `quarter` are used. Nil when
    /// this year has no figure; `.tooFewQuarters` when there are fewer than three points for a
    /// trend, rather than one number dressed as a prediction.
    public func forecast(actuals: [Int: Double], upTo quarter: Int, target: Figure, polarity: Polarity,
                         aggregation: Aggregation, lastYear: [Int: Double] = [:], unit: IndicatorUnit = .number) -> Forecast? {
        let known = actuals.filter { (1...min(quarter, 4)).contains($0.key) && $0.value.isFinite }.sorted { $0.key < $1.key }
        guard let latest = known.last else { return nil }
        // A trend through yeses and noes predicts nothing.
        if unit == .yesNo && latest.key < 4 { return .notForUnit }
        func judged(_ outturn: Double, _ low: Double, _ high: Double, _ method: Forecast.Method) -> Forecast {
            // Cut to what the unit allows: no percentage above 100, no count below 0.
            let limits = unit.limits ?? -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
            let (outturn, low, high) = (outturn.clamped(to: limits), low.clamped(to: limits), high.clamped(to: limits))
            let judge = { (x: Double) in self.status(actual: x, target: target, polarity: polarity, aggregation: .snapshot, quarter: 4) }
            return .projected(.init(outturn: outturn, low: low, high: high, status: judge(outturn), lowStatus: judge(low),
                                    highStatus: judge(high), method: method))
        }
        // The fourth quarter's figure is the year's outturn: nothing is left to predict.
        if latest.key == 4 { return judged(latest.value, latest.value, latest.value, .yearEndActual) }
        let points: [(Double, Double)]
        switch aggregation {
        case .snapshot:
            points = Self.latestFour(this: known.map { (Double($0.key), $0.value) },
                                     last: lastYear.filter { (1...4).contains($0.key) && $0.value.isFinite }.map { (Double($0.key - 4), $0.value) })
        case .cumulative:
            points = Self.latestFour(this: Self.increments(Dictionary(uniqueKeysWithValues: known)),
                                     last: Self.increments(lastYear).map { ($0.0 - 4, $0.1) })
        }
        guard points.count >= 3, let fit = LeastSquares(points) else {
            // A year-to-date count early in the year is projected pro rata, as councils do: the
            // year so far × 4 ÷ quarters gone (23 at Q2 → 46). With no trend to judge it by, the
            // interval is wide on purpose: from the remaining quarters adding nothing to their
            // adding twice the rate so far (23 at Q2: 23 to 69).
            if aggregation == .cumulative {
                let gone = Double(latest.key), outturn = latest.value * 4 / gone
                let half = abs(latest.value) * (4 - gone) / gone
                return judged(outturn, outturn - half, outturn + half, .proRata)
            }
            return .tooFewQuarters(points: points.count, needed: 3)
        }
        switch aggregation {
        case .snapshot:
            let (y, half) = fit.predict(at: [4])
            return judged(y, y - half, y + half, .trend)
        case .cumulative:
            // The year to date plus the line's figure for each quarter still to come.
            let remaining = ((latest.key + 1)...4).map(Double.init)
            let (sum, half) = fit.predict(at: remaining)
            let outturn = latest.value + sum
            return judged(outturn, outturn - half, outturn + half, .trendOfQuarterlyIncrements)
        }
    }

    /// This year's points and, while there are fewer than four, the latest of last year's before
    /// them (placed at 0, −1, …: last year's Q4, Q3, …), so a trend early in the year reaches back.
    static func latestFour(this: [(Double, Double)], last: [(Double, Double)]) -> [(Double, Double)] {
        let borrowed = last.sorted { $0.0 > $1.0 }.prefix(max(0, 4 - this.count)).reversed()
        return Array(borrowed) + this.sorted { $0.0 < $1.0 }
    }

    /// A cumulative indicator's quarterly figures from its year-to-date ones: Q1's as it is, each
    /// later one less the quarter before (skipped when that quarter is missing).
    static func increments(_ yearToDate: [Int: Double]) -> [(Double, Double)] {
        yearToDate.keys.filter { (1...4).contains($0) }.sorted().compactMap { q in
            guard let value = yearToDate[q], value.isFinite else { return nil }
            if q == 1 { return (1, value) }
            guard let before = yearToDate[q - 1], before.isFinite else { return nil }
            return (Double(q), value - before)
        }
    }
}

/// An ordinary least-squares line y = a + b·x and the 80 % prediction interval for the sum of new
/// observations at given x (one x: the usual interval for one new observation).
struct LeastSquares {
    let n: Double, meanX: Double, meanY: Double, sxx: Double, slope: Double
    /// The residual standard error, with n − 2 degrees of freedom; nil with two points.
    let residualSD: Double?

    init?(_ points: [(Double, Double)]) {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.0 } / n, my = points.reduce(0) { $0 + $1.1 } / n
        let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        guard sxx > 0, sxx.isFinite else { return nil }
        let b = points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
        let sse = points.reduce(0) { r, p in let e = p.1 - (my + b * (p.0 - mx)); return r + e * e }
        (self.n, meanX, meanY, self.sxx, slope) = (n, mx, my, sxx, b)
        residualSD = points.count > 2 ? (sse / (n - 2)).squareRoot() : nil
    }

    func value(at x: Double) -> Double { meanY + slope * (x - meanX) }

    /// The predicted sum at `xs` and the half-width of its 80 % prediction interval:
    /// t(0.90, n − 2) · s · √(m + m²/n + (Σ(xⱼ − x̄))² / Sxx) for m new observations.
    func predict(at xs: [Double]) -> (sum: Double, halfWidth: Double) {
        let m = Double(xs.count)
        let sum = xs.reduce(0) { $0 + value(at: $1) }
        guard let s = residualSD else { return (sum, 0) }
        let spread = xs.reduce(0) { $0 + ($1 - meanX) }
        let half = Self.t90(degreesOfFreedom: Int(n) - 2) * s * (m + m * m / n + spread * spread / sxx).squareRoot()
        return (sum, half)
    }

    /// Student's t at 0.90 (so an interval between the 10th and 90th percentiles holds 80 %),
    /// to ten places (scipy's t.ppf); past 10 degrees of freedom the normal 1.2816 is within 7 %.
    static func t90(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [3.0776835372, 1.8856180832, 1.6377443537, 1.5332062741, 1.4758840488,
                               1.4397557473, 1.4149239277, 1.3968153097, 1.3830287384, 1.3721836411]
        return df >= 1 && df <= table.count ? table[df - 1] : 1.2815515655
    }
}

/// A year-end forecast: the projected outturn with its 80 % prediction interval and the status
/// at each, or why there is none.
public enum Forecast: Hashable, Sendable {
    case projected(Projection)
    /// Fewer points than a trend needs: no figure is offered.
    case tooFewQuarters(points: Int, needed: Int)
    /// A yes/no indicator: no trend is drawn through yeses and noes.
    case notForUnit

    public struct Projection: Hashable, Sendable {
        public let outturn: Double
        public let low: Double
        public let high: Double
        public let status: RAGStatus
        /// The status the low and high ends of the interval would earn.
        public let lowStatus: RAGStatus
        public let highStatus: RAGStatus
        public let method: Method

        public init(outturn: Double, low: Double, high: Double, status: RAGStatus, lowStatus: RAGStatus, highStatus: RAGStatus, method: Method) {
            self.outturn = outturn
            self.low = low
            self.high = high
            self.status = status
            self.lowStatus = lowStatus
            self.highStatus = highStatus
            self.method = method
        }

        /// The statuses within reach other than the likely one: worse first.
        public var possibleStatuses: [RAGStatus] {
            var seen: [RAGStatus] = []
            for s in [lowStatus, highStatus].sorted(by: { $0.severity > $1.severity }) where s != status && !seen.contains(s) { seen.append(s) }
            return seen
        }
    }

    /// How the outturn was projected.
    public enum Method: String, Choice {
        /// The least-squares line through the latest four quarters' figures, at Q4.
        case trend
        /// A cumulative indicator: the year to date plus the least-squares line through the latest
        /// four quarterly increments, summed over the quarters to come.
        case trendOfQuarterlyIncrements
        /// Q4's figure: the year is over.
        case yearEndActual
        /// A cumulative indicator with too few quarterly figures for a trend: the year to date
        /// scaled to four quarters, with a deliberately wide interval.
        case proRata

        public var label: String {
            switch self {
            case .trend: return "least-squares trend of the latest four quarters"
            case .trendOfQuarterlyIncrements: return "year to date plus the least-squares trend of the latest four quarterly figures"
            case .yearEndActual: return "the fourth quarter's figure"
            case .proRata: return "the year to date scaled to the whole year (too few quarters for a trend)"
            }
        }
    }

    public var projection: Projection? {
        if case .projected(let p) = self { return p }
        return nil
    }

    /// Why there is no figure, in words; nil when there is one.
    public var reason: String? {
        switch self {
        case .projected: return nil
        case .tooFewQuarters(let points, let needed): return "Too few quarters to forecast: \(points) of the \(needed) quarterly figures a trend needs."
        case .notForUnit: return "A yes/no line is not forecast: a trend through yeses and noes predicts nothing."
        }
    }
}

extension Double {
    func clamped(to limits: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, limits.lowerBound), limits.upperBound) }
}

extension RAGStatus {
    /// For ordering "possibly …": red is the most severe, no target the least telling.
    var severity: Int {
        switch self {
        case .red: return 3
        case .amber: return 2
        case .green: return 1
        case .noTarget: return 0
        }
    }
}
