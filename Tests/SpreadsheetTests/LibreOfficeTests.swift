import Foundation
import OfficeSupport
import Spreadsheet
import Testing

/// Serialized: each case starts its own soffice, and the machine is shared.
@Suite(.serialized) struct LibreOfficeTests {
    /// LibreOffice drops the CR of CR LF when it loads text, so compare with that applied.
    private func asLibreOfficeLoads(_ text: String) -> String {
        TestSupport.expectedText(text).replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test(.enabled(if: LibreOffice.isAvailable, "soffice is not installed; skipping the CSV conversion check"))
    func libreOfficeConvertsOurWorkbookToCSV() throws {
        let workbook = try XLSXWriter.write(TestSupport.sampleWorksheet())
        let rows = LibreOffice.parseCSV(try LibreOffice.convertToCSV(workbook))
        try #require(rows.count == 11, "\(rows)")
        #expect(rows[0] == ["Indicator", "Status", "Progress %", "Count", "Notes"])
        let numbers = [0.1, 1e6, 0, -2.5, 100, 33.333333333333336, 1e-7, 42, 99.9]
        for (offset, text) in TestSupport.trickyTexts.enumerated() {
            let row = rows[offset + 1]
            try #require(row.count == 5, "\(row)")
            #expect(row[0] == asLibreOfficeLoads(text), "row \(offset + 2)")
            #expect(row[1] == TestSupport.statuses[offset % 5])
            // LibreOffice writes at most 15 significant digits, like Excel's display.
            let value = try #require(Double(row[2]), "\(row[2])")
            #expect(abs(value - numbers[offset]) <= 1e-12 * max(1, abs(numbers[offset])), "\(row[2])")
            #expect(row[3] == String(offset))
            #expect(row[4] == "")
        }
        #expect(rows[10] == ["Only a label", "", "", "", ""])
    }

    @Test(.enabled(if: LibreOffice.unoPython != nil, "soffice or python3-uno missing; skipping the typing check"))
    func readsAWorkbookLibreOfficeSavedAfterTyping() throws {
        let ours = try XLSXWriter.write(TestSupport.sampleWorksheet())
        let saved = try LibreOffice.typeValues(into: ours, [
            ["B2", "text", "At risk"], ["C2", "number", "55.5"], ["D2", "number", "12"],
            ["E2", "text", "typed & <ok>"], ["E3", "text", "  spaced "], ["C3", "number", "0.1"],
        ])
        let parts = try TestSupport.unzip(saved)
        #expect(parts["xl/sharedStrings.xml"] != nil, "LibreOffice stores text in sharedStrings.xml")
        try FixtureTests.checkTypedValues(try XLSXReader().read(saved))
    }

    @Test(.enabled(if: LibreOffice.unoPython != nil, "soffice or python3-uno missing; skipping"))
    func refusesFormulaAndMarksDateTypedInLibreOffice() throws {
        let ours = try XLSXWriter.write(TestSupport.sampleWorksheet())
        let withFormula = try LibreOffice.typeValues(into: ours, [["D4", "formula", "=D2*2"]])
        #expect(throws: XLSXReadError.formulaCell("D4")) { try XLSXReader().read(withFormula) }
        let withDate = try LibreOffice.typeValues(into: ours, [["C5", "date", "45292"]])
        #expect(try XLSXReader().read(withDate)["C5"] == .date(45292))
    }

    @Test(.enabled(if: LibreOffice.isAvailable, "soffice is not installed; skipping the number format check"))
    func libreOfficeShowsOurNumberFormatsAndDates() throws {
        let workbook = try XLSXWriter.write(TestSupport.formattedWorksheet())
        let shown = LibreOffice.parseCSV(try TestSupport.convertToCSVAsShown(workbook))
        try #require(shown.count == 3, "\(shown)")
        #expect(shown[1] == ["40.5%", "50.0%", "12", "31 March 2010", "0.1", "3", "Text"])
        #expect(shown[2] == ["", "", "", "1 March 1900", "", "", ""])
        // The raw values are the numbers themselves, not 0.405.
        let raw = LibreOffice.parseCSV(try LibreOffice.convertToCSV(workbook))
        #expect(raw[1].prefix(3) == ["40.5", "50", "12"])
    }

    @Test(.enabled(if: LibreOffice.unoPython != nil, "soffice or python3-uno missing; skipping"))
    func readsNumberFormatsAndDatesLibreOfficeSaved() throws {
        let saved = try LibreOffice.typeValues(into: try XLSXWriter.write(TestSupport.formattedWorksheet()), [["F2", "number", "7"]])
        let grid = try XLSXReader().read(saved)
        #expect(grid["A2"] == .number(40.5) && grid["C2"] == .number(12) && grid["F2"] == .number(7))
        #expect(grid["D2"] == .date(40268) && grid["D3"] == .date(61))
    }
}

/// The same checks against workbooks LibreOffice 7.4 saved, committed so they run without LibreOffice.
/// Regenerate with scripts/lo-type-values.py (docs/return-sheets.md).
@Suite struct FixtureTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "xlsx", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    static func checkTypedValues(_ grid: SheetGrid) throws {
        #expect(grid.name == "Report Q1")
        #expect(grid["A1"] == .text("Indicator"))
        #expect(grid["B2"] == .text("At risk"))
        #expect(grid["C2"] == .number(55.5))
        #expect(grid["D2"] == .number(12))
        #expect(grid["E2"] == .text("typed & <ok>"))
        #expect(grid["E3"] == .text("  spaced "))
        #expect(grid["C3"] == .number(0.1))
        #expect(grid["E4"] == .empty)
        #expect(grid["A2"] == .text("a < b & \"c\" 'd' > e"))
        #expect(grid["A3"] == .text("=SUM(A1:A2)"))
        #expect(grid["A9"] == .text("_x0041_ literal"))
        // LibreOffice splits this string into rich-text runs (a fallback font for the CJK part).
        #expect(grid["A10"] == .text("emoji 👩‍👩‍👧 é ß 中文"))
        #expect(grid["C8"] == .number(1e-7))
        #expect(grid["A11"] == .text("Only a label"))
    }

    @Test func readsLibreOfficeTypedFixture() throws {
        try Self.checkTypedValues(try XLSXReader().read(try Self.fixture("libreoffice-typed")))
    }

    @Test func refusesLibreOfficeFormulaFixture() throws {
        let data = try Self.fixture("libreoffice-formula")
        #expect(throws: XLSXReadError.formulaCell("D4")) { try XLSXReader().read(data) }
    }

    @Test func marksLibreOfficeDateFixture() throws {
        let grid = try XLSXReader().read(try Self.fixture("libreoffice-date"))
        #expect(grid["C5"] == .date(45292))
        #expect(grid["C4"] == .number(0), "the cells around it stay numbers")
    }
}
