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

    @Test("a cumulative forecast scales the year to date to four quarters")
    func cumulativeForecast() throws {
        let f = try #require(StatusRules.standard.forecast(actuals: [1: 10, 2: 22.5], upTo: 2, target: .value(49),
                                                           polarity: .higherIsBetter, aggregation: .cumulative))
        #expect(f.outturn == 45)
        #expect(f.status == .amber)
    }

    @Test("a snapshot forecast is the latest actual, or the least-squares trend over two or more quarters")
    func snapshotForecast() throws {
        let one = try #require(StatusRules.standard.forecast(actuals: [1: 38], upTo: 1, target: .value(40.5),
                                                             polarity: .higherIsBetter, aggregation: .snapshot))
        #expect(one.outturn == 38)
        #expect(one.status == .amber)
        // 38, 39, 40 rise by 1 a quarter: the line reaches 41 at Q4.
        let three = try #require(StatusRules.standard.forecast(actuals: [1: 38, 2: 39, 3: 40], upTo: 3, target: .value(40.5),
                                                               polarity: .higherIsBetter, aggregation: .snapshot))
        #expect(abs(three.outturn - 41) < 1e-9)
        #expect(three.status == .green)
        // Later quarters are not used for an earlier quarter's forecast.
        let early = try #require(StatusRules.standard.forecast(actuals: [1: 38, 2: 20], upTo: 1, target: .value(40.5),
                                                               polarity: .higherIsBetter, aggregation: .snapshot))
        #expect(early.outturn == 38)
        #expect(StatusRules.standard.forecast(actuals: [:], upTo: 2, target: .value(1), polarity: .higherIsBetter, aggregation: .snapshot) == nil)
    }

    @Test("a snapshot forecast in the first quarter draws its trend through last year's quarters; cumulative ones do not")
    func forecastAcrossTheYear() throws {
        // Last year 40, 41, 42, 43 and this Q1 44: one a quarter, so 47 by Q4.
        let f = try #require(StatusRules.standard.forecast(actuals: [1: 44], upTo: 1, target: .value(46), polarity: .higherIsBetter,
                                                           aggregation: .snapshot, lastYear: [1: 40, 2: 41, 3: 42, 4: 43]))
        #expect(abs(f.outturn - 47) < 1e-9 && f.status == .green)
        // Only the latest three of last year's quarters join one of this year's.
        let g = try #require(StatusRules.standard.forecast(actuals: [1: 44], upTo: 1, target: .value(46), polarity: .higherIsBetter,
                                                           aggregation: .snapshot, lastYear: [1: 100, 2: 41, 3: 42, 4: 43]))
        #expect(abs(g.outturn - 47) < 1e-9)
        // With two quarters of this year, last year's are not used.
        let h = try #require(StatusRules.standard.forecast(actuals: [1: 44, 2: 44], upTo: 2, target: .value(46), polarity: .higherIsBetter,
                                                           aggregation: .snapshot, lastYear: [1: 10, 2: 20, 3: 30, 4: 40]))
        #expect(h.outturn == 44)
        let cumulative = try #require(StatusRules.standard.forecast(actuals: [1: 12], upTo: 1, target: .value(49), polarity: .higherIsBetter,
                                                                    aggregation: .cumulative, lastYear: [1: 11, 2: 23, 3: 36, 4: 50]))
        #expect(cumulative.outturn == 48)
    }

    @Test("a forecast against a missing target has no target")
    func forecastWithoutTarget() {
        #expect(StatusRules.standard.forecast(actuals: [1: 5], upTo: 1, target: .missing(.toBeAgreed), polarity: .higherIsBetter,
                                              aggregation: .snapshot)?.status == .noTarget)
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
