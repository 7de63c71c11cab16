/// Target trajectories (issue #12 part 2): yearly targets on a straight line from where an
/// indicator starts to where the plan means it to end, the later years re-balanced when one
/// year's target changes, and the line to a national benchmark by the plan's last year.
public enum Trajectory {
    /// The targets of each year after `start` up to `end` on the straight line between them,
    /// rounded as the unit shows targets (whole counts, otherwise one decimal place). Empty when
    /// `end` is not after `start`.
    public static func straightLine(from start: (year: FinancialYear, value: Double), to end: (year: FinancialYear, value: Double),
                                    unit: IndicatorUnit) -> [FinancialYear: Double] {
        let span = end.year.startYear - start.year.startYear
        // A yes/no target has no values between: no line runs from no to yes.
        guard span > 0, start.value.isFinite, end.value.isFinite, unit != .yesNo else { return [:] }
        var targets: [FinancialYear: Double] = [:]
        for step in 1...span {
            let year = FinancialYear(startYear: start.year.startYear + step)
            targets[year] = step == span ? end.value : rounded(start.value + (end.value - start.value) * Double(step) / Double(span), unit)
        }
        return targets
    }

    /// The plan's yearly targets on the straight line from the indicator's baseline to its end
    /// target (the plan's last year's): nil without a numeric baseline before the last year or
    /// without a numeric end target.
    public static func fromBaseline(_ indicator: Indicator, period: PlanPeriod) -> [FinancialYear: Double]? {
        guard let base = indicator.baseline.value.number, let end = indicator.targets[period.last]?.number,
              indicator.baseline.year < period.last else { return nil }
        return straightLine(from: (indicator.baseline.year, base), to: (period.last, end), unit: indicator.unit)
            .filter { period.contains($0.key) }
    }

    /// The targets with the years after `changed` (and before the plan's last year) re-balanced
    /// on the straight line from `changed`'s target to the end target, so the end target holds.
    /// Unchanged when either target is not a number or `changed` is the last year.
    public static func rebalanced(_ targets: [FinancialYear: Figure], after changed: FinancialYear, period: PlanPeriod,
                                  unit: IndicatorUnit) -> [FinancialYear: Figure] {
        guard let from = targets[changed]?.number, let end = targets[period.last]?.number, changed < period.last else { return targets }
        var result = targets
        for (year, value) in straightLine(from: (changed, from), to: (period.last, end), unit: unit) where year < period.last {
            result[year] = .value(value)
        }
        return result
    }

    /// The targets needed to reach `goal` (a national top-quartile threshold, or the comparison
    /// group's median) by the plan's last year, on the straight line from the latest year whose
    /// figure is known (a recorded actual, else the baseline): nil when nothing is known, or the
    /// latest known year is already the last. A goal already beaten is no reason to aim lower:
    /// the plan's own end target stands when it is better.
    public static func toGoal(_ goal: Double, indicator: Indicator, period: PlanPeriod) -> [FinancialYear: Double]? {
        let known = indicator.actuals.compactMap { year, figure in figure.number.map { (year, $0) } }.filter { $0.0 < period.last }
            .max { $0.0 < $1.0 }
            ?? indicator.baseline.value.number.map { (indicator.baseline.year, $0) }
        guard let (year, value) = known, year < period.last, goal.isFinite else { return nil }
        var end = goal
        if let own = indicator.targets[period.last]?.number, indicator.polarity.sign * (own - goal) > 0 { end = own }
        return straightLine(from: (year, value), to: (period.last, end), unit: indicator.unit).filter { period.contains($0.key) }
    }

    static func rounded(_ x: Double, _ unit: IndicatorUnit) -> Double {
        unit == .count ? x.rounded() : (x * 10).rounded() / 10
    }
}
