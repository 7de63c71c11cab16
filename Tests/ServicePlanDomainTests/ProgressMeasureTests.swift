import Foundation
import ServicePlanDomain
import Testing

/// The Open SDG progress measure, case by case. The table is what sdg-build's own function
/// (`sdg/ProgressMeasure.py`, `SeriesProgress`, at open-sdg/sdg-build commit 139fede) gave for
/// the same inputs, printed by `scripts/progress-crosscheck.py`: each threshold approached from
/// both sides (0.95, 0.6 and 0 with a target; 1.5 % and 0.5 % a year without, scaled by the
/// natural-limit coefficient), a target reached, zero bases and targets, too few years,
/// opposite signs, a negative series, and a target equal to its base.
@Suite struct ProgressMeasureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let base: ProgressMeasure.Point
        let current: ProgressMeasure.Point
        let target: ProgressMeasure.Point?
        let higherIsBetter: Bool
        let limit: Double?
        let status: ProgressStatus
        let value: Double?

        init(_ name: String, base: (Int, Double), current: (Int, Double), target: (year: Int, value: Double)?, higherIsBetter: Bool,
             limit: Double?, status: ProgressStatus, value: Double?) {
            self.name = name
            self.base = .init(year: base.0, value: base.1)
            self.current = .init(year: current.0, value: current.1)
            self.target = target.map { .init(year: $0.year, value: $0.value) }
            self.higherIsBetter = higherIsBetter
            self.limit = limit
            self.status = status
            self.value = value
        }

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case("on track, exactly the required growth", base: (2007, 100.0), current: (2009, 110.00000000000001), target: (year: 2011, value: 121.0), higherIsBetter: true, limit: nil, status: .onTrack, value: 1.0),
        Case("just above on track", base: (2007, 100.0), current: (2009, 109.48868507905718), target: (year: 2011, value: 121.0), higherIsBetter: true, limit: nil, status: .onTrack, value: 0.9500000999999993),
        Case("just below on track", base: (2007, 100.0), current: (2009, 109.48868303617571), target: (year: 2011, value: 121.0), higherIsBetter: true, limit: nil, status: .moderateProgress, value: 0.9499998999999998),
        Case("just above moderate", base: (2007, 100.0), current: (2009, 105.94282571693189), target: (year: 2011, value: 121.0), higherIsBetter: true, limit: nil, status: .moderateProgress, value: 0.6000001000000007),
        Case("just below moderate", base: (2007, 100.0), current: (2009, 105.9428237074027), target: (year: 2011, value: 121.0), higherIsBetter: true, limit: nil, status: .limitedProgress, value: 0.5999999000000011),
        Case("no change: limited, ratio 0", base: (2007, 100.0), current: (2009, 100.0), target: (year: 2011, value: 121.0), higherIsBetter: true, limit: nil, status: .limitedProgress, value: 0.0),
        Case("just below 0: deterioration", base: (2007, 100.0), current: (2009, 99.9999), target: (year: 2011, value: 121.0), higherIsBetter: true, limit: nil, status: .deterioration, value: -1.0244046801246733e-05),
        Case("falling where higher is better", base: (2007, 100.0), current: (2010, 80.0), target: (year: 2011, value: 121.0), higherIsBetter: true, limit: nil, status: .deterioration, value: -1.4686319379542423),
        Case("target reached early", base: (2007, 100.0), current: (2009, 121.0), target: (year: 2011, value: 121.0), higherIsBetter: true, limit: nil, status: .targetAchieved, value: 2.04880884817015),
        Case("target passed where lower is better", base: (2007, 20.0), current: (2009, 9.0), target: (year: 2011, value: 10.0), higherIsBetter: false, limit: nil, status: .targetAchieved, value: 2.0689641108651906),
        Case("lower is better, on track", base: (2007, 20.0), current: (2009, 15.0), target: (year: 2011, value: 10.0), higherIsBetter: false, limit: nil, status: .moderateProgress, value: 0.8420589418472498),
        Case("lower is better, rising", base: (2007, 20.0), current: (2009, 22.0), target: (year: 2011, value: 10.0), higherIsBetter: false, limit: nil, status: .deterioration, value: -0.30677403182325935),
        Case("target 0 taken as 0.001", base: (2007, 5.0), current: (2010, 2.0), target: (year: 2011, value: 0.0), higherIsBetter: false, limit: nil, status: .limitedProgress, value: 0.2987173841301843),
        Case("base 0 taken as 0.001", base: (2007, 0.0), current: (2009, 3.0), target: (year: 2011, value: 10.0), higherIsBetter: true, limit: nil, status: .onTrack, value: 5.974695083390735),
        Case("one year of data, target not reached", base: (2009, 50.0), current: (2009, 55.0), target: (year: 2011, value: 60.0), higherIsBetter: true, limit: nil, status: .notEnoughData, value: nil),
        Case("one year of data, target reached", base: (2009, 50.0), current: (2009, 65.0), target: (year: 2011, value: 60.0), higherIsBetter: true, limit: nil, status: .targetAchieved, value: nil),
        Case("base and current of opposite signs", base: (2007, -5.0), current: (2009, 5.0), target: (year: 2011, value: 10.0), higherIsBetter: true, limit: nil, status: .notEnoughData, value: nil),
        Case("negative series rising toward its target", base: (2007, -10.0), current: (2009, -8.0), target: (year: 2011, value: -4.0), higherIsBetter: true, limit: nil, status: .limitedProgress, value: 0.515670320928164),
        Case("target equal to base, value moved the right way", base: (2007, 50.0), current: (2009, 49.0), target: (year: 2011, value: 50.0), higherIsBetter: false, limit: nil, status: .targetAchieved, value: nil),
        Case("target equal to base, value moved the wrong way: growth over none required", base: (2007, 50.0), current: (2009, 49.0), target: (year: 2011, value: 50.0), higherIsBetter: true, limit: nil, status: .deterioration, value: nil),
        Case("no target: growth 2 % a year", base: (2007, 100.0), current: (2009, 104.03999999999999), target: nil, higherIsBetter: true, limit: nil, status: .onTrack, value: 0.020000000000000018),
        Case("no target: just above 1.5 %", base: (2007, 100.0), current: (2009, 103.02252030000099), target: nil, higherIsBetter: true, limit: nil, status: .onTrack, value: 0.01500009999999996),
        Case("no target: just below 1.5 %", base: (2007, 100.0), current: (2009, 103.02247970000103), target: nil, higherIsBetter: true, limit: nil, status: .moderateProgress, value: 0.014999900000000066),
        Case("no target: just above 0.5 %", base: (2007, 100.0), current: (2009, 101.002520100001), target: nil, higherIsBetter: true, limit: nil, status: .moderateProgress, value: 0.005000099999999952),
        Case("no target: just below 0.5 %", base: (2007, 100.0), current: (2009, 101.00247990000102), target: nil, higherIsBetter: true, limit: nil, status: .limitedProgress, value: 0.004999900000000057),
        Case("no target: falling", base: (2007, 100.0), current: (2009, 97.0), target: nil, higherIsBetter: true, limit: nil, status: .deterioration, value: -0.015114219820389518),
        Case("no target, lower is better: falling 3 % a year", base: (2007, 100.0), current: (2009, 94.08999999999999), target: nil, higherIsBetter: false, limit: nil, status: .onTrack, value: 0.030000000000000027),
        Case("no target, percentage near its limit of 100: C shrinks the thresholds", base: (2007, 80.0), current: (2009, 81.0), target: nil, higherIsBetter: true, limit: 100.0, status: .moderateProgress, value: 0.0062305898749053235),
        Case("no target, base past the limit (between it and twice it)", base: (2007, 150.0), current: (2009, 152.0), target: nil, higherIsBetter: true, limit: 100.0, status: .moderateProgress, value: 0.006644591369433295),
        Case("no target, lower is better, limit 0: C is 1", base: (2007, 30.0), current: (2009, 29.5), target: nil, higherIsBetter: false, limit: 0.0, status: .moderateProgress, value: 0.008368347957098954),
        Case("no target, at the limit: C is 0", base: (2007, 100.0), current: (2009, 100.0), target: nil, higherIsBetter: true, limit: 100.0, status: .onTrack, value: 0.0),
    ]

    @Test("each case gives sdg-build's status and value", arguments: cases)
    func matchesSDGBuild(_ c: Case) {
        let measure = ProgressMeasure.measure(base: c.base, current: c.current, target: c.target, higherIsBetter: c.higherIsBetter, limit: c.limit)
        #expect(measure.status == c.status)
        switch (measure.value, c.value) {
        case (nil, nil): break
        case (let got?, let expected?): #expect(abs(got - expected) <= 1e-12 * max(1, abs(expected)), "value \(got), sdg-build \(expected)")
        default: Issue.record("value \(String(describing: measure.value)), sdg-build \(String(describing: c.value))")
        }
    }

    static let year = FinancialYear(startYear: 2009)

    static func indicator(unit: IndicatorUnit = .count, polarity: Polarity = .higherIsBetter, baseline: Figure, target: Figure?,
                          actuals: [FinancialYear: Figure] = [:]) -> Indicator {
        var targets: [FinancialYear: Figure] = [:]
        if let target { targets[FinancialYear(startYear: 2011)] = target }
        var indicator = Indicator(ref: "I1", title: "An indicator", category: .quality, scope: .local, isKey: .no, inLocalAreaAgreement: .no,
                                  unit: unit, polarity: polarity, baseline: Baseline(year: FinancialYear(startYear: 2007), value: baseline),
                                  targets: targets)
        indicator.actuals = actuals
        return indicator
    }

    static func yearEnd(_ startYear: Int, _ actual: Double?) -> QuarterlyReturn {
        var r = QuarterlyReturn(planCode: "T", quarter: Quarter(year: FinancialYear(startYear: startYear), number: 4)!, status: .published)
        r.indicators["I1"] = IndicatorEntry(actual: actual, numerator: nil, denominator: nil, commentary: "")
        return r
    }

    static let period = try! PlanPeriod(first: FinancialYear(startYear: 2009), last: FinancialYear(startYear: 2011))

    @Test("an indicator's measure runs from its baseline to the latest year known, toward the plan's last target; a year-end return line counts as that year's figure")
    func fromThePlan() {
        // Baseline 2007/08 100, end target 2011/12 121, the 2008/09 actual 104.88: on track.
        let planned = Self.indicator(baseline: .value(100), target: .value(121), actuals: [FinancialYear(startYear: 2008): .value(104.88)])
        let fromActuals = planned.progress(period: Self.period, returns: [])
        #expect(fromActuals.status == .onTrack)
        #expect(fromActuals.base == .init(year: 2007, value: 100) && fromActuals.current == .init(year: 2008, value: 104.88))
        #expect(fromActuals.target == .init(year: 2011, value: 121))
        // The 2009/10 Q4 line (2009's figure) is later: it decides. Other quarters do not count.
        var q3 = QuarterlyReturn(planCode: "T", quarter: Quarter(year: Self.year, number: 3)!, status: .published)
        q3.indicators["I1"] = IndicatorEntry(actual: 130, numerator: nil, denominator: nil, commentary: "")
        #expect(planned.progress(period: Self.period, returns: [q3]).current?.year == 2008)
        let falling = planned.progress(period: Self.period, returns: [Self.yearEnd(2009, 98)])
        #expect(falling.current == .init(year: 2009, value: 98) && falling.status == .deterioration)
        #expect(planned.progress(period: Self.period, returns: [Self.yearEnd(2009, 125)]).status == .targetAchieved)
    }

    @Test("a base near zero can give any growth at all: the words say more than a billion, never inf (a hostile review)")
    func hugeGrowthInWords() {
        let indicator = Self.indicator(unit: .number, baseline: .value(1e-306), target: .missing(.unknown),
                                       actuals: [FinancialYear(startYear: 2009): .value(50)])
        let measure = indicator.progress(period: Self.period, returns: [])
        #expect(measure.value.map { $0.isFinite } == true)
        let words = measure.sentence(for: indicator)
        #expect(words.contains("more than 1,000,000,000% a year") && !words.contains("inf"), "\(words)")
        let withTarget = Self.indicator(unit: .number, baseline: .value(1e-306), target: .value(1e-305),
                                        actuals: [FinancialYear(startYear: 2009): .value(5e-306)])
        let ratio = withTarget.progress(period: Self.period, returns: []).sentence(for: withTarget)
        #expect(!ratio.contains("inf") && !ratio.contains("nan"), "\(ratio)")
    }

    @Test("without a baseline value the earliest year known is the base; one year alone, or none, is not enough data; no end target measures growth")
    func honestGaps() {
        let newIndicator = Self.indicator(baseline: .missing(.newIndicator), target: .value(50),
                                          actuals: [FinancialYear(startYear: 2008): .value(40)])
        #expect(newIndicator.progress(period: Self.period, returns: []).status == .notEnoughData)
        let twoYears = newIndicator.progress(period: Self.period, returns: [Self.yearEnd(2009, 45)])
        #expect(twoYears.base == .init(year: 2008, value: 40) && twoYears.status == .onTrack)
        #expect(Self.indicator(baseline: .missing(.newIndicator), target: nil).progress(period: Self.period, returns: []).status == .notEnoughData)
        // No end target (TBA): growth against 1.5 % / 0.5 % a year; a percentage near 100 has them scaled down.
        let noTarget = Self.indicator(unit: .percentage, baseline: .value(80), target: .missing(.toBeAgreed),
                                      actuals: [FinancialYear(startYear: 2009): .value(81)])
        let measure = noTarget.progress(period: Self.period, returns: [])
        #expect(measure.target == nil && measure.status == .moderateProgress)
        #expect(abs(measure.coefficient - (1 - pow(0.8, 4.44))) < 1e-12)
    }
}

/// The domain's own logarithm and powers (it imports no maths library) agree with the C library's.
@Suite struct RealFunctionsTests {
    @Test("log, exp and pow agree with the C library to within a few units in the last place")
    func agreesWithLibm() {
        var worst = 0.0
        for x in stride(from: 0.001, through: 1_000, by: 0.37) + [1e-300, 1e-9, 0.5, 1, 2, 1e9, 1e300] {
            worst = max(worst, abs(RealFunctions.log(x) - Foundation.log(x)) / max(1, abs(Foundation.log(x))))
        }
        for x in stride(from: -700.0, through: 700, by: 0.731) {
            worst = max(worst, abs(RealFunctions.exp(x) - Foundation.exp(x)) / Foundation.exp(x))
        }
        for (x, y) in [(1.05, 1.0 / 3), (0.001, 4.44), (2, 10), (1e-6, 0.5), (123.4, 1.0 / 7), (0.95, 4.44)] {
            worst = max(worst, abs(RealFunctions.pow(x, y) - Foundation.pow(x, y)) / Foundation.pow(x, y))
        }
        #expect(worst < 1e-13, "largest relative difference \(worst)")
        #expect(RealFunctions.pow(0, 4.44) == 0 && RealFunctions.pow(-1, 0.5).isNaN && RealFunctions.pow(5, 0) == 1)
        #expect(RealFunctions.log(0) == -.infinity && RealFunctions.log(-1).isNaN && RealFunctions.exp(1000) == .infinity)
    }
}
