import ServicePlanDomain
import Testing

@Suite struct StatusRulesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let actual: Double
        let target: Figure
        let polarity: Polarity
        let aggregation: Aggregation
        let quarter: Int
        let expected: RAGStatus
        var testDescription: String { "A=\(actual) T=\(target.text) \(polarity.rawValue) \(aggregation.rawValue) Q\(quarter) → \(expected.rawValue)" }
    }

    static let cases: [Case] = [
        // Higher is better, snapshot: exactly on target, just under, at the 10 % edge, just past it.
        Case(actual: 40.5, target: .value(40.5), polarity: .higherIsBetter, aggregation: .snapshot, quarter: 2, expected: .green),
        Case(actual: 41, target: .value(40.5), polarity: .higherIsBetter, aggregation: .snapshot, quarter: 2, expected: .green),
        Case(actual: 40.4, target: .value(40.5), polarity: .higherIsBetter, aggregation: .snapshot, quarter: 2, expected: .amber),
        Case(actual: 36.45, target: .value(40.5), polarity: .higherIsBetter, aggregation: .snapshot, quarter: 2, expected: .amber),
        Case(actual: 36.44, target: .value(40.5), polarity: .higherIsBetter, aggregation: .snapshot, quarter: 2, expected: .red),
        // Lower is better (an achievement gap): under target is good, over it is not.
        Case(actual: 30.7, target: .value(30.7), polarity: .lowerIsBetter, aggregation: .snapshot, quarter: 1, expected: .green),
        Case(actual: 29, target: .value(30.7), polarity: .lowerIsBetter, aggregation: .snapshot, quarter: 1, expected: .green),
        Case(actual: 33.77, target: .value(30.7), polarity: .lowerIsBetter, aggregation: .snapshot, quarter: 1, expected: .amber),
        Case(actual: 33.78, target: .value(30.7), polarity: .lowerIsBetter, aggregation: .snapshot, quarter: 1, expected: .red),
        // Cumulative counts: Q2 compares with half the year's target (49 → 24.5).
        Case(actual: 24.5, target: .value(49), polarity: .higherIsBetter, aggregation: .cumulative, quarter: 2, expected: .green),
        Case(actual: 22.05, target: .value(49), polarity: .higherIsBetter, aggregation: .cumulative, quarter: 2, expected: .amber),
        Case(actual: 22, target: .value(49), polarity: .higherIsBetter, aggregation: .cumulative, quarter: 2, expected: .red),
        Case(actual: 49, target: .value(49), polarity: .higherIsBetter, aggregation: .cumulative, quarter: 4, expected: .green),
        Case(actual: 12, target: .value(49), polarity: .lowerIsBetter, aggregation: .cumulative, quarter: 1, expected: .green),
        Case(actual: 13.4, target: .value(49), polarity: .lowerIsBetter, aggregation: .cumulative, quarter: 1, expected: .amber),
        Case(actual: 13.5, target: .value(49), polarity: .lowerIsBetter, aggregation: .cumulative, quarter: 1, expected: .red),
        // Missing targets are never green, whatever the actual.
        Case(actual: 99, target: .missing(.toBeAgreed), polarity: .higherIsBetter, aggregation: .snapshot, quarter: 2, expected: .noTarget),
        Case(actual: 0, target: .missing(.notApplicable), polarity: .lowerIsBetter, aggregation: .snapshot, quarter: 2, expected: .noTarget),
        Case(actual: 5, target: .missing(.baselineToBeEstablished), polarity: .higherIsBetter, aggregation: .cumulative, quarter: 3, expected: .noTarget),
        // A zero target: only meeting it is green; any shortfall is red (no tolerance of nothing).
        Case(actual: 0, target: .value(0), polarity: .lowerIsBetter, aggregation: .snapshot, quarter: 2, expected: .green),
        Case(actual: 1, target: .value(0), polarity: .lowerIsBetter, aggregation: .snapshot, quarter: 2, expected: .red),
    ]

    @Test("status against target, both polarities, both aggregations, at the boundaries", arguments: cases)
    func status(_ c: Case) {
        #expect(StatusRules.standard.status(actual: c.actual, target: c.target, polarity: c.polarity,
                                            aggregation: c.aggregation, quarter: c.quarter) == c.expected)
    }

    @Test("the tolerance is configurable")
    func tolerance() throws {
        let strict = try StatusRules(tolerance: 0.05)
        #expect(strict.status(actual: 38, target: .value(40), polarity: .higherIsBetter, aggregation: .snapshot, quarter: 1) == .amber)
        #expect(strict.status(actual: 37.9, target: .value(40), polarity: .higherIsBetter, aggregation: .snapshot, quarter: 1) == .red)
        #expect(throws: RuleViolation.self) { try StatusRules(tolerance: -0.1) }
        #expect(throws: RuleViolation.self) { try StatusRules(tolerance: 1) }
    }

    @Test("direction of travel respects polarity; no earlier value is not comparable", arguments: [
        (41.0, 40.0 as Double?, Polarity.higherIsBetter, Direction.better), (39, 40, .higherIsBetter, .worse),
        (40, 40, .higherIsBetter, .same), (29, 30, .lowerIsBetter, .better), (31, 30, .lowerIsBetter, .worse),
        (30, 30, .lowerIsBetter, .same), (30, nil, .higherIsBetter, .notComparable),
    ])
    func direction(actual: Double, previous: Double?, polarity: Polarity, expected: Direction) {
        #expect(StatusRules.direction(actual: actual, previous: previous, polarity: polarity) == expected)
    }

    /// Each interval below was computed independently (numpy's matrix least squares and scipy's
    /// t.ppf(0.9, n − 2)); each case's figures are in its comment and are checked to 1e-6.
    private func projection(_ actuals: [Int: Double], upTo quarter: Int, target: Double, polarity: Polarity = .higherIsBetter,
                            _ aggregation: Aggregation, lastYear: [Int: Double] = [:]) throws -> Forecast.Projection {
        let f = try #require(StatusRules.standard.forecast(actuals: actuals, upTo: quarter, target: .value(target), polarity: polarity,
                                                           aggregation: aggregation, lastYear: lastYear))
        return try #require(f.projection, "expected a projection, got \(f)")
    }

    @Test("a snapshot forecast is the least-squares line at Q4 with its 80 % prediction interval and the status at each end")
    func snapshotInterval() throws {
        // (1, 38), (2, 41), (3, 40): slope 1, ŷ(4) = 41.667, s = 1.633 on 1 df, t = 3.0777: 32.4908 to 50.8425.
        let p = try projection([1: 38, 2: 41, 3: 40], upTo: 3, target: 40.5, .snapshot)
        #expect(abs(p.outturn - 41.6666666667) < 1e-6)
        #expect(abs(p.low - 32.4907871969) < 1e-6 && abs(p.high - 50.8425461365) < 1e-6)
        #expect(p.status == .green && p.lowStatus == .red && p.highStatus == .green && p.method == .trend)
        #expect(Forecast.projected(p).sentence(.percentage) == "41.7%, between 32.5% and 50.8%: likely on target, possibly off target")
        // On a straight line the interval has no width.
        let line = try projection([1: 38, 2: 39, 3: 40], upTo: 3, target: 40.5, .snapshot)
        #expect(abs(line.outturn - 41) < 1e-9 && abs(line.low - 41) < 1e-9 && abs(line.high - 41) < 1e-9)
        #expect(Forecast.projected(line).possibly == nil)
    }

    @Test("lower is better: the high end of the interval is the worse one")
    func lowerIsBetterInterval() throws {
        // (1, 20), (2, 18), (3, 19): ŷ(4) = 18, 11.1181 to 24.8819; amber up to 22 against a target of 20.
        let p = try projection([1: 20, 2: 18, 3: 19], upTo: 3, target: 20, polarity: .lowerIsBetter, .snapshot)
        #expect(abs(p.outturn - 18) < 1e-6 && abs(p.low - 11.1180903976) < 1e-6 && abs(p.high - 24.8819096024) < 1e-6)
        #expect(p.status == .green && p.lowStatus == .green && p.highStatus == .red)
    }

    @Test("a snapshot trend early in the year reaches back through last year's latest quarters, up to four points")
    func snapshotAcrossTheYear() throws {
        // Last year 40, 41, 42, 43 and this Q1 44: one a quarter, so 47 by Q4, exactly.
        let f = try projection([1: 44], upTo: 1, target: 46, .snapshot, lastYear: [1: 40, 2: 41, 3: 42, 4: 43])
        #expect(abs(f.outturn - 47) < 1e-9 && f.status == .green && abs(f.high - f.low) < 1e-9)
        // Only the latest three of last year's quarters join one of this year's.
        let g = try projection([1: 44], upTo: 1, target: 46, .snapshot, lastYear: [1: 100, 2: 41, 3: 42, 4: 43])
        #expect(abs(g.outturn - 47) < 1e-9)
        // Two of this year's and last year's Q3 and Q4: (−1, 30), (0, 40), (1, 44), (2, 44): 55.6, 42.7252 to 68.4748 on 2 df.
        let h = try projection([1: 44, 2: 44], upTo: 2, target: 46, .snapshot, lastYear: [1: 10, 2: 20, 3: 30, 4: 40])
        #expect(abs(h.outturn - 55.6) < 1e-6 && abs(h.low - 42.7252184485) < 1e-6 && abs(h.high - 68.4747815515) < 1e-6)
        #expect(h.status == .green && h.lowStatus == .amber && h.highStatus == .green)
        // Later quarters are not used for an earlier quarter's forecast.
        let early = try projection([1: 38, 2: 39, 3: 40, 4: 90], upTo: 3, target: 40.5, .snapshot)
        #expect(abs(early.outturn - 41) < 1e-9)
    }

    @Test("a cumulative forecast is the year to date plus the trend of quarterly increments, with the interval of their sum")
    func cumulativeInterval() throws {
        // Year to date 10, 22, 33: increments 10, 12, 11; ŷ(4) = 12, so 45, between 38.1181 and 51.8819.
        let p = try projection([1: 10, 2: 22, 3: 33], upTo: 3, target: 49, .cumulative)
        #expect(abs(p.outturn - 45) < 1e-6 && abs(p.low - 38.1180903976) < 1e-6 && abs(p.high - 51.8819096024) < 1e-6)
        #expect(p.status == .amber && p.lowStatus == .red && p.highStatus == .green && p.method == .trendOfQuarterlyIncrements)
        #expect(Forecast.projected(p).possibly == "possibly off target or on target")
        // At Q2 with last year's increments 13 and 14 before this year's 12 and 13: two quarters to come,
        // 25 + 24.8 = 49.8, between 44.0869 and 55.5131 (the sum's interval, 2 df).
        let q = try projection([1: 12, 2: 25], upTo: 2, target: 49, .cumulative, lastYear: [1: 11, 2: 23, 3: 36, 4: 50])
        #expect(abs(q.outturn - 49.8) < 1e-6 && abs(q.low - 44.0868572572) < 1e-6 && abs(q.high - 55.5131427428) < 1e-6)
        // 44.087 is just below the amber floor of 44.1.
        #expect(q.status == .green && q.lowStatus == .red && q.highStatus == .green)
    }

    @Test("with fewer than three points there is a reason, not a figure")
    func tooFewQuarters() throws {
        let rules = StatusRules.standard
        let one = try #require(rules.forecast(actuals: [1: 38], upTo: 1, target: .value(40.5), polarity: .higherIsBetter, aggregation: .snapshot))
        #expect(one == .tooFewQuarters(points: 1, needed: 3) && one.projection == nil)
        #expect(one.reason == "Too few quarters to forecast: 1 of the 3 quarterly figures a trend needs.")
        #expect(one.figures(.percentage) == one.reason)
        let two = try #require(rules.forecast(actuals: [1: 38, 2: 39], upTo: 2, target: .value(40.5), polarity: .higherIsBetter,
                                              aggregation: .snapshot, lastYear: [:]))
        #expect(two == .tooFewQuarters(points: 2, needed: 3))
        // Last year's Q4 makes two points with this Q1: still too few.
        #expect(rules.forecast(actuals: [1: 44], upTo: 1, target: .value(46), polarity: .higherIsBetter, aggregation: .snapshot,
                               lastYear: [4: 43]) == .tooFewQuarters(points: 2, needed: 3))
        // A cumulative Q3 after a missing Q2 has one increment (Q1's), too few for a trend: it is
        // projected pro rata instead (below).
        #expect(rules.forecast(actuals: [1: 10, 3: 33], upTo: 3, target: .value(49), polarity: .higherIsBetter,
                               aggregation: .cumulative)?.projection?.method == .proRata)
        // Nothing this year: no forecast at all.
        #expect(rules.forecast(actuals: [:], upTo: 2, target: .value(1), polarity: .higherIsBetter, aggregation: .snapshot) == nil)
        #expect(rules.forecast(actuals: [3: 5], upTo: 2, target: .value(1), polarity: .higherIsBetter, aggregation: .snapshot) == nil)
    }

    /// Issue 23, item 25: ULS LI1 with 23 at Q2 and no Q1 figure had "0 of the 3" figures and no forecast.
    @Test("a year-to-date count with too few quarters for a trend is projected pro rata, with a wide interval")
    func proRata() throws {
        let rules = StatusRules.standard
        let q2 = try #require(rules.forecast(actuals: [2: 23], upTo: 2, target: .value(49), polarity: .higherIsBetter,
                                             aggregation: .cumulative, unit: .count)?.projection)
        #expect(q2.outturn == 46 && q2.low == 23 && q2.high == 69 && q2.method == .proRata)
        #expect(q2.status == .amber && q2.lowStatus == .red && q2.highStatus == .green)
        // Q1 alone: × 4, from the figure itself (nothing more) to seven times it.
        let q1 = try #require(rules.forecast(actuals: [1: 10], upTo: 1, target: .value(49), polarity: .higherIsBetter,
                                             aggregation: .cumulative, unit: .count)?.projection)
        #expect(q1.outturn == 40 && q1.low == 10 && q1.high == 70)
        #expect(Forecast.Method.proRata.label.contains("too few quarters for a trend"))
        // A snapshot still says why it has no figure, counting the figures it has.
        #expect(rules.forecast(actuals: [2: 23], upTo: 2, target: .value(49), polarity: .higherIsBetter,
                               aggregation: .snapshot) == .tooFewQuarters(points: 1, needed: 3))
    }

    @Test("at Q4 the forecast is the year's figure, for snapshots and year-to-date counts alike")
    func yearEnd() throws {
        for aggregation in [Aggregation.snapshot, .cumulative] {
            let p = try projection([1: 10, 2: 22, 3: 33, 4: 47], upTo: 4, target: 49, aggregation)
            #expect(p.outturn == 47 && p.low == 47 && p.high == 47 && p.method == .yearEndActual)
            #expect(p.status == .amber && p.lowStatus == .amber && p.highStatus == .amber)
            #expect(Forecast.projected(p).sentence(.count) == "47 (the year's outturn): slightly off target")
        }
    }

    @Test("a forecast is cut to what its unit allows, and a yes/no line is not forecast (found by a hostile review)")
    func unitLimits() throws {
        // 95, 99, 100: the line reaches 103 at Q4, beyond any percentage.
        #expect(try projection([1: 95, 2: 99, 3: 100], upTo: 3, target: 90, .snapshot).outturn == 103, "a plain number is not cut")
        let rules = StatusRules.standard
        let percentage = try #require(rules.forecast(actuals: [1: 95, 2: 99, 3: 100], upTo: 3, target: .value(90), polarity: .higherIsBetter,
                                                     aggregation: .snapshot, unit: .percentage)?.projection)
        #expect(percentage.outturn == 100 && percentage.high == 100 && percentage.low < 100)
        // A count falling to nothing: never below 0.
        let count = try #require(rules.forecast(actuals: [1: 9, 2: 4, 3: 1], upTo: 3, target: .value(5), polarity: .lowerIsBetter,
                                                aggregation: .snapshot, unit: .count)?.projection)
        #expect(count.outturn == 0 && count.low == 0 && count.high >= 0)
        let yesNo = try #require(rules.forecast(actuals: [1: 0, 2: 1, 3: 0], upTo: 3, target: .value(1), polarity: .higherIsBetter,
                                                aggregation: .snapshot, unit: .yesNo))
        #expect(yesNo == .notForUnit && yesNo.projection == nil && yesNo.reason?.hasPrefix("A yes/no line is not forecast") == true)
        // Its fourth quarter is the year's answer, as for any unit.
        #expect(rules.forecast(actuals: [1: 0, 2: 1, 3: 0, 4: 1], upTo: 4, target: .value(1), polarity: .higherIsBetter,
                               aggregation: .snapshot, unit: .yesNo)?.projection?.status == .green)
    }

    @Test("a forecast against a missing target has no target at either end")
    func forecastWithoutTarget() throws {
        let f = try #require(StatusRules.standard.forecast(actuals: [1: 5, 2: 6, 3: 8], upTo: 3, target: .missing(.toBeAgreed),
                                                           polarity: .higherIsBetter, aggregation: .snapshot)?.projection)
        #expect(f.status == .noTarget && f.lowStatus == .noTarget && f.highStatus == .noTarget)
    }
}

@Suite struct MilestoneAndWorkflowTests {
    static let due = CalendarDate("2009-09-30")!

    @Test("an overdue milestone not complete is shown red unless the officer explains it", arguments: [
        (MilestoneStatus.green as MilestoneStatus?, "", "2009-12-31", MilestoneStatus.red as MilestoneStatus?),
        (.green, "Slipped a month; on course for October", "2009-12-31", .green),
        (.complete, "", "2009-12-31", .complete),
        (.green, "", "2009-09-30", .green),
        (nil, "", "2009-12-31", .red),
        (nil, "", "2009-06-30", nil),
    ])
    func shownStatus(reported: MilestoneStatus?, commentary: String, quarterEnd: String, expected: MilestoneStatus?) {
        #expect(MilestoneStatus.shown(reported: reported, commentary: commentary, due: Self.due, quarterEnd: CalendarDate(quarterEnd)!) == expected)
    }

    @Test("returns move draft → submitted → approved → published; reopening returns them to draft")
    func transitions() {
        #expect(ReturnAction.submit.transition.from == [.draft])
        #expect(ReturnAction.approve.transition.to == .approved)
        #expect(ReturnAction.publish.transition.from == [.approved])
        #expect(ReturnAction.reopen.transition.to == .draft)
        #expect(ReturnStatus.approved.isLocked && ReturnStatus.published.isLocked && !ReturnStatus.submitted.isLocked)
    }

    @Test("a director approves their department's returns but not their own submission")
    func approval() {
        let plan = ServicePlan(code: "ULS", title: "", status: .draft,
                               period: try! PlanPeriod(first: FinancialYear(startYear: 2009), last: FinancialYear(startYear: 2011)),
                               council: Council(name: "", directorate: "", department: "", divisions: []), priorities: [],
                               objectives: [], indicators: [])
        let director = User(id: 1, email: "d@x.gov.uk", name: "D", role: .director, department: "ULS")
        let other = User(id: 2, email: "o@x.gov.uk", name: "O", role: .director, department: "XYZ")
        let admin = User(id: 3, email: "a@x.gov.uk", name: "A", role: .admin, department: nil)
        #expect(Permissions.canTake(.approve, director, plan: plan, submittedBy: "officer@x.gov.uk"))
        #expect(!Permissions.canTake(.approve, director, plan: plan, submittedBy: "d@x.gov.uk"))
        #expect(!Permissions.canTake(.approve, other, plan: plan, submittedBy: "officer@x.gov.uk"))
        #expect(Permissions.canTake(.publish, admin, plan: plan, submittedBy: nil))
        #expect(!Permissions.canTake(.publish, director, plan: plan, submittedBy: nil))
        #expect(!Permissions.canTake(.submit, nil, plan: plan, submittedBy: nil))
    }

    @Test("the deadline is 15 working days after the quarter ends", arguments: [
        ("2009-10-Q1", "2009-07-21"), ("2009-10-Q2", "2009-10-21"), ("2009-10-Q3", "2010-01-21"), ("2009-10-Q4", "2010-04-21"),
    ])
    func deadline(quarter: String, expected: String) {
        #expect(ReturnDeadlines().deadline(for: Quarter(quarter)!).description == expected)
    }

    @Test("weekdays are right across years", arguments: [("2009-06-30", 2), ("2009-10-03", 6), ("2010-01-03", 7), ("2026-11-28", 6)])
    func weekday(date: String, expected: Int) {
        #expect(CalendarDate(date)!.weekday == expected)
    }
}
