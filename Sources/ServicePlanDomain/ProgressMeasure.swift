
/// How far an indicator has come toward the plan's end target, by the Open SDG progress
/// measure (open-sdg's docs/progress-methodology.md, as sdg-build's `sdg/ProgressMeasure.py`
/// computes it), beside each quarter's RAG status, which judges one quarter against its year.
public enum ProgressStatus: String, Sendable, Codable, CaseIterable {
    case targetAchieved, onTrack, moderateProgress, limitedProgress, deterioration, notEnoughData

    public var label: String {
        switch self {
        case .targetAchieved: return "Target achieved"
        case .onTrack: return "On track"
        case .moderateProgress: return "Moderate progress"
        case .limitedProgress: return "Limited progress"
        case .deterioration: return "Deterioration"
        case .notEnoughData: return "Not enough data"
        }
    }
}

/// The measure for one indicator: from a base year's value to the latest year's, against the
/// end target's year and value when there is one.
///
/// - With a target: the compound annual growth observed since the base year over the growth
///   the target requires, `ratio`; on track at 0.95 or more, moderate from 0.6, limited from 0,
///   deterioration below 0.
/// - Without: the observed growth itself against 1.5 % and 0.5 % a year, both scaled by `C`,
///   which shrinks toward 0 as the base value nears the indicator's natural limit (100 % for a
///   percentage where higher is better, 0 where lower is better): `1 − (base/limit)^4.44` below
///   the limit, `1 − ((2·limit − base)/limit)^4.44` between it and twice it, 1 beyond.
/// - A current value at or past the target is "target achieved" whatever the growth (the value
///   is still given when it can be computed).
/// - A base or target of 0 is taken as 0.001 (growth from 0 is undefined); a base and a current
///   value of opposite signs, or fewer than two years between base and current, give no measure.
/// - Direction from the indicator's polarity; the sign of the base value turns the growth of a
///   negative series the right way round.
public struct ProgressMeasure: Hashable, Sendable {
    /// A year's value: the financial year's start (2009 for 2009/10) and the figure.
    public struct Point: Hashable, Sendable {
        public let year: Int
        public let value: Double
        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public let status: ProgressStatus
    /// With a target: observed over required growth. Without: the observed growth a year.
    /// Nil when there is no measure or the value is not finite (a target equal to the base).
    public let value: Double?
    public let base: Point?
    public let current: Point?
    public let target: Point?
    /// The natural-limit scaling of the thresholds (1 with a target or no limit).
    public let coefficient: Double
    /// The latest figure came from a return marked as example data: shown so wherever the
    /// measure is.
    public var fromExampleData = false

    public static let onTrackRatio = 0.95
    public static let moderateRatio = 0.6
    public static let substantialGrowth = 0.015
    public static let moderateGrowth = 0.005
    static let limitExponent = 4.44

    /// The measure from `base` to `current`, toward `target` (nil: none set) where higher is
    /// better or not, with the natural `limit` used only without a target.
    public static func measure(base: Point, current: Point, target: Point?, higherIsBetter: Bool, limit: Double?) -> ProgressMeasure {
        let direction: Double = higherIsBetter ? 1 : -1
        let target = target.map { Point(year: $0.year, value: $0.value == 0 ? 0.001 : $0.value) }
        let baseValue = base.value == 0 ? 0.001 : base.value
        let sign: Double = baseValue < 0 ? -1 : 1
        let coefficient = target == nil ? Self.coefficient(base: base.value, limit: limit) : 1
        func result(_ status: ProgressStatus, _ value: Double?) -> ProgressMeasure {
            ProgressMeasure(status: status, value: value.flatMap { $0.isFinite ? $0 : nil }, base: base, current: current,
                            target: target, coefficient: coefficient)
        }
        // Reaching the target decides the status whatever the growth; the value is still given
        // when it can be computed, as sdg-build gives it.
        let achieved = target.map { higherIsBetter ? current.value >= $0.value : current.value <= $0.value } ?? false
        guard current.year - base.year >= 1, !(baseValue > 0 && current.value < 0), !(baseValue < 0 && current.value > 0) else {
            return result(achieved ? .targetAchieved : .notEnoughData, nil)
        }
        let observed = growth(from: baseValue, base.year, to: current.value, current.year)
        let value: Double
        let (high, moderate): (Double, Double)
        if let target {
            value = sign * direction * observed / abs(growth(from: baseValue, base.year, to: target.value, target.year))
            (high, moderate) = (onTrackRatio, moderateRatio)
        } else {
            value = sign * direction * observed
            (high, moderate) = (substantialGrowth * coefficient, moderateGrowth * coefficient)
        }
        // NaN (no growth required and none seen) compares false with every threshold, as in
        // sdg-build, and so is no measure.
        if achieved { return result(.targetAchieved, value) }
        if value >= high { return result(.onTrack, value) }
        if value >= moderate { return result(.moderateProgress, value) }
        if value >= 0 { return result(.limitedProgress, value) }
        if value < 0 { return result(.deterioration, value) }
        return result(.notEnoughData, nil)
    }

    /// Compound annual growth from `a` in year `t0` to `b` in year `t1`.
    static func growth(from a: Double, _ t0: Int, to b: Double, _ t1: Int) -> Double {
        RealFunctions.pow(b / a, 1 / Double(t1 - t0)) - 1
    }

    static func coefficient(base: Double, limit: Double?) -> Double {
        guard let limit else { return 1 }
        let (b, l) = (abs(base), abs(limit))
        if b >= 2 * l { return 1 }
        if b <= l { return 1 - RealFunctions.pow(b / l, limitExponent) }
        return 1 - RealFunctions.pow((2 * l - b) / l, limitExponent)
    }
}

extension Indicator {
    /// The indicator's natural limit, for the measure without a target: a percentage cannot pass
    /// 100 (higher is better) or 0 (lower is better). Nil for other units.
    public var naturalLimit: Double? {
        guard unit == .percentage else { return nil }
        return polarity == .higherIsBetter ? 100 : 0
    }

    /// Progress toward the plan's end target (the target for `period`'s last year) from the
    /// baseline — or, without a baseline value, the earliest year known — to the latest year
    /// known. A year is known from the plan's recorded actuals and from a year-end (Q4) return
    /// line in `returns`, which wins where both give one. Fewer than two years apart: not enough data.
    public func progress(period: PlanPeriod, returns: [QuarterlyReturn]) -> ProgressMeasure {
        var years: [Int: Double] = [:]
        var example: Set<Int> = []
        for (year, figure) in actuals { if let v = figure.number { years[year.startYear] = v } }
        for r in returns where r.quarter.number == 4 {
            if let v = r.indicators[ref]?.actual {
                years[r.quarter.year.startYear] = v
                if r.isExample { example.insert(r.quarter.year.startYear) }
            }
        }
        let known = years.sorted { $0.key < $1.key }.map { ProgressMeasure.Point(year: $0.key, value: $0.value) }
        let base = baseline.value.number.map { ProgressMeasure.Point(year: baseline.year.startYear, value: $0) } ?? known.first
        let target = targets[period.last]?.number.map { ProgressMeasure.Point(year: period.last.startYear, value: $0) }
        guard let base, let current = known.last else {
            return ProgressMeasure(status: .notEnoughData, value: nil, base: base, current: nil, target: target,
                                   coefficient: 1)
        }
        var measure = ProgressMeasure.measure(base: base, current: current, target: target,
                                              higherIsBetter: polarity == .higherIsBetter, limit: naturalLimit)
        measure.fromExampleData = example.contains(current.year)
        return measure
    }
}

extension ProgressMeasure {
    /// The measure in words for `indicator`, as the plan page and the report show it:
    /// "On track: from 100 in 2007/08 to 110 in 2009/10, 1.00 times the yearly rate that reaches 121 by 2011/12".
    public func sentence(for indicator: Indicator) -> String {
        let text = plainSentence(for: indicator)
        return fromExampleData ? text + " (the latest figure is example data, not the council's)" : text
    }

    private func plainSentence(for indicator: Indicator) -> String {
        let label = status.label
        func year(_ point: Point) -> String { FinancialYear(startYear: point.year).label }
        func figure(_ point: Point) -> String { indicator.unit.display(point.value) }
        switch status {
        case .notEnoughData:
            if let base, let current, current.year > base.year {
                return label + ": the figures for \(year(base)) and \(year(current)) cannot be compared (one is below zero, the other above)"
            }
            var text = label + ": it needs a baseline and a year-end figure for a later year"
            if let base { text += " (baseline \(figure(base)) in \(year(base)))" }
            return text
        case .targetAchieved:
            guard let current, let target else { return label }
            return label + ": \(figure(current)) in \(year(current)) against \(figure(target)) for \(year(target))"
        default:
            guard let base, let current else { return label }
            let span: String = "from \(figure(base)) in \(year(base)) to \(figure(current)) in \(year(current))"
            if let target {
                guard let value else { return label + ": " + span + "; the end target asks for no change from the baseline" }
                let rate: String = Self.decimal(value, scale: 1)
                return label + ": " + span + ", \(rate) times the yearly rate that reaches \(figure(target)) by \(year(target))"
            }
            guard let value else { return label + ": " + span }
            let percent: String = Self.decimal(value, scale: 100)
            let lowerNote: String = indicator.polarity == .higherIsBetter ? "" : " (lower is better: a fall counts as growth)"
            return label + ": " + span + ", \(percent)% a year" + lowerNote + "; no end target is set"
        }
    }

    /// `value × scale` to two decimals; past a billion either way (a base near zero can give
    /// any growth at all), "more than" or "less than" a billion rather than a figure that
    /// overflows to "inf".
    static func decimal(_ value: Double, scale: Double) -> String {
        let limit = 1e9
        guard value.isFinite, abs(value) < limit / scale else { return value < 0 ? "less than -1,000,000,000" : "more than 1,000,000,000" }
        // Two decimals by hand (no Foundation here): whole cents, then "whole.cc".
        let cents = (value * scale * 100).rounded()
        let magnitude = Int(abs(cents))
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
