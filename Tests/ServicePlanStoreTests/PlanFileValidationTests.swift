import Foundation
import ServicePlanDomain
import ServicePlanStore
import Testing

/// One bad edit of the Halton plan file per kind of error. Each must be refused with the file,
/// the line the edit is on, the field, the bad value and the rule.
@Suite struct PlanFileValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// The text to change (its first occurrence) and what to put instead.
        let find: String
        let replace: String
        /// The line the error must name: the first line containing `lineOf`, or else the edited line.
        var lineOf: String? = nil
        let expected: String
        var testDescription: String { expected }
    }

    static let cases: [Case] = [
        Case(find: "polarity: higherIsBetter", replace: "polarity: up",
             expected: #"indicators[0].polarity: "up" is not one of higherIsBetter, lowerIsBetter"#),
        Case(find: "initial: {score: 12}", replace: "initial: {score: 17}",
             expected: #"objectives[1].risk.initial.score: "17" is not a risk score"#),
        Case(find: "initial: {score: 12}", replace: "initial: {likelihood: 5, severity: 2}",
             expected: #"objectives[1].risk.initial.likelihood: "5" is not a likelihood from 1 to 4"#),
        Case(find: "initial: {score: 12}", replace: "initial: {likelihood: 3, severity: 4, score: 11}",
             expected: #"objectives[1].risk.initial.score: "11" is not likelihood × severity (3 × 4 = 12)"#),
        Case(find: "initial: {score: 12}", replace: "initial: {score: 12, band: low}",
             expected: "objectives[1].risk.initial.band: cannot be given with a score"),
        Case(find: "  responsibleOfficer: SSEO\n", replace: "", lineOf: "- ref: ULS 2",
             expected: "objectives[1].responsibleOfficer: is required"),
        Case(find: "  unit: count", replace: "  units: count",
             expected: #"indicators[0].units: "units" is not a field here"#),
        Case(find: "2009/10: 49,", replace: "2009/10: lots,",
             expected: #"indicators[0].targets.2009/10: "lots" is neither a number nor one of New Indicator"#),
        Case(find: "2009/10: 70,", replace: "2009/10: 170,",
             expected: #"indicators[1].targets.2009/10: "170" is not a percentage from 0 to 100"#),
        Case(find: "2009/10: 49,", replace: "2009/10: 49.5,",
             expected: #"indicators[0].targets.2009/10: "49.5" is not a count (a whole number, 0 or more)"#),
        Case(find: "- ref: ULS LI2", replace: "- ref: ULS LI1",
             expected: #"indicators[1].ref: "ULS LI1" is the ref of another indicator"#),
        Case(find: "  aggregation: cumulative\n", replace: "  aggregation: cumulative\n  profile: equalSteps\n", lineOf: "  profile: equalSteps",
             expected: #"indicators[0].profile: "equalSteps" is for snapshot indicators; a year-to-date count takes equalQuarters or seasonal"#),
        Case(find: "  aggregation: cumulative\n", replace: "  aggregation: cumulative\n  profile: {seasonal: [0.5, 0.3, 0.9]}\n",
             lineOf: "  profile: {seasonal",
             expected: #"indicators[0].profile: "seasonal 50% / 30% / 90%" needs three shares of the year (Q1, Q2, Q3), each above 0 and at most 1, never falling"#),
        Case(find: "keyAreasOfFocus: [13, 17]", replace: "keyAreasOfFocus: [13, 17, 13]",
             expected: #"keyAreasOfFocus[2]: "13" is listed twice"#),
        // Found by a hostile review: "ULS.LI1" and "ULS LI1" shared one return line's form fields.
        Case(find: "- ref: ULS LI2", replace: "- ref: ULS.LI1",
             expected: #"indicators[1].ref: "ULS.LI1" reads as ULS LI1 in addresses and forms (ULS-LI1): choose a ref that differs in a letter or digit"#),
        Case(find: ", 2011/12: 58}", replace: "}", lineOf: "targets: {2008/09: 45, 2009/10: 49, 2010/11: 53}",
             expected: "indicators[0].targets: has no target for 2011/12"),
        Case(find: "due: 2010-03-31", replace: "due: 2010-02-30",
             expected: #"objectives[0].milestones[0].items[0].due: "2010-02-30" is not a date"#),
        Case(find: "due: 2010-03-31", replace: "due: 2013-03-31",
             expected: #"objectives[0].milestones[0].items[0].due: "2013-03-31" is outside the plan period"#),
        Case(find: "objective: ULS 5", replace: "objective: ULS 9",
             expected: #"risks[3].objective: "ULS 9" is not the ref of an objective in this plan"#),
        Case(find: "areasOfFocus: [13]", replace: "areasOfFocus: [99]",
             expected: #"objectives[0].areasOfFocus[0]: "99" is not an area of focus listed under priorities"#),
        Case(find: "missing: Unknown\n", replace: "missing: Lost\n", lineOf: "    missing: Lost",
             expected: #"objectives[1].milestones[0].missing: "Lost" is not one of New Indicator"#),
        Case(find: "{School Improvement: 45,", replace: "{School Improvment: 45,",
             expected: #"staffing[0].fte.School Improvment: "School Improvment" is not one of the divisions"#),
        Case(find: "format: serviceplan/1", replace: "format: serviceplan/9",
             expected: #"format: "serviceplan/9" is not a format this version reads"#),
        Case(find: "status: draft", replace: "status: [draft",
             lineOf: "period:", expected: "(top level): is not valid YAML"),
        Case(find: "budget:\n  missing: To Follow\n",
             replace: "budget:\n  missing: To Follow\n  lines:\n  - {year: 2009/10, division: School Improvement, expenditure: 100, income: 20, net: 80}\n",
             lineOf: "  missing: To Follow", expected: #"budget.missing: "To Follow" is given with budget figures"#),
        Case(find: "  missing: To Follow\n", replace: "  missing: Soon\n", lineOf: "  missing: Soon",
             expected: #"budget.missing: "Soon" is not one of New Indicator"#),
        Case(find: "budget:\n  missing: To Follow\n",
             replace: "budget:\n  lines:\n  - {year: 2009/10, division: Schools, expenditure: 100, income: 20, net: 80}\n",
             lineOf: "division: Schools", expected: #"budget.lines[0].division: "Schools" is not one of the divisions"#),
        Case(find: "budget:\n  missing: To Follow\n",
             replace: "budget:\n  lines:\n  - {year: 2013/14, division: 14-19, expenditure: 100, income: 20, net: 80}\n",
             lineOf: "year: 2013/14", expected: #"budget.lines[0].year: "2013/14" is outside the plan period 2009/10 – 2011/12"#),
        Case(find: "budget:\n  missing: To Follow\n",
             replace: "budget:\n  lines:\n  - {year: 2009/10, division: 14-19, expenditure: 100, income: 20, net: 70}\n",
             lineOf: "net: 70", expected: #"budget.lines[0].net: "70" is not expenditure less income (100 − 20)"#),
        Case(find: "budget:\n  missing: To Follow\n",
             replace: "budget:\n  lines:\n  - {year: 2009/10, division: 14-19, expenditure: -5, income: 0, net: -5}\n",
             lineOf: "expenditure: -5", expected: #"budget.lines[0].expenditure: "-5" is below 0"#),
        Case(find: "budget:\n  missing: To Follow\n",
             replace: "budget:\n  lines:\n  - {year: 2009/10, division: 14-19, expenditure: 100, income: 20, net: 80}\n"
                + "  - {year: 2009/10, division: 14-19, expenditure: 200, income: 0, net: 200}\n",
             lineOf: "expenditure: 200", expected: #"budget.lines[1].division: "14-19" has a budget line for 2009/10 already"#),
        Case(find: "budget:\n  missing: To Follow\n",
             replace: "budget:\n  serviceCosts:\n  - {year: 2009/10, service: Music service, cost: lots}\n",
             lineOf: "cost: lots", expected: #"budget.serviceCosts[0].cost: "lots" is neither a number nor one of"#),
        Case(find: "budget:\n  missing: To Follow\n",
             replace: "budget:\n  serviceCosts:\n  - {year: 2009/10, service: Music service, cost: 10}\n  - {year: 2009/10, service: Music service, cost: 12}\n",
             lineOf: "cost: 12", expected: #"budget.serviceCosts[1].service: "Music service" has a cost for 2009/10 already"#),
        Case(find: "code: ULS", replace: "code: U/LS",
             expected: #"code: "U/LS" is not a plan code"#),
    ]

    @Test("each kind of bad input names the file, line, field, value and rule", arguments: cases)
    func refuses(_ c: Case) throws {
        let original = try BundledPlans.haltonText()
        let range = try #require(original.range(of: c.find), "the plan file no longer contains \(c.find)")
        let edited = original.replacingCharacters(in: range, with: c.replace)
        // The line of the edit itself, unless the error belongs to an enclosing line.
        let line: Int
        if let lineOf = c.lineOf {
            line = try #require(edited.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.contains(lineOf) }) + 1
        } else {
            line = original[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        }

        let error = try #require(throws: PlanFileError.self) { try PlanFileReader.read(edited, file: "plans/x.yaml") }
        #expect(error.description.hasPrefix("plans/x.yaml:\(line): \(c.expected)"), "got: \(error)")
    }

    @Test("an empty file is refused")
    func emptyFile() {
        #expect(throws: PlanFileError.self) { try PlanFileReader.read("", file: "empty.yaml") }
    }
}
