import ServicePlanDomain
import Testing

/// Each data-quality rule finds what it should, and nothing on clean data.
@Suite struct DataQualityTests {
    static let year = FinancialYear(startYear: 2009)

    static func plan() -> ServicePlan {
        let period = try! PlanPeriod(first: year, last: year)
        let indicator = Indicator(ref: "P1", title: "A percentage", category: .quality, scope: .local, isKey: .no, inLocalAreaAgreement: .no,
                                  unit: .percentage, polarity: .higherIsBetter, baseline: Baseline(year: year.previous, value: .value(40)),
                                  targets: [year: .value(50)])
        let objective = ServiceObjective(ref: "O1", title: "An objective", areasOfFocus: [1], responsibleOfficer: "DM",
                                         risk: RiskProfile(initial: .unknown(.unknown), residual: .unknown(.unknown)),
                                         indicatorRefs: ["P1"],
                                         milestoneYears: [MilestoneYear(year: year, entries: .listed([Milestone(id: 7, text: "Done by March 2010", due: CalendarDate("2010-03-31")!)]))])
        return ServicePlan(code: "T", title: "Test", status: .draft, period: period,
                           council: Council(name: "C", directorate: "D", department: "Dep", divisions: []),
                           priorities: [CorporatePriority(number: 1, title: "P", areasOfFocus: [AreaOfFocus(number: 1, title: "A")])],
                           objectives: [objective], indicators: [indicator])
    }

    static func returned(_ q: Int, actual: Double?, status: ReturnStatus = .submitted, milestone: MilestoneEntry? = MilestoneEntry(status: .green),
                         commentary: String = "", submittedAt: String? = nil, numerator: Double? = nil, denominator: Double? = nil) -> QuarterlyReturn {
        var r = QuarterlyReturn(planCode: "T", quarter: Quarter(year: year, number: q)!, status: status)
        if actual != nil || numerator != nil { r.indicators["P1"] = IndicatorEntry(actual: actual, numerator: numerator, denominator: denominator, commentary: commentary) }
        if let milestone { r.milestones[7] = milestone }
        r.submittedAt = submittedAt ?? "\(r.quarter.lastDay.nextDay)T09:00:00Z"
        return r
    }

    func rules(_ plan: ServicePlan, _ returns: [QuarterlyReturn], today: String = "2009-07-01") -> [String] {
        DataQualityChecker(calendar: TestCalendar()).check(plan: plan, returns: returns, today: CalendarDate(today)!).map(\.rule)
    }

    @Test("a clean plan with its returns on time has no findings")
    func clean() {
        #expect(rules(Self.plan(), [Self.returned(1, actual: 51)]) == [])
    }

    @Test("a missing return for a closed quarter is an error; a late one is a warning saying how late")
    func timeliness() {
        let found = DataQualityChecker(calendar: TestCalendar()).check(plan: Self.plan(), returns: [Self.returned(1, actual: 51, submittedAt: "2009-07-25T09:00:00Z")],
                                               today: CalendarDate("2009-11-01")!)
        #expect(found.contains { $0.rule == "complete.return-missing" && $0.period == "2009-10-Q2" && $0.severity == "error" })
        let late = found.first { $0.rule == "timely.late-return" }
        #expect(late?.message.contains("4 days after its deadline") == true)
    }

    @Test("a submitted return with no actual, or no milestone status, is incomplete; red without commentary too")
    func completeness() {
        #expect(rules(Self.plan(), [Self.returned(1, actual: nil)]).contains("complete.actual-missing"))
        #expect(rules(Self.plan(), [Self.returned(1, actual: 51, milestone: nil)]).contains("complete.milestone-status-missing"))
        #expect(rules(Self.plan(), [Self.returned(1, actual: 30)]).contains("complete.commentary-missing"))
        #expect(!rules(Self.plan(), [Self.returned(1, actual: 30, commentary: "Why")]).contains("complete.commentary-missing"))
        #expect(!rules(Self.plan(), [Self.returned(1, actual: nil, status: .draft)]).contains("complete.actual-missing"), "drafts are work in progress")
    }

    @Test("an outlier against four or more earlier values, and a big jump, are flagged")
    func reliability() {
        var returns = (1...4).map { Self.returned($0, actual: [50, 51, 49, 50][$0 - 1]) }
        var next = Self.returned(1, actual: 95, commentary: "x")
        next.quarter = Quarter(year: Self.year.next, number: 1)!
        returns.append(next)
        var plan = Self.plan()
        plan.period = try! PlanPeriod(first: Self.year, last: Self.year.next)
        plan.indicators[0].targets[Self.year.next] = .value(50)
        let found = rules(plan, returns, today: "2009-07-01")
        #expect(found.contains("reliable.outlier"))
        #expect(found.contains("reliable.jump"))
        #expect(!rules(Self.plan(), Array(returns.prefix(4)), today: "2009-07-01").contains("reliable.outlier"))
    }

    @Test("values that break their unit or their own counts are invalid and inaccurate")
    func validity() {
        #expect(rules(Self.plan(), [Self.returned(1, actual: 40, numerator: 60, denominator: 50)]).contains("valid.numerator-denominator"))
        #expect(rules(Self.plan(), [Self.returned(1, actual: 60, numerator: 20, denominator: 50)]).contains("accurate.numerator-denominator-mismatch"))
        #expect(rules(Self.plan(), [Self.returned(1, actual: 140)]).contains("valid.unit-domain"))
        var plan = Self.plan()
        plan.objectives[0].indicatorRefs.append("NI101")
        #expect(rules(plan, []).contains("valid.linked-indicator-exists"))
    }

    @Test("an annual actual that differs from the snapshot's Q4 value is flagged")
    func annualVersusQ4() {
        var plan = Self.plan()
        plan.indicators[0].actuals[Self.year] = .value(52)
        let returns = [Self.returned(4, actual: 51)]
        #expect(rules(plan, returns).contains("accurate.annual-differs-from-q4"))
        plan.indicators[0].actuals[Self.year] = .value(51)
        #expect(!rules(plan, returns).contains("accurate.annual-differs-from-q4"))
    }

    @Test("an unlinked indicator and an empty objective are not relevant")
    func relevance() {
        var plan = Self.plan()
        plan.objectives[0].indicatorRefs = []
        plan.objectives[0].milestoneYears = [MilestoneYear(year: Self.year, entries: .listed([]))]
        let found = rules(plan, [])
        #expect(found.contains("relevant.indicator-unlinked"))
        #expect(found.contains("relevant.objective-empty"))
    }

    @Test("every rule has an id, a dimension and a severity, and the ids are unique")
    func catalogue() {
        #expect(Set(DataQualityChecker.rules.map(\.id)).count == DataQualityChecker.rules.count)
        #expect(Set(DataQualityChecker.rules.map(\.dimension)) == Set(QualityDimension.allCases))
    }
}
