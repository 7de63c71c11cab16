import ServicePlanDomain
import Testing

/// The draft commentary an officer starts from: each part of it, for each status and direction.
@Suite struct DraftCommentaryTests {
    static let year = FinancialYear(startYear: 2009)

    static func indicator(_ ref: String, unit: IndicatorUnit = .percentage, polarity: Polarity = .higherIsBetter,
                          aggregation: Aggregation = .snapshot, target: Figure,
                          quartiles: [FinancialYear: Quartiles] = [:]) -> Indicator {
        Indicator(ref: ref, title: "\(ref) title", category: .quality, scope: .local, isKey: .no, inLocalAreaAgreement: .no,
                  unit: unit, polarity: polarity, aggregation: aggregation,
                  baseline: Baseline(year: FinancialYear(startYear: 2008), value: .value(1)), quartiles: quartiles, targets: [year: target])
    }

    static let plan: ServicePlan? = {
        guard let period = try? PlanPeriod(first: year, last: FinancialYear(startYear: 2011)) else { return nil }
        let quartiles = Quartiles(top: .value(45), middle: .value(40), bottom: .value(35))
        return ServicePlan(code: "ULS", title: "Universal Learning Services", status: .draft, period: period,
                           council: Council(name: "C", directorate: "D", department: "Dep", divisions: []),
                           priorities: [CorporatePriority(number: 1, title: "P", areasOfFocus: [AreaOfFocus(number: 1, title: "A")])],
                           objectives: [], indicators: [
                               indicator("NI80", target: .value(40.5), quartiles: [FinancialYear(startYear: 2008): quartiles]),
                               indicator("NI92", polarity: .lowerIsBetter, target: .value(30.7)),
                               indicator("ULS LI1", unit: .count, aggregation: .cumulative, target: .value(49)),
                               indicator("ULS LI9", unit: .count, target: .missing(.toBeAgreed)),
                           ], risks: [])
    }()

    /// The draft for `ref` in `period`, from returns of `figures` (period → ref → actual).
    func draft(_ ref: String, _ period: String, _ figures: [String: [String: Double]]) throws -> String? {
        let plan = try #require(Self.plan)
        let returns = figures.compactMap { (p, lines) in
            Quarter(p).map { QuarterlyReturn(planCode: "ULS", quarter: $0, indicators: lines.mapValues { IndicatorEntry(actual: $0) }) }
        }
        let current = try #require(returns.first { $0.quarter.identifier == period })
        let assessment = ReturnAssessment(plan: plan, current: current, others: returns.filter { $0.quarter != current.quarter })
        let line = try #require(assessment.indicators.first { $0.indicator.ref == ref })
        return DraftCommentary.text(for: line, quarter: current.quarter)
    }

    @Test("on target and better on both comparisons, with the forecast's range and the quartile position")
    func onTarget() throws {
        // Forecast through (−2, 40.1), (1, 41), (2, 41.2): 41.796, between 41.489 and 42.104 (numpy and scipy).
        #expect(try draft("NI80", "2009-10-Q2", ["2008-09-Q2": ["NI80": 40.1], "2009-10-Q1": ["NI80": 41], "2009-10-Q2": ["NI80": 41.2]])
                == "At 41.2% in Q2 2009/10, NI80 is on target: 0.7 percentage points above the target of 40.5%. "
                + "It is better than the same quarter last year (40.1%) and better than the previous quarter (41%). "
                + "The year-end forecast is 41.8%, between 41.5% and 42.1%: likely on target. "
                + "Against the All-England quartiles for 2008/09, 41.2% would be in the upper middle quartile (top quartile from 45%, median 40%).")
    }

    @Test("off target and worse on both comparisons, lower is better; a forecast on a straight line states no range")
    func offTarget() throws {
        #expect(try draft("NI92", "2009-10-Q3", ["2008-09-Q3": ["NI92": 30], "2009-10-Q2": ["NI92": 33], "2009-10-Q3": ["NI92": 34]])
                == "At 34% in Q3 2009/10, NI92 is off target: 3.3 percentage points above the target of 30.7%. "
                + "It is worse than the same quarter last year (30%) and worse than the previous quarter (33%). "
                + "The year-end forecast is 35%: likely off target.")
    }

    @Test("slightly off target in a cumulative Q1: the pro-rata target, no previous quarter, a pro-rata forecast with its wide range")
    func cumulativeFirstQuarter() throws {
        #expect(try draft("ULS LI1", "2009-10-Q1", ["2009-10-Q1": ["ULS LI1": 12]])
                == "At 12 in Q1 2009/10, ULS LI1 is slightly off target: 0.3 below the target of 12.3 by Q1 2009/10 (49 for the year). "
                + "There is no figure for the same quarter last year to compare with; the year-to-date count starts again in April, "
                + "so there is no previous quarter to compare with. "
                + "The year-end forecast is 48, between 12 and 84: likely slightly off target, possibly off target or on target.")
    }

    @Test("the same as before, exactly on target, and one comparison missing")
    func sameAndExact() throws {
        #expect(try draft("NI80", "2009-10-Q2", ["2009-10-Q1": ["NI80": 40.5], "2009-10-Q2": ["NI80": 40.5]])
                == "At 40.5% in Q2 2009/10, NI80 is on target: exactly the target of 40.5%. "
                + "It is the same as the previous quarter (40.5%); there is no figure for the same quarter last year to compare with. "
                + "There are too few quarters yet to forecast the year end. "
                + "Against the All-England quartiles for 2008/09, 40.5% would be in the upper middle quartile (top quartile from 45%, median 40%).")
    }

    @Test("no target says why, and gives no status; no actual gives no draft")
    func noTarget() throws {
        let text = try #require(try draft("ULS LI9", "2009-10-Q2", ["2009-10-Q2": ["ULS LI9": 5]]))
        #expect(text.hasPrefix("At 5 in Q2 2009/10, ULS LI9 has no target for 2009/10 (TBA), so no status is given. "))
        #expect(try draft("NI80", "2009-10-Q2", ["2009-10-Q2": ["NI92": 5]]) == nil)
    }
}
