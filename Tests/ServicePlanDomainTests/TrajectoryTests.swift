import ServicePlanDomain
import Testing

/// Target trajectories and quarterly profiles (issue #12 part 2), each case worked by hand.
@Suite struct TrajectoryTests {
    static func year(_ y: Int) -> FinancialYear { FinancialYear(startYear: y) }

    static func indicator(unit: IndicatorUnit = .percentage, polarity: Polarity = .higherIsBetter, aggregation: Aggregation = .snapshot,
                          baseline: Double = 38.9, targets: [Int: Double], actuals: [Int: Double] = [:],
                          profile: QuarterlyProfile? = nil) -> Indicator {
        Indicator(ref: "NI80", title: "Level 3 at 19", category: .quality, scope: .national, isKey: .no, inLocalAreaAgreement: .no,
                  unit: unit, polarity: polarity, aggregation: aggregation,
                  baseline: Baseline(year: year(2008), value: .value(baseline)),
                  targets: Dictionary(uniqueKeysWithValues: targets.map { (year($0.key), Figure.value($0.value)) }),
                  actuals: Dictionary(uniqueKeysWithValues: actuals.map { (year($0.key), Figure.value($0.value)) }), profile: profile)
    }

    static let period: PlanPeriod? = try? PlanPeriod(first: year(2009), last: year(2011))

    @Test("a straight line from the baseline to the end target, rounded as the unit shows targets")
    func straightLine() throws {
        // 38.9 to 44 over three years: 5.1 / 3 = 1.7 a year.
        #expect(Trajectory.straightLine(from: (Self.year(2008), 38.9), to: (Self.year(2011), 44), unit: .percentage)
                == [Self.year(2009): 40.6, Self.year(2010): 42.3, Self.year(2011): 44])
        // Counts are whole: 45 to 58 is 4⅓ a year: 49.33 → 49, 53.67 → 54.
        #expect(Trajectory.straightLine(from: (Self.year(2008), 45), to: (Self.year(2011), 58), unit: .count)
                == [Self.year(2009): 49, Self.year(2010): 54, Self.year(2011): 58])
        #expect(Trajectory.straightLine(from: (Self.year(2011), 45), to: (Self.year(2011), 58), unit: .count).isEmpty)
        // No line runs from no to yes (found by a hostile review).
        #expect(Trajectory.straightLine(from: (Self.year(2008), 0), to: (Self.year(2011), 1), unit: .yesNo).isEmpty)
        let period = try #require(Self.period)
        #expect(Trajectory.fromBaseline(Self.indicator(targets: [2009: 40.5, 2010: 42.2, 2011: 44]), period: period)
                == [Self.year(2009): 40.6, Self.year(2010): 42.3, Self.year(2011): 44])
    }

    @Test("changing one year's target re-balances the later years so the end target holds")
    func rebalance() throws {
        let period = try #require(Self.period)
        let targets: [FinancialYear: Figure] = [Self.year(2009): .value(41), Self.year(2010): .value(42.2), Self.year(2011): .value(44)]
        // From 41 in 2009/10 to 44 in 2011/12: 42.5 between.
        #expect(Trajectory.rebalanced(targets, after: Self.year(2009), period: period, unit: .percentage)
                == [Self.year(2009): .value(41), Self.year(2010): .value(42.5), Self.year(2011): .value(44)])
        // The last year changed, or a year without a number: nothing to re-balance.
        #expect(Trajectory.rebalanced(targets, after: Self.year(2011), period: period, unit: .percentage) == targets)
        var tba = targets
        tba[Self.year(2011)] = .missing(.toBeAgreed)
        #expect(Trajectory.rebalanced(tba, after: Self.year(2009), period: period, unit: .percentage) == tba)
    }

    @Test("the line to a national goal starts from the latest known figure, and never aims below the plan's own end target")
    func toGoal() throws {
        let period = try #require(Self.period)
        // Latest actual 41 in 2009/10, top quartile 46 by 2011/12: 43.5 in 2010/11.
        let i = Self.indicator(targets: [2009: 40.5, 2010: 42.2, 2011: 44], actuals: [2009: 41])
        #expect(Trajectory.toGoal(46, indicator: i, period: period) == [Self.year(2010): 43.5, Self.year(2011): 46])
        // The plan already aims at 48: that stands.
        let higher = Self.indicator(targets: [2009: 40.5, 2010: 42.2, 2011: 48], actuals: [2009: 41])
        #expect(Trajectory.toGoal(46, indicator: higher, period: period) == [Self.year(2010): 44.5, Self.year(2011): 48])
        // Lower is better: a goal of 20 against the plan's own 18 keeps 18; from the baseline 30 (2008/09).
        let lower = Self.indicator(polarity: .lowerIsBetter, baseline: 30, targets: [2009: 26, 2010: 22, 2011: 18])
        #expect(Trajectory.toGoal(20, indicator: lower, period: period) == [Self.year(2009): 26, Self.year(2010): 22, Self.year(2011): 18])
    }

    @Test("quarterly profiles: equal steps from last year's target, seasonal shares from last year's quarters, checked against the aggregation")
    func profiles() throws {
        let steps = Self.indicator(targets: [2009: 40.5, 2010: 42.2, 2011: 44], profile: .equalSteps)
        // Q2 2010/11: 40.5 + (42.2 − 40.5) × 2/4 = 41.35; Q1 2009/10 steps from the 2008/09 baseline: 38.9 + 1.6/4 = 39.3.
        #expect(abs((steps.quarterTarget(try #require(Quarter("2010-11-Q2"))) ?? 0) - 41.35) < 1e-9)
        #expect(abs((steps.quarterTarget(try #require(Quarter("2009-10-Q1"))) ?? 0) - 39.3) < 1e-9)
        #expect(steps.quarterTarget(try #require(Quarter("2010-11-Q4"))) == 42.2)
        let plain = Self.indicator(targets: [2010: 42.2])
        #expect(plain.quarterTarget(try #require(Quarter("2010-11-Q2"))) == 42.2, "no profile: the whole target every quarter")

        let seasonal = try #require(QuarterlyProfile.seasonal(fromYearToDate: [1: 11, 2: 23, 3: 36, 4: 50]))
        #expect(seasonal == .seasonal([0.22, 0.46, 0.72]))
        #expect(seasonal.text == "seasonal 22% / 46% / 72%")
        let counted = Self.indicator(unit: .count, aggregation: .cumulative, baseline: 45, targets: [2010: 53], profile: seasonal)
        #expect(abs((counted.quarterTarget(try #require(Quarter("2010-11-Q2"))) ?? 0) - 24.38) < 1e-9)
        #expect(QuarterlyProfile.seasonal(fromYearToDate: [1: 11, 2: 23, 4: 50]) == nil, "a quarter missing")
        #expect(QuarterlyProfile.seasonal(fromYearToDate: [1: 11, 2: 9, 3: 36, 4: 50]) == nil, "a count that falls")

        #expect(throws: RuleViolation.self) { try QuarterlyProfile.equalSteps.check(for: .cumulative) }
        #expect(throws: RuleViolation.self) { try QuarterlyProfile.seasonal([0.2, 0.5, 0.4]).check(for: .cumulative) }
        #expect(throws: RuleViolation.self) { try QuarterlyProfile.seasonal([0.2, 0.5]).check(for: .cumulative) }
        #expect(throws: RuleViolation.self) { try QuarterlyProfile.equalQuarters.check(for: .snapshot) }
        try QuarterlyProfile.seasonal([0.2, 0.5, 0.7]).check(for: .cumulative)
    }

    @Test("the status rules judge a quarter against its profile's share")
    func statusUsesProfile() throws {
        let plain = Self.indicator(targets: [2009: 40.5, 2010: 42.2, 2011: 44])
        var stepped = plain
        stepped.profile = .equalSteps
        let quarter = try #require(Quarter("2010-11-Q2"))
        // 41.4 is short of the year's 42.2 (amber) but past the Q2 step of 41.35 (green).
        #expect(StatusRules.standard.status(actual: 41.4, quarterTarget: plain.quarterTarget(quarter), polarity: .higherIsBetter) == .amber)
        #expect(StatusRules.standard.status(actual: 41.4, quarterTarget: stepped.quarterTarget(quarter), polarity: .higherIsBetter) == .green)
    }
}
