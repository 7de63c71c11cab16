import Foundation
@testable import Spreadsheet
import Testing

/// Reader behaviour on input shaped like Excel's and other producers', not only ours.
@Suite struct ReaderTests {
    @Test func readsExcelStyleCellTypes() throws {
        var book = HandMadeWorkbook()
        book.sheetPath = "xl/worksheets/data.xml"
        book.sheetTarget = "/xl/worksheets/data.xml"
        book.sharedStrings = [
            "<t>plain</t>",
            #"<r><rPr><b/></rPr><t xml:space="preserve">bold </t></r><r><t>rest</t></r>"#,
            #"<t xml:space="preserve">  keep  </t>"#,
            "<t/>",
            "<t>a_x000D_b</t>",
            #"<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh>"#,
        ]
        book.sheetData = """
            <row r="2">
              <c r="A2" t="s"><v>0</v></c>
              <c r="B2" t="s"><v>1</v></c>
              <c r="C2" t="s"><v>2</v></c>
              <c r="D2" t="s"><v>3</v></c>
              <c r="E2" t="s"><v>4</v></c>
              <c r="F2" t="s"><v>5</v></c>
            </row>
            <row r="5">
              <c r="A5"><v>1.5</v></c>
              <c r="B5" t="n"><v>-3E-2</v></c>
              <c r="C5" t="b"><v>1</v></c>
              <c r="D5" t="b"><v>0</v></c>
              <c r="E5" t="e"><v>#DIV/0!</v></c>
              <c r="F5" t="str"><v>cached</v></c>
              <c r="G5" t="inlineStr"><is><t>inline</t></is></c>
              <c r="H5" s="0"/>
              <c r="J5"><v>7</v></c>
            </row>
            <row><c><v>1</v></c><c><v>2</v></c></row>
            <row r="8"><c r="A8"><v/></c><c r="B8" t="s"><v></v></c><c r="C8" t="str"><v/></c></row>
            """
        let grid = try XLSXReader().read(try book.build())
        #expect(grid.name == "Data")
        #expect(grid["A2"] == .text("plain"))
        #expect(grid["B2"] == .text("bold rest"))
        #expect(grid["C2"] == .text("  keep  "))
        #expect(grid["D2"] == .text(""))
        #expect(grid["E2"] == .text("a\rb"))
        #expect(grid["F2"] == .text("漢字"), "phonetic runs are not part of the value")
        #expect(grid["A5"] == .number(1.5))
        #expect(grid["B5"] == .number(-0.03))
        #expect(grid["C5"] == .boolean(true))
        #expect(grid["D5"] == .boolean(false))
        #expect(grid["E5"] == .error("#DIV/0!"))
        #expect(grid["F5"] == .text("cached"))
        #expect(grid["G5"] == .text("inline"))
        #expect(grid["H5"] == .empty)
        #expect(grid["I5"] == .empty)
        #expect(grid["J5"] == .number(7))
        #expect(grid["A6"] == .number(1), "a row without r follows the previous row")
        #expect(grid["B6"] == .number(2))
        #expect(grid["A8"] == .empty)
        #expect(grid["B8"] == .empty)
        #expect(grid["C8"] == .text(""))
        #expect(grid.rowCount == 8)
        #expect(grid.cells.first?.reference.a1 == "A2")
    }

    @Test func readsSheetByName() throws {
        let data = try XLSXWriter.write(TestSupport.sampleWorksheet())
        #expect(try XLSXReader().sheetNames(in: data) == ["Report Q1"])
        #expect(try XLSXReader().read(data, sheetName: "Report Q1")["A1"] == .text("Indicator"))
        #expect(throws: XLSXReadError.missingSheet("Nope")) { try XLSXReader().read(data, sheetName: "Nope") }
    }

    @Test func dateFormatDetection() {
        for id in [14, 15, 17, 20, 22, 45, 46, 47] {
            #expect(NumberFormat.isDate(id: id, customCodes: [:]), "\(id)")
        }
        for id in [0, 1, 2, 9, 10, 11, 49] {
            #expect(!NumberFormat.isDate(id: id, customCodes: [:]), "\(id)")
        }
        for code in ["yyyy-mm-dd", "[$-409]mm/dd/yy", "h:mm AM/PM", "[h]", "d\"x\"", "DD.MM.YYYY"] {
            #expect(NumberFormat.isDate(code: code), "\(code)")
        }
        for code in ["General", "0.00", "0.0%", "#,##0 \"days\"", "[Red]0.00", "0.00E+00", "\\d0", "[$$-409]#,##0.00", "_-* #,##0_-"] {
            #expect(!NumberFormat.isDate(code: code), "\(code)")
        }
        #expect(NumberFormat.isDate(id: 164, customCodes: [164: "dd/mm/yyyy"]))
        #expect(!NumberFormat.isDate(id: 14, customCodes: [14: "0.00"]), "a custom code overrides the built-in id")
    }

    @Test func passwordHashMatchesExcel() {
        // Reference values from openpyxl's hash_password and LibreOffice's own export ("daa7").
        #expect(PasswordHash.legacyHex("secret") == "DAA7")
        #expect(PasswordHash.legacyHex("") == "CE4B")
    }

    @Test func ooxmlEscapes() {
        #expect(XMLText.escapingOOXML("_x0041_ and _x12_") == "_x005F_x0041_ and _x12_")
        #expect(XMLText.unescapingOOXML("_x005F_x0041_ _x0041_ _xZZZZ_") == "_x0041_ A _xZZZZ_")
        #expect(XMLText.sanitized("a\u{0}b\u{B}c\u{FFFE}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
    }
}
