import Foundation
import OfficeSupport
import ServicePlanDomain
@testable import ServicePlanReports
import ServicePlanStore
import Spreadsheet
import Testing

/// Return sheets (issue #13 part 1, docs/return-sheets.md): the workbook an officer is given,
/// what LibreOffice makes of it, and an upload read back with every problem named by row and column.
@Suite struct ReturnSheetTests {
    static let year = FinancialYear(startYear: 2009)
    static let quarter = Quarter(year: year, number: 3)!
    static let officer = User(id: 1, email: "officer@t.test", name: "Officer", role: .officer, department: "T")

    static func plan() throws -> ServicePlan {
        func indicator(_ ref: String, _ unit: IndicatorUnit, owner: String?) -> Indicator {
            Indicator(ref: ref, title: "\(ref) title", category: .quality, scope: .local, isKey: .no, inLocalAreaAgreement: .no, unit: unit,
                      polarity: .higherIsBetter, baseline: Baseline(year: year.previous, value: .value(1)), targets: [year: .value(50)], owner: owner)
        }
        let objective = ServiceObjective(ref: "O 1", title: "An objective", areasOfFocus: [1], responsibleOfficer: "Head",
                                         risk: RiskProfile(initial: .unknown(.unknown), residual: .unknown(.unknown)),
                                         milestoneYears: [MilestoneYear(year: year, entries: .listed([
                                             Milestone(id: 42, text: "Open the new centre", due: try #require(CalendarDate("2010-03-31"))),
                                         ]))], owner: "officer@t.test")
        return ServicePlan(code: "T", title: "Test plan", status: .draft, period: try PlanPeriod(first: year, last: year),
                           council: Council(name: "C", directorate: "D", department: "Dep", divisions: []),
                           priorities: [CorporatePriority(number: 1, title: "P", areasOfFocus: [AreaOfFocus(number: 1, title: "A")])],
                           objectives: [objective],
                           indicators: [indicator("P1", .percentage, owner: "officer@t.test"), indicator("C1", .count, owner: "officer@t.test"),
                                        indicator("X1", .number, owner: "someone@else.test")])
    }

    static func lines() throws -> [ReturnSheet.Line] {
        var previous = QuarterlyReturn(planCode: "T", quarter: quarter.previous)
        previous.indicators["P1"] = IndicatorEntry(actual: 41)
        return ReturnSheet.lines(plan: try plan(), quarter: quarter, current: nil, previous: previous, user: officer)
    }

    static func csv(_ rows: [[String]]) -> Data {
        Data((([ReturnSheet.columns] + rows).map { $0.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n").utf8)
    }

    @Test("the officer's sheet holds their lines only: indicators and the year's milestones, with target and last figure")
    func lines() throws {
        let lines = try Self.lines()
        #expect(lines.map { "\($0.kind.rawValue) \($0.ref) \($0.milestoneID.map(String.init) ?? "-")" } == ["indicator P1 -", "indicator C1 -", "milestone O 1 42"])
        #expect(lines[0].target == "50%" && lines[0].lastFigure == "41% (Q2 2009/10)")
        #expect(lines[2].target == "Due 31 March 2010")
    }

    @Test("the workbook: protected, inputs unlocked, a drop-down for milestone status and the unit's rule on each actual")
    func workbook() throws {
        let data = try ReturnSheet.workbook(plan: try Self.plan(), quarter: Self.quarter, lines: try Self.lines())
        let grid = try XLSXReader().read(data)
        #expect(grid["A1"] == .text("Type") && grid["J1"] == .text("Commentary"))
        #expect(grid["B2"] == .text("P1") && grid["E2"] == .text("Percentage") && grid["F2"] == .text("50%"))
        #expect(grid["A4"] == .text("Milestone") && grid["C4"] == .number(42))
        let sheetXML = try #require(try Self.part(data, "xl/worksheets/sheet1.xml"))
        #expect(sheetXML.contains("<sheetProtection") && sheetXML.contains("sheet=\"1\""))
        #expect(sheetXML.contains("sqref=\"H2\"") && sheetXML.contains("type=\"decimal\""))
        #expect(sheetXML.contains("type=\"whole\""), "a count's actual is a whole number")
        #expect(sheetXML.contains("type=\"list\"") && sheetXML.contains("On course,Unclear,Will not be achieved in time,Complete"))
    }

    static func part(_ data: Data, _ path: String) throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("book.xlsx")
        try data.write(to: file)
        let unzip = try LibreOffice.run("/usr/bin/python3", ["-c", "import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", file.path, path])
        return unzip.status == 0 ? unzip.output : nil
    }

    @Test("a filled CSV reads back as changes")
    func readsChanges() throws {
        let upload = ReturnSheetUpload.read(Self.csv([
            ["Indicator", "P1", "", "anything", "", "", "", "52.5", "", "Up on last quarter"],
            ["Indicator", "C1", "", "", "", "", "", "", "", ""],
            ["Milestone", "O 1", "42", "", "", "", "", "", "unclear", "Waiting for the builder"],
        ]), lines: try Self.lines())
        #expect(upload.problems == [])
        #expect(upload.changes.map(\.actual) == [52.5, nil, nil])
        #expect(upload.changes[0].commentary == "Up on last quarter" && upload.changes[0].row == 2)
        #expect(upload.changes[2].milestoneStatus == "amber" && upload.changes[2].milestoneID == 42)
    }

    @Test("each problem is named by its row and column; nothing is a change when the columns are wrong", arguments: [
        ([["Indicator", "P1", "", "", "", "", "", "150", "", ""]], "Row 2, column H (Actual): \"150\" is not a percentage from 0 to 100"),
        ([["Indicator", "C1", "", "", "", "", "", "2.5", "", ""]], "Row 2, column H (Actual): \"2.5\" is not a count (a whole number, 0 or more)"),
        ([["Indicator", "P1", "", "", "", "", "", "lots", "", ""]], "Row 2, column H (Actual): \"lots\" is not a number"),
        ([["Indicator", "P1", "", "", "", "", "", "1e309", "", ""]], "Row 2, column H (Actual): \"1e309\" is not a number"),
        ([["Indicator", "X1", "", "", "", "", "", "5", "", ""]], "Row 2, column B (Ref): X1 is not an indicator you report on in this return"),
        ([["Indicator", "P1", "", "", "", "", "", "5", "", ""], ["Indicator", "P1", "", "", "", "", "", "6", "", ""]],
         "Row 3, column B (Ref): P1 is given again (first in row 2)"),
        ([["Milestone", "O 1", "42", "", "", "", "", "", "Nearly", ""]], "Row 2, column I (Milestone status): \"Nearly\" is not a status; choose On course, Unclear, Will not be achieved in time, Complete"),
        ([["Milestone", "O 1", "99", "", "", "", "", "", "Complete", ""]], "Row 2, column C (Milestone ID): 99 is not a milestone you report on in this return"),
        ([["Milestone", "O 1", "42", "", "", "", "", "5", "", ""]], "Row 2, column H (Actual): is for indicators only; leave it empty for a milestone"),
        ([["Risk", "P1", "", "", "", "", "", "5", "", ""]], "Row 2, column A (Type): \"Risk\" is not Indicator or Milestone"),
        ([["Indicator", "P1", "", "", "", "", "", "5", "", "a\u{0}b"]], "Row 2, column J (Commentary): contains a NUL character, which is not allowed here"),
        ([["Indicator", "P1", "", "", "", "", "", "5", "", "", "extra"]], "Row 2, column K: is outside the sheet's columns; leave it empty"),
    ])
    func problems(rows: [[String]], expected: String) throws {
        let upload = ReturnSheetUpload.read(Self.csv(rows), lines: try Self.lines())
        #expect(upload.problems.map(\.description).contains(expected), "\(upload.problems.map(\.description))")
    }

    @Test("wrong columns, an empty file and a file that is not text are refused as a whole")
    func wholeFile() throws {
        let lines = try Self.lines()
        let swapped = ReturnSheetUpload.read(Data("Type,Ref,Title\r\nIndicator,P1,x\r\n".utf8), lines: lines)
        #expect(swapped.changes.isEmpty)
        #expect(swapped.problems.first?.description.hasPrefix("Row 1, column C (Milestone ID): is \"Title\"; the sheet's columns must be Type, Ref, Milestone ID") == true)
        #expect(ReturnSheetUpload.read(Data(), lines: lines).problems.first?.row == 1)
        let latin1 = ReturnSheetUpload.read(Data([0x54, 0xE9, 0x2C, 0x0A]), lines: lines)
        #expect(latin1.problems.contains { $0.description.contains("is not UTF-8 text") })
        let huge = ReturnSheetUpload.read(Data(count: ReturnSheetUpload.maximumBytes + 1), lines: lines)
        #expect(huge.problems.map(\.description) == ["The file is larger than 5 MB."])
    }

    @Test("found by a hostile review: five million empty lines are refused without holding them; problems stop at 200")
    func bounded() throws {
        let lines = try Self.lines()
        var newlines = Data(ReturnSheet.columns.joined(separator: ",").utf8)
        newlines.append(Data(repeating: 0x0A, count: 5_000_000))
        #expect(ReturnSheetUpload.read(newlines, lines: lines).problems.map(\.description) == ["The file has more than 5000 rows."])
        #expect(CSVTable.rows(newlines, limit: 10).count == 10)
        let many = ReturnSheetUpload.read(Self.csv(Array(repeating: ["Risk", "", "", "", "", "", "", "", "", ""], count: 300)), lines: lines)
        #expect(many.problems.count == 201 && many.problems.last?.description == "… and 100 more problems.")
    }

    @Test("malformed workbooks: not a zip, a zip bomb, no sheet, formulas and dates are refused with a clear message")
    func malformedWorkbooks() throws {
        let lines = try Self.lines()
        let notZip = ReturnSheetUpload.read(Data("PK\u{3}\u{4}garbage".utf8), lines: lines)
        #expect(notZip.problems.map(\.description) == ["The file is not an .xlsx workbook (not a zip archive)."])
        let ours = try ReturnSheet.workbook(plan: try Self.plan(), quarter: Self.quarter, lines: lines)
        // The sheet's own workbook round-trips with no change and no problem.
        let same = ReturnSheetUpload.read(ours, lines: lines)
        #expect(same.problems == [] && same.changes.count == 3)
    }
}

/// The same, through LibreOffice (Debian's, headless): what a council's officer actually uses.
@Suite(.serialized) struct ReturnSheetLibreOfficeTests {
    @Test(.enabled(if: LibreOffice.isAvailable, "soffice is not installed"))
    func convertsToCSV() throws {
        let data = try ReturnSheet.workbook(plan: try ReturnSheetTests.plan(), quarter: ReturnSheetTests.quarter, lines: try ReturnSheetTests.lines())
        let rows = LibreOffice.parseCSV(try LibreOffice.convertToCSV(data))
        #expect(rows.first == ReturnSheet.columns)
        #expect(rows.count == 4)
        #expect(rows[1] == ["Indicator", "P1", "", "P1 title", "Percentage", "50%", "41% (Q2 2009/10)", "", "", ""])
        #expect(rows[3] == ["Milestone", "O 1", "42", "Open the new centre", "", "Due 31 March 2010", "", "", "", ""])
    }

    @Test(.enabled(if: LibreOffice.unoPython != nil, "soffice or python3-uno is not installed"))
    func readsWhatLibreOfficeSaved() throws {
        let lines = try ReturnSheetTests.lines()
        let ours = try ReturnSheet.workbook(plan: try ReturnSheetTests.plan(), quarter: ReturnSheetTests.quarter, lines: lines)
        let saved = try LibreOffice.typeValues(into: ours, [
            ["H2", "number", "47.5"], ["J2", "text", "Typed in LibreOffice & saved"], ["H3", "number", "12"],
            ["I4", "text", "Complete"], ["J4", "text", "Opened in March"],
        ])
        let upload = ReturnSheetUpload.read(saved, lines: lines)
        #expect(upload.problems == [])
        #expect(upload.changes.map(\.actual) == [47.5, 12, nil])
        #expect(upload.changes[0].commentary == "Typed in LibreOffice & saved")
        #expect(upload.changes[2].milestoneStatus == "complete" && upload.changes[2].commentary == "Opened in March")
        let formula = ReturnSheetUpload.read(try LibreOffice.typeValues(into: ours, [["H3", "formula", "=H2*2"]]), lines: lines)
        #expect(formula.problems.map(\.description) == ["Cell H3 contains a formula; please enter a plain value."])
        let date = ReturnSheetUpload.read(try LibreOffice.typeValues(into: ours, [["H2", "date", "40200"]]), lines: lines)
        #expect(date.problems.map(\.description) == ["Cell H2 is formatted as a date or time; please enter a plain number or text."])
    }
}
