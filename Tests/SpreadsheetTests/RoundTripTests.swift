import Foundation
import Spreadsheet
import Testing

@Suite struct RoundTripTests {
    let workbook: Data
    let parts: [String: Data]

    init() throws {
        workbook = try XLSXWriter.write(TestSupport.sampleWorksheet())
        parts = try TestSupport.unzip(workbook)
    }

    private func part(_ path: String) -> String {
        parts[path].flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }

    @Test func writesTheRequiredParts() {
        #expect(Set(parts.keys) == [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "xl/worksheets/sheet1.xml",
        ])
    }

    @Test func readsBackWhatWasWritten() throws {
        let grid = try XLSXReader().read(workbook)
        #expect(grid.name == "Report Q1")
        #expect(grid["A1"] == .text("Indicator"))
        #expect(grid["E1"] == .text("Notes"))
        for (offset, text) in TestSupport.trickyTexts.enumerated() {
            #expect(grid["A\(offset + 2)"] == .text(TestSupport.expectedText(text)), "row \(offset + 2)")
        }
        #expect(grid["B2"] == .text("Not started"))
        #expect(grid["C2"] == .number(0.1))
        #expect(grid["C3"] == .number(1e6))
        #expect(grid["C4"] == .number(0))
        #expect(grid["C5"] == .number(-2.5))
        #expect(grid["C7"] == .number(33.333333333333336))
        #expect(grid["C8"] == .number(1e-7))
        #expect(grid["E2"] == .empty)
        #expect(grid["A11"] == .text("Only a label"))
        #expect(grid["B11"] == .empty)
        #expect(grid.rowCount == 11)
        #expect(grid.columnCount == 5)
        #expect(grid.rows[2][2] == .number(1e6))
    }

    @Test func sheetIsProtectedAndOnlyInputCellsAreUnlocked() {
        let sheet = part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<sheetProtection password="DAA7" sheet="1""#))
        // Input cells use style 2, whose xf carries <protection locked="0"/>.
        #expect(sheet.contains(#"<c r="B2" s="2" t="inlineStr">"#))
        #expect(sheet.contains(#"<c r="E2" s="2" />"#))
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr">"#))
        #expect(sheet.contains(#"<c r="A2" t="inlineStr">"#))
        let styles = part("xl/styles.xml")
        #expect(styles.contains(#"<protection locked="0" />"#))
        #expect(styles.contains("<b />"))
    }

    @Test func textIsEscapedAndNeverAFormula() {
        let sheet = part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e"))
        #expect(sheet.contains("=SUM(A1:A2)"))
        #expect(!sheet.contains("<f>"))
        #expect(sheet.contains("_x005F_x0041_ literal"))
        #expect(sheet.contains("crlf&#13;\nend"))
    }

    @Test func validationsArePresent() {
        let sheet = part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<dataValidations count="3">"#))
        #expect(sheet.contains(#"type="list""#))
        #expect(sheet.contains("<formula1>&quot;Not started,On track,At risk,Off track,Complete&quot;</formula1>"))
        #expect(sheet.contains(#"type="decimal" operator="between""#))
        #expect(sheet.contains("<formula1>0</formula1><formula2>100</formula2>"))
        #expect(sheet.contains(#"type="whole" operator="greaterThanOrEqual""#))
        #expect(sheet.components(separatedBy: #"showErrorMessage="1""#).count == 4)
        #expect(sheet.contains(#"errorTitle="Invalid percentage" error="Enter a number from 0 to 100.""#))
        // Schema order: sheetData, then sheetProtection, then dataValidations.
        let data = sheet.range(of: "<sheetData")?.lowerBound
        let protection = sheet.range(of: "<sheetProtection")?.lowerBound
        let validations = sheet.range(of: "<dataValidations")?.lowerBound
        #expect(data != nil && protection != nil && validations != nil)
        if let data, let protection, let validations {
            #expect(data < protection && protection < validations)
        }
    }

    @Test func outputIsDeterministic() throws {
        #expect(try XLSXWriter.write(TestSupport.sampleWorksheet()) == workbook)
    }

    @Test func rejectsBadWriterInput() {
        var sheet = TestSupport.sampleWorksheet()
        sheet.name = "a/b"
        #expect(throws: XLSXWriteError.invalidSheetName("a/b")) { try XLSXWriter.write(sheet) }
        sheet = TestSupport.sampleWorksheet()
        sheet.rows = [[.number(.nan)]]
        #expect(throws: XLSXWriteError.nonFiniteNumber(cell: "A1")) { try XLSXWriter.write(sheet) }
        sheet = TestSupport.sampleWorksheet()
        sheet.dataValidations = [DataValidation(range: "B2:", rule: .list(["x"]), errorTitle: "", errorMessage: "")]
        #expect(throws: XLSXWriteError.invalidValidationRange("B2:")) { try XLSXWriter.write(sheet) }
        sheet.dataValidations = [DataValidation(range: "B2", rule: .list(["a,b"]), errorTitle: "", errorMessage: "")]
        #expect(throws: XLSXWriteError.self) { try XLSXWriter.write(sheet) }
    }

    @Test("row 1 is frozen as Excel writes it: the pane below row 1, the sheet selected, the cursor in the pane that scrolls")
    func frozenHeaderRow() throws {
        #expect(part("xl/worksheets/sheet1.xml").contains(#"<sheetViews><sheetView tabSelected="1" workbookViewId="0">"#
            + #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen" />"#
            + #"<selection pane="bottomLeft" activeCell="A2" sqref="A2" /></sheetView></sheetViews>"#))
        var sheet = TestSupport.sampleWorksheet()
        sheet.freezesHeaderRow = false
        let unfrozen = String(decoding: try #require(try TestSupport.unzip(try XLSXWriter.write(sheet))["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        #expect(unfrozen.contains(#"<sheetViews><sheetView tabSelected="1" workbookViewId="0" /></sheetViews>"#))
    }

    @Test("a sheet without number formats keeps the three fixed looks and no numFmts")
    func noNumberFormats() {
        let styles = part("xl/styles.xml")
        #expect(!styles.contains("numFmts") && styles.contains(#"<cellXfs count="3">"#))
    }

    @Test("number formats and dates: one numFmt per code from id 164, one xf per look and code, in order of first use")
    func numberFormatsAndDates() throws {
        let workbook = try XLSXWriter.write(TestSupport.formattedWorksheet())
        let parts = try TestSupport.unzip(workbook)
        let styles = String(decoding: try #require(parts["xl/styles.xml"]), as: UTF8.self)
        let sheet = String(decoding: try #require(parts["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        #expect(styles.contains(#"<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0&quot;%&quot;" />"#
            + #"<numFmt numFmtId="165" formatCode="0" /><numFmt numFmtId="166" formatCode="d mmmm yyyy" /></numFmts><fonts"#), "numFmts come first")
        #expect(styles.contains(#"<cellXfs count="8">"#))
        // The input look keeps its fill and unlocking; the locked looks stay locked.
        #expect(styles.contains(#"<xf numFmtId="164" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1" applyProtection="1"><protection locked="0" /></xf>"#))
        #expect(styles.contains(#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" />"#))
        #expect(styles.contains(#"<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" />"#))
        for cell in [#"<c r="A2" s="3"><v>40.5</v></c>"#, #"<c r="B2" s="4"><v>50</v></c>"#, #"<c r="C2" s="5"><v>12</v></c>"#,
                     #"<c r="D2" s="6"><v>40268</v></c>"#, #"<c r="E2"><v>0.1</v></c>"#, #"<c r="F2" s="7"><v>3</v></c>"#,
                     #"<c r="A1" s="1" t="inlineStr">"#, #"<c r="D3" s="6"><v>61</v></c>"#] {
            #expect(sheet.contains(cell), "\(cell)")
        }
        let grid = try XLSXReader().read(workbook)
        #expect(grid["A2"] == .number(40.5) && grid["B2"] == .number(50) && grid["C2"] == .number(12) && grid["F2"] == .number(3))
        #expect(grid["D2"] == .date(40268) && grid["D3"] == .date(61))
        #expect(try XLSXWriter.write(TestSupport.formattedWorksheet()) == workbook, "deterministic")
    }

    @Test func rejectsBadNumberFormats() {
        for (cell, format) in [(Cell.number(1, format: ""), ""), (.number(1, format: String(repeating: "0", count: 256)), String(repeating: "0", count: 256)),
                               (.date(CellDate(year: 2010, month: 3, day: 31)!, format: "0.00"), "0.00")] {
            let sheet = Worksheet(name: "S", rows: [[.text("x"), cell]])
            #expect(throws: XLSXWriteError.invalidNumberFormat(cell: "B1", format: format)) { try XLSXWriter.write(sheet) }
        }
        #expect(throws: Never.self) { try XLSXWriter.write(Worksheet(name: "S", rows: [[.number(1, format: "General"), .number(2, format: "#,##0.00")]])) }
    }

    @Test("dates: Excel's serial day numbers, from 1 March 1900 (61) to 31 December 9999")
    func cellDates() throws {
        #expect(CellDate(year: 2010, month: 3, day: 31)?.serial == 40268)
        #expect(CellDate(year: 2024, month: 1, day: 1)?.serial == 45292)
        #expect(CellDate(year: 1970, month: 1, day: 1)?.serial == 25569)
        #expect(CellDate(year: 1900, month: 3, day: 1)?.serial == 61)
        #expect(CellDate(year: 9999, month: 12, day: 31)?.serial == 2_958_465)
        for (y, m, d) in [(1900, 2, 28), (1900, 2, 29), (2010, 2, 29), (2010, 6, 31), (2010, 13, 1), (10000, 1, 1)] {
            #expect(CellDate(year: y, month: m, day: d) == nil, "\(y)-\(m)-\(d)")
        }
        #expect(CellDate(year: 2000, month: 2, day: 29)?.serial == 36585)
        #expect(CellDate(serial: 40268.75) == CellDate(year: 2010, month: 3, day: 31))
        #expect(CellDate(serial: 36585)?.description == "2000-02-29")
        #expect(CellDate(serial: 60) == nil && CellDate(serial: .nan) == nil && CellDate(serial: 2_958_466) == nil)
        for serial in stride(from: 61, through: 2_958_465, by: 997) {
            #expect(CellDate(serial: Double(serial))?.serial == serial)
        }
    }

    @Test func cellReferences() {
        #expect(CellReference("C4")?.row == 4)
        #expect(CellReference("AA10")?.column == 27)
        #expect(CellReference("XFD1048576")?.a1 == "XFD1048576")
        #expect(CellReference("XFE1") == nil)
        #expect(CellReference("A0") == nil)
        #expect(CellReference("1A") == nil)
        #expect(CellReference.columnName(702) == "ZZ")
        #expect(CellReference.columnName(703) == "AAA")
    }
}
