/// A first draft of an indicator line's commentary, written from its figures: the status and the
/// margin against target, the direction against the same quarter last year and the previous
/// quarter, the year-end forecast and its range, and the quartile position. The officer edits it
/// before keeping it; it is never stored or published unless they do (docs/status-rules.md).
public enum DraftCommentary {
    /// The draft for `line` in `quarter`; nil when the line has no actual to write about.
    public static func text(for line: ReturnAssessment.IndicatorLine, quarter: Quarter) -> String? {
        guard let actual = line.entry?.actual, actual.isFinite else { return nil }
        let i = line.indicator
        return [standing(i, actual: actual, target: line.target, status: line.status, quarter: quarter),
                direction(line, quarter: quarter),
                forecast(line),
                quartile(i, actual: actual, year: quarter.year)].compactMap { $0 }.joined(separator: " ")
    }

    /// "At 41.2% in 2009/10 Q2, NI80 is on target: 0.7 percentage points above the target of 40.5%."
    static func standing(_ i: Indicator, actual: Double, target: Figure, status: RAGStatus?, quarter: Quarter) -> String {
        let opening = "At \(i.unit.display(actual)) in \(quarter.label), \(i.ref)"
        guard let t = target.number else {
            let why = target.missingReason.map { " (\($0.rawValue))" } ?? ""
            return "\(opening) has no target for \(quarter.year.label)\(why), so no status is given."
        }
        // The quarter's share of the year's target: the indicator's profile, or the default.
        let tPrime = i.quarterTarget(quarter) ?? t
        let targetText = tPrime != t
            ? "the target of \(shown(i, tPrime)) by \(quarter.label) (\(shown(i, t)) for the year)"
            : "the target of \(shown(i, t))"
        let state: String
        switch status {
        case .green: state = "is on target"
        case .amber: state = "is slightly off target"
        case .red: state = "is off target"
        default: state = "has no status"
        }
        let gap = actual - tPrime
        if abs(gap) <= 1e-9 * max(1, abs(tPrime)) { return "\(opening) \(state): exactly \(targetText)." }
        if i.unit == .yesNo { return "\(opening) \(state) against \(targetText)." }
        return "\(opening) \(state): \(margin(i, abs(gap))) \(gap > 0 ? "above" : "below") \(targetText)."
    }

    /// "It is better than the same quarter last year (40.1%) and the same as the previous quarter (41.2%)."
    static func direction(_ line: ReturnAssessment.IndicatorLine, quarter: Quarter) -> String {
        let i = line.indicator
        func part(_ d: Direction, _ what: String, _ value: Double?) -> String? {
            guard d != .notComparable, let value else { return nil }
            let relation = d == .better ? "better than" : d == .worse ? "worse than" : "the same as"
            return "\(relation) \(what) (\(i.unit.display(value)))"
        }
        let year = part(line.directionOnLastYear, "the same quarter last year", line.sameQuarterLastYear)
        let previous = part(line.directionOnLastQuarter, "the previous quarter", line.previousQuarter)
        let noPrevious = i.aggregation == .cumulative && quarter.number == 1
            ? "the year-to-date count starts again in April, so there is no previous quarter to compare with"
            : "there is no figure for the previous quarter to compare with"
        switch (year, previous) {
        case let (y?, p?): return "It is \(y) and \(p)."
        case let (y?, nil): return "It is \(y); \(noPrevious)."
        case let (nil, p?): return "It is \(p); there is no figure for the same quarter last year to compare with."
        case (nil, nil): return "There is no figure for the same quarter last year to compare with; \(noPrevious)."
        }
    }

    /// "The year-end forecast is 41.7%, between 32.5% and 50.8%: likely on target, possibly off target."
    static func forecast(_ line: ReturnAssessment.IndicatorLine) -> String? {
        guard let f = line.forecast, f != .notForUnit else { return nil }
        guard let p = f.projection else { return "There are too few quarters yet to forecast the year end." }
        if p.method == .yearEndActual { return nil }
        return "The year-end forecast is \(f.sentence(line.indicator.unit))."
    }

    /// "Against the All-England quartiles for 2008/09, 41.2% would be in the upper middle quartile (median 40%)."
    static func quartile(_ i: Indicator, actual: Double, year: FinancialYear) -> String? {
        guard let (qYear, q) = i.quartiles.filter({ $0.key <= year }).max(by: { $0.key < $1.key }),
              let top = q.top.number, let middle = q.middle.number, let bottom = q.bottom.number else { return nil }
        let s = i.polarity.sign
        let position: Benchmarking.Position = s * (actual - top) >= 0 ? .top
            : s * (actual - middle) >= 0 ? .upperMiddle : s * (actual - bottom) >= 0 ? .lowerMiddle : .bottom
        return "Against the All-England quartiles for \(qYear.label), \(i.unit.display(actual)) would be in the "
            + "\(position.label.lowercased()) (top quartile from \(i.unit.display(top)), median \(i.unit.display(middle)))."
    }

    static func shown(_ i: Indicator, _ x: Double) -> String { i.unit.displayToTenth(x) }

    /// The size of a gap: percentage points for percentages, the unit's own figure otherwise.
    static func margin(_ i: Indicator, _ gap: Double) -> String {
        let rounded = (gap * 10).rounded() / 10
        let x = rounded == 0 ? gap : rounded
        switch i.unit {
        case .percentage: return "\(Figure.format(x)) percentage point\(x == 1 ? "" : "s")"
        default: return i.unit.display(x)
        }
    }
}
