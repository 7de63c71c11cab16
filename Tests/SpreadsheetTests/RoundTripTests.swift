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
