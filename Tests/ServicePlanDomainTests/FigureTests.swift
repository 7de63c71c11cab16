import ServicePlanDomain
import Testing

@Suite struct FigureTests {
    @Test("a cell is a number or the plan's exact reason", arguments: [
        ("40.5", Figure.value(40.5)), ("45", .value(45)), ("TBA", .missing(.toBeAgreed)), ("N/A", .missing(.notApplicable)),
        ("New Indicator", .missing(.newIndicator)), ("New National Indicator", .missing(.newNationalIndicator)),
        ("Baseline to be established", .missing(.baselineToBeEstablished)), ("Unknown", .missing(.unknown)),
    ])
    func parses(text: String, expected: Figure) throws {
        let figure = try Figure(parsing: text)
        #expect(figure == expected)
        #expect(figure.text == text)
    }

    @Test("anything else is refused with the list of reasons", arguments: ["tba", "40.5%", "", "NaN", "n/a"])
    func refuses(text: String) {
        #expect(throws: RuleViolation.self) { try Figure(parsing: text) }
    }

    @Test("values outside a unit's domain are refused", arguments: [
        (IndicatorUnit.percentage, 100.5), (.percentage, -1), (.count, 2.5), (.count, -1), (.ratio, -0.1), (.yesNo, 2),
    ])
    func outsideUnit(unit: IndicatorUnit, value: Double) {
        #expect(throws: RuleViolation.self) { try unit.check(value) }
    }

    @Test("values inside a unit's domain are accepted", arguments: [
        (IndicatorUnit.percentage, 0.0), (.percentage, 100), (.percentage, 40.5), (.count, 58), (.ratio, 0.25),
        (.yesNo, 1), (.money, -1200), (.number, -3.5),
    ])
    func insideUnit(unit: IndicatorUnit, value: Double) throws {
        try unit.check(value)
    }

    @Test("choices name the allowed values when refusing")
    func choiceMessage() {
        #expect(throws: RuleViolation(value: "up", rule: "is not one of higherIsBetter, lowerIsBetter")) {
            try Polarity(parsing: "up")
        }
    }
}
