import ServicePlanDomain
import ServicePlanStore
import Testing

/// The bundled plan is a faithful transcription of the seed: what it holds, and what it
/// records as lost rather than guessed.
@Suite struct HaltonPlanTests {
    let plan: ServicePlan

    init() throws {
        plan = try PlanFileReader.read(try BundledPlans.haltonText(), file: "plans/halton-uls-2009-12.yaml")
    }

    @Test("holds the plan's 6 priorities, 40 areas, 5 objectives, 17 indicators, 4 risks and 3 equality actions")
    func counts() {
        #expect(plan.code == "ULS")
        #expect(plan.priorities.count == 6)
        #expect(plan.areasOfFocus.map(\.number) == Array(1...40))
        #expect(plan.objectives.map(\.ref) == ["ULS 1", "ULS 2", "ULS 3", "ULS 4", "ULS 5"])
        #expect(plan.indicators.count == 17)
        #expect(plan.risks.count == 4)
        #expect(plan.equalityActions.count == 3)
        #expect(plan.period.label == "2009/10 – 2011/12")
        #expect(plan.keyAreasOfFocus == [13, 17])
    }

    @Test("lost values are recorded as unknown, never invented")
    func lostValues() throws {
        let uls1 = try #require(plan.objective("ULS 1"))
        #expect(uls1.risk.initial == .bandOnly(.high, .unknown))
        #expect(uls1.risk.residual.score == 6)
        for ref in ["ULS 2", "ULS 4"] {
            let first = try #require(plan.objective(ref)?.milestoneYears.first)
            #expect(first.year.label == "2009/10")
            #expect(first.entries == .missing(.unknown))
        }
        for indicator in plan.indicators {
            #expect(indicator.actuals[FinancialYear(startYear: 2008)] == .missing(.unknown), "\(indicator.ref)")
            let quartiles = try #require(indicator.quartiles[FinancialYear(startYear: 2007)])
            #expect(quartiles == Quartiles(top: .missing(.unknown), middle: .missing(.unknown), bottom: .missing(.unknown)))
            #expect(indicator.isKey == .unknown)
        }
    }

    @Test("scores and targets are those the seed prints")
    func transcribedFigures() throws {
        #expect(plan.objectives.map { $0.risk.initial.score } == [nil, 12, 8, 8, 16])
        #expect(plan.objectives.map { $0.risk.residual.score } == [6, 6, 4, 4, 8])
        let ni80 = try #require(plan.indicator("NI80"))
        #expect(ni80.baseline.value == .value(34))
        #expect(ni80.targets[FinancialYear(startYear: 2009)] == .value(40.5))
        #expect(ni80.targets[FinancialYear(startYear: 2011)] == .value(44))
        let ni104 = try #require(plan.indicator("NI104"))
        #expect(ni104.baseline.value == .missing(.newNationalIndicator))
        #expect(ni104.targets[FinancialYear(startYear: 2008)] == .missing(.baselineToBeEstablished))
        #expect(ni104.targets[FinancialYear(startYear: 2010)] == .missing(.toBeAgreed))
        #expect(plan.indicator("ULS LI2")?.targets[FinancialYear(startYear: 2008)] == .missing(.notApplicable))
        #expect(plan.indicator("ULS LI1")?.unit == .count)
    }

    @Test("achievement gaps are lower-is-better; everything else higher-is-better")
    func polarity() {
        let lower = plan.indicators.filter { $0.polarity == .lowerIsBetter }.map(\.ref)
        #expect(lower == ["NI92", "NI104", "NI105"])
        #expect(plan.indicators.allSatisfy { !$0.notes.isEmpty }, "every polarity is explained in the file")
    }

    @Test("indicator categories follow section 5.2, including the empty ones")
    func categories() {
        let groups = plan.indicatorsByCategory
        #expect(groups.map(\.category) == IndicatorCategory.allCases)
        #expect(groups.map(\.indicators.count) == [0, 0, 1, 2, 14])
    }

    @Test("the bundled file is already in canonical form: exporting it changes nothing")
    func canonical() throws {
        #expect(PlanFileWriter.yaml(plan) == (try BundledPlans.haltonText()))
    }

    @Test("export → import → export gives byte-identical YAML")
    func roundTrip() throws {
        let first = PlanFileWriter.yaml(plan)
        let again = try PlanFileReader.read(first, file: "export.yaml")
        #expect(again == plan)
        #expect(PlanFileWriter.yaml(again) == first)
    }

    @Test("risk assessments of every form round-trip")
    func assessmentForms() throws {
        var edited = plan
        edited.objectives[2].risk = RiskProfile(initial: .rated(try RiskRating(likelihood: 2, severity: 3)), residual: .unknown(.toBeAgreed))
        let text = PlanFileWriter.yaml(edited)
        #expect(text.contains("initial: {likelihood: 2, severity: 3}"))
        #expect(try PlanFileReader.read(text, file: "x.yaml") == edited)
    }

    @Test("CSV export has one row per indicator and quotes titles with commas")
    func csv() {
        let lines = IndicatorCSV.csv(plan).split(separator: "\r\n")
        #expect(lines.count == 18)
        #expect(lines[0].hasPrefix("ref,title,category"))
        #expect(lines[0].contains("target 2009/10"))
        #expect(CSVWriter.field("a, \"b\"") == "\"a, \"\"b\"\"\"")
    }
}
