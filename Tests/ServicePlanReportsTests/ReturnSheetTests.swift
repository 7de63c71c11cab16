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
        previous.indicators["P1"] = IndicatorEntry(actual: 40.5)
        previous.indicators["C1"] = IndicatorEntry(actual: 12)
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
        #expect(lines[0].target == "50%" && lines[0].targetValue == 50)
        #expect(lines[0].lastFigure == "40.5%" && lines[0].lastValue == 40.5)
        #expect(lines[2].target == "Due 31 March 2010" && lines[2].due == CalendarDate("2010-03-31") && lines[2].targetValue == nil)
    }

    @Test("without a target for the year, column F says why: the plan's reason, or No target")
    func missingTarget() throws {
        var plan = try Self.plan()
        plan.indicators[0].targets = [Self.year: .missing(.toBeAgreed)]
        plan.indicators[1].targets = [:]
        let lines = ReturnSheet.lines(plan: plan, quarter: Self.quarter, current: nil, previous: nil, user: Self.officer)
        #expect(lines[0].target == "TBA" && lines[0].targetValue == nil && lines[0].lastValue == nil && lines[0].lastFigure == "")
        #expect(lines[1].target == "No target" && lines[1].targetValue == nil)
        let grid = try XLSXReader().read(try ReturnSheet.workbook(plan: plan, quarter: Self.quarter, lines: lines))
        #expect(grid["F2"] == .text("TBA") && grid["F3"] == .text("No target") && grid["G2"] == .empty)
    }

    @Test("the workbook: protected, inputs unlocked, a drop-down for milestone status and the unit's rule on each actual")
    func workbook() throws {
        let data = try ReturnSheet.workbook(plan: try Self.plan(), quarter: Self.quarter, lines: try Self.lines())
        let grid = try XLSXReader().read(data)
        #expect(grid["A1"] == .text("Type") && grid["J1"] == .text("Commentary"))
        #expect(grid["B2"] == .text("P1") && grid["E2"] == .text("Percentage") && grid["A4"] == .text("Milestone") && grid["C4"] == .number(42))
        let sheetXML = try #require(try Self.part(data, "xl/worksheets/sheet1.xml"))
        #expect(sheetXML.contains("<sheetProtection") && sheetXML.contains("sheet=\"1\""))
        #expect(sheetXML.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen" />"#))
        #expect(sheetXML.contains("sqref=\"H2\"") && sheetXML.contains("type=\"decimal\""))
        #expect(sheetXML.contains("type=\"whole\""), "a count's actual is a whole number")
        #expect(sheetXML.contains("type=\"list\"") && sheetXML.contains("On course,Unclear,Will not be achieved in time,Complete"))
    }

    @Test("target and last figure are numbers in the unit's format, the due date a locked date, the quarter in G's header")
    func numbersAndDates() throws {
        let data = try ReturnSheet.workbook(plan: try Self.plan(), quarter: Self.quarter, lines: try Self.lines())
        let grid = try XLSXReader().read(data)
        #expect(grid["G1"] == .text("Last figure (Q2 2009/10)") && grid["F1"] == .text("Target this quarter"))
        #expect(grid["F2"] == .number(50) && grid["G2"] == .number(40.5))
        #expect(grid["F3"] == .number(50) && grid["G3"] == .number(12))
        #expect(grid["F4"] == .date(40268) && grid["G4"] == .empty)
        #expect(try Self.format(of: "F2", in: data) == #"0"%""# && Self.format(of: "G2", in: data) == #"0.0"%""#)
        #expect(try Self.format(of: "F3", in: data) == "0" && Self.format(of: "G3", in: data) == "0")
        #expect(try Self.format(of: "F4", in: data) == "d mmmm yyyy")
        #expect(try Self.format(of: "C4", in: data) == nil, "other numbers stay General")
        #expect(try Self.isLocked("F4", in: data) && Self.isLocked("F2", in: data) && Self.isLocked("G2", in: data))
        #expect(try !Self.isLocked("H2", in: data), "the actual is still open")
    }

    @Test("each unit's format: a percentage with its sign, a count whole, the decimals the figure has up to two")
    func numberFormats() {
        #expect(ReturnSheet.numberFormat(for: .percentage, 40.5) == #"0.0"%""#)
        #expect(ReturnSheet.numberFormat(for: .percentage, 50) == #"0"%""#)
        #expect(ReturnSheet.numberFormat(for: .percentage, 40.25) == #"0.00"%""#)
        #expect(ReturnSheet.numberFormat(for: .percentage, 41.4333333) == #"0.0"%""#, "a computed share, to one place as pages show it")
        #expect(ReturnSheet.numberFormat(for: .count, 12) == "0" && ReturnSheet.numberFormat(for: .count, 37.5) == "0.0")
        for unit in [IndicatorUnit.number, .money, .ratio, .yesNo] { #expect(ReturnSheet.numberFormat(for: unit, 1.5) == nil) }
    }

    /// The number format code cell `a1` is shown with, nil for General: its `s`, that xf's numFmtId, that numFmt's code.
    static func format(of a1: String, in data: Data) throws -> String? {
        let sheet = try #require(try part(data, "xl/worksheets/sheet1.xml")), styles = try #require(try part(data, "xl/styles.xml"))
        guard let s = firstMatch(#"<c r="\#(a1)" s="(\d+)""#, in: sheet).flatMap({ Int($0) }) else { return nil }
        let xfs = matches(#"<xf [^>]*numFmtId="(\d+)""#, in: String(styles[try #require(styles.range(of: "<cellXfs")).lowerBound...]))
        guard xfs.indices.contains(s), xfs[s] != "0" else { return nil }
        return firstMatch(#"<numFmt numFmtId="\#(xfs[s])" formatCode="([^"]*)""#, in: styles)?.replacingOccurrences(of: "&quot;", with: "\"")
    }

    /// Whether cell `a1`'s xf keeps it locked once the sheet is protected.
    static func isLocked(_ a1: String, in data: Data) throws -> Bool {
        let sheet = try #require(try part(data, "xl/worksheets/sheet1.xml")), styles = try #require(try part(data, "xl/styles.xml"))
        let s = firstMatch(#"<c r="\#(a1)" s="(\d+)""#, in: sheet).flatMap { Int($0) } ?? 0
        let cellXfs = String(styles[try #require(styles.range(of: "<cellXfs")).lowerBound...])
        let xfs = Array(cellXfs.components(separatedBy: "<xf ").dropFirst())
        return !xfs[s].contains(#"locked="0""#)
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? { matches(pattern, in: text).first }

    static func part(_ data: Data, _ path: String) throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("book.xlsx")
        try data.write(to: file)
        let unzip = try LibreOffice.run("/usr/bin/python3", ["-c", "import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", file.path, path])
        return unzip.status == 0 ? unzip.output : nil
    }

    @Test("the last figure's header may name a quarter or not: sheets already sent out still upload")
    func lastFigureHeader() throws {
        let lines = try Self.lines()
        let row = ["Indicator", "P1", "", "", "", "", "", "52.5", "", ""]
        for header in ["Last figure", "Last figure (Q2 2009/10)", "Last figure (Q4 2008/09)"] {
            var columns = ReturnSheet.columns
            columns[6] = header
            let csv = Data(([columns, row].map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n").utf8)
            let upload = ReturnSheetUpload.read(csv, lines: lines)
            #expect(upload.problems == [] && upload.changes.map(\.actual) == [52.5], "\(header)")
        }
        for header in ["Last figures", "Last figure ()", "Last figure (Q2", "Target this quarter (Q3 2009/10)"] {
            var columns = ReturnSheet.columns
            columns[header.hasPrefix("Target") ? 5 : 6] = header
            let csv = Data(([columns, row].map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n").utf8)
            #expect(ReturnSheetUpload.read(csv, lines: lines).problems.first?.row == 1, "\(header)")
        }
        #expect(ReturnSheet.header(for: Self.quarter)[6] == "Last figure (Q2 2009/10)")
    }

    /// Typed "40.5%" in Excel, Actual held 0.405 and was stored as 0.405 % (found by a hostile review).
    @Test("a percentage typed the Excel way (0.405 shown as 40.5%) is read as 40.5; in a count it is refused")
    func percentFormattedActual() throws {
        let lines = try Self.lines()
        func upload(_ rows: [[Cell]]) throws -> ReturnSheetUpload {
            let header = ReturnSheet.header(for: Self.quarter).map { Cell.text($0) }
            return ReturnSheetUpload.read(try XLSXWriter.write(Worksheet(name: "Sheet", rows: [header] + rows)), lines: lines)
        }
        let percent = try upload([[.text("Indicator"), .text("P1"), .empty(), .text("t"), .text("Percentage"), .number(50), .number(41),
                                   .number(0.405, .input, format: "0.00%")]])
        #expect(percent.problems == [])
        #expect(abs((percent.changes.first?.actual ?? 0) - 40.5) < 1e-9)
        // A % inside quotes is a literal sign, as our own sheet writes it: the number is as shown.
        let literal = try upload([[.text("Indicator"), .text("P1"), .empty(), .text("t"), .text("Percentage"), .number(50), .number(41),
                                   .number(40.5, .input, format: "0.0\"%\"")]])
        #expect(literal.changes.first?.actual == 40.5)
        let count = try upload([[.text("Indicator"), .text("C1"), .empty(), .text("t"), .text("Count"), .number(50), .number(41),
                                 .number(0.5, .input, format: "0%")]])
        #expect(count.problems.map(\.description).first?.contains("is formatted as a percentage") == true, "\(count.problems)")
    }

    @Test("a date is refused where the upload reads (Actual, status, commentary, Type, Ref, ID) and accepted in the locked columns")
    func datesInAnUpload() throws {
        let lines = try Self.lines()
        let date = Cell.date(try #require(CellDate(year: 2010, month: 1, day: 22)))
        func upload(_ rows: [[Cell]]) throws -> ReturnSheetUpload {
            let header = ReturnSheet.header(for: Self.quarter).map { Cell.text($0) }
            return ReturnSheetUpload.read(try XLSXWriter.write(Worksheet(name: "Sheet", rows: [header] + rows)), lines: lines)
        }
        // Today's words for a date typed into Actual, and nothing else.
        let actual = try upload([[.text("Indicator"), .text("P1"), .empty(), .text("t"), .text("Percentage"), .number(50), .number(41), date]])
        #expect(actual.problems.map(\.description) == ["Cell H2 is formatted as a date or time; please enter a plain number or text."])
        let others = try upload([
            [.text("Indicator"), .text("P1"), .empty(), .empty(), .empty(), .empty(), .empty(), .empty(), .empty(), date],
            [.text("Milestone"), .text("O 1"), .number(42), .empty(), .empty(), .empty(), .empty(), .empty(), date],
            [.text("Milestone"), .text("O 1"), date],
        ])
        #expect(others.problems.map(\.description) == [
            "Cell J2 is formatted as a date or time; please enter a plain number or text.",
            "Cell I3 is formatted as a date or time; please enter a plain number or text.",
            "Cell C4 is formatted as a date or time; please enter a plain number or text.",
        ])
        // Dates in the columns not read (D–G) change nothing.
        let locked = try upload([[.text("Indicator"), .text("P1"), .empty(), date, date, date, date, .number(45)],
                                 [.text("Milestone"), .text("O 1"), .number(42), .empty(), .empty(), date, date, .empty(), .text("Complete")]])
        #expect(locked.problems == [] && locked.changes.map(\.actual) == [45, nil] && locked.changes[1].milestoneStatus == "complete")
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
        // A decimal comma was read as 42 (found by a hostile review): only thousands separators pass.
        ([["Indicator", "P1", "", "", "", "", "", "4,2", "", ""]], "Row 2, column H (Actual): \"4,2\" is not a number"),
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
        // The sheet's own workbook, its due date a date cell, round-trips with no change and no problem.
        #expect(try XLSXReader().read(ours)["F4"] == .date(40268))
        let same = ReturnSheetUpload.read(ours, lines: lines)
        #expect(same.problems == [] && same.changes.count == 3)
    }
}

/// The same, through LibreOffice (Debian's, headless): what a council's officer actually uses.
@Suite(.serialized) struct ReturnSheetLibreOfficeTests {
    @Test(.enabled(if: LibreOffice.isAvailable, "soffice is not installed"))
    func convertsToCSV() throws {
        let data = try ReturnSheet.workbook(plan: try ReturnSheetTests.plan(), quarter: ReturnSheetTests.quarter, lines: try ReturnSheetTests.lines())
        // As shown: the unit's formats and the date format as LibreOffice displays them.
        let rows = LibreOffice.parseCSV(try Self.convertToCSVAsShown(data))
        #expect(rows.first == ReturnSheet.header(for: ReturnSheetTests.quarter))
        #expect(rows.count == 4)
        #expect(rows[1] == ["Indicator", "P1", "", "P1 title", "Percentage", "50%", "40.5%", "", "", ""])
        #expect(rows[2] == ["Indicator", "C1", "", "C1 title", "Count", "50", "12", "", "", ""])
        #expect(rows[3] == ["Milestone", "O 1", "42", "Open the new centre", "", "31 March 2010", "", "", "", ""])
        // Raw: the numbers themselves (40.5, not 0.405).
        let raw = LibreOffice.parseCSV(try LibreOffice.convertToCSV(data))
        #expect(raw[1][5...6] == ["50", "40.5"] && raw[2][5...6] == ["50", "12"])
    }

    /// Converts with LibreOffice to CSV as the cells are shown, where `LibreOffice.convertToCSV` gives raw values.
    static func convertToCSVAsShown(_ workbook: Data) throws -> String {
        guard let soffice = LibreOffice.soffice else { throw CocoaError(.fileNoSuchFile) }
        // The ninth filter token is "save cell contents as shown".
        var tokens = LibreOffice.csvFilter.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        var options = tokens[2].split(separator: ",", omittingEmptySubsequences: false)
        options[8] = "true"
        tokens[2] = Substring(options.joined(separator: ","))
        let dir = try LibreOffice.newDirectory("csv-shown")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("book.xlsx")
        try workbook.write(to: input)
        let result = try LibreOffice.run(soffice, ["-env:UserInstallation=" + dir.appendingPathComponent("profile").absoluteString,
                                                   "--headless", "--convert-to", tokens.joined(separator: ":"), "--outdir", dir.path, input.path])
        guard let data = try? Data(contentsOf: dir.appendingPathComponent("book.csv")) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSLocalizedDescriptionKey: result.output])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Loads a workbook in headless LibreOffice (through scripts/lo-type-values.py's bridge) and
    /// prints what its view makes of the panes.
    static let paneScript = """
        import importlib.util, os, subprocess, sys, uno
        spec = importlib.util.spec_from_file_location("lo", sys.argv[1]); lo = importlib.util.module_from_spec(spec); spec.loader.exec_module(lo)
        pipe = "panes_%d" % os.getpid()
        proc = subprocess.Popen(["soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(sys.argv[3])), "--headless",
                                 "--invisible", "--norestore", "--nologo", "--nodefault", "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe])
        try:
            ctx = lo.connect(pipe, proc)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(sys.argv[2])), "_blank", 0, (lo.prop("Hidden", True),))
            view = doc.getCurrentController()
            print("frozen=%s row=%d column=%d" % (view.hasFrozenPanes(), view.getSplitRow(), view.getSplitColumn()))
            doc.close(True)
            try:
                desktop.terminate()
            except Exception:
                pass
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        """

    @Test(.enabled(if: LibreOffice.unoPython != nil, "soffice or python3-uno is not installed"))
    func libreOfficeFreezesTheHeaderRow() throws {
        let data = try ReturnSheet.workbook(plan: try ReturnSheetTests.plan(), quarter: ReturnSheetTests.quarter, lines: try ReturnSheetTests.lines())
        let dir = try LibreOffice.newDirectory("panes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = dir.appendingPathComponent("sheet.xlsx")
        try data.write(to: book)
        let python = try #require(LibreOffice.unoPython)
        let result = try LibreOffice.run(python, ["-c", Self.paneScript, LibreOffice.typingScript.path, book.path, dir.appendingPathComponent("profile").path])
        #expect(result.output.contains("frozen=True row=1 column=0"), "\(result.output)")
    }

    /// Headless LibreOffice writes no sheet view when it saves (its xlsx export takes panes from the
    /// window showing the sheet, and headless there is none), so a frozen pane, ours or one LibreOffice
    /// itself wrote, does not survive `--convert-to xlsx` (7.4). Saved from a LibreOffice window the
    /// pane it loaded (`libreOfficeFreezesTheHeaderRow`) is written back; here the loss is recorded
    /// as known, and the day headless keeps it, the pane must be row 1's.
    @Test(.enabled(if: LibreOffice.isAvailable, "soffice is not installed"))
    func frozenPaneThroughAHeadlessRoundTrip() throws {
        let data = try ReturnSheet.workbook(plan: try ReturnSheetTests.plan(), quarter: ReturnSheetTests.quarter, lines: try ReturnSheetTests.lines())
        let soffice = try #require(LibreOffice.soffice)
        let dir = try LibreOffice.newDirectory("roundtrip")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.xlsx"), output = dir.appendingPathComponent("out")
        try data.write(to: input)
        let result = try LibreOffice.run(soffice, ["-env:UserInstallation=" + dir.appendingPathComponent("profile").absoluteString,
                                                   "--headless", "--convert-to", "xlsx", "--outdir", output.path, input.path])
        let saved = try #require(try? Data(contentsOf: output.appendingPathComponent("in.xlsx")), "\(result.output)")
        let sheet = try #require(try ReturnSheetTests.part(saved, "xl/worksheets/sheet1.xml"))
        // The rest of the sheet survives: it still uploads, its due date still a date.
        #expect(try XLSXReader().read(saved)["F4"] == .date(40268))
        #expect(ReturnSheetUpload.read(saved, lines: try ReturnSheetTests.lines()).problems == [])
        let pane = ReturnSheetTests.firstMatch("(<pane [^>]*>)", in: sheet) ?? "none"
        withKnownIssue("headless LibreOffice saves no sheet view", isIntermittent: true) {
            #expect(pane.contains(#"ySplit="1""#) && pane.contains(#"state="frozen""#), "the pane LibreOffice saved: \(pane)")
        }
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
