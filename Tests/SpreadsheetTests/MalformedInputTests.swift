import Foundation
@testable import Spreadsheet
import Testing
import ZIPFoundation

/// Files the reader must refuse with a clear, typed error.
@Suite struct MalformedInputTests {
    @Test func notAZip() {
        #expect(throws: XLSXReadError.notAZip) { try XLSXReader().read(Data("hello, not a zip".utf8)) }
        #expect(throws: XLSXReadError.notAZip) { try XLSXReader().read(Data()) }
        // A CSV renamed to .xlsx is the classic officer mistake.
        #expect(throws: XLSXReadError.notAZip) { try XLSXReader().read(Data("a,b\n1,2\n".utf8)) }
    }

    @Test func zipWithoutWorkbook() throws {
        let data = try TestSupport.zip([("hello.txt", Data("hi".utf8))])
        #expect(throws: XLSXReadError.missingPart("xl/workbook.xml")) { try XLSXReader().read(data) }
    }

    @Test func missingSheetPart() throws {
        var book = HandMadeWorkbook()
        book.includeSheet = false
        #expect(throws: XLSXReadError.missingSheet("Data")) { try XLSXReader().read(try book.build()) }
        book = HandMadeWorkbook()
        book.sheetData = ""
        book.sheetTarget = "worksheets/other.xml"
        #expect(throws: XLSXReadError.missingSheet("Data")) { try XLSXReader().read(try book.build()) }
    }

    @Test func workbookWithNoSheets() throws {
        let ours = try XLSXWriter.write(TestSupport.sampleWorksheet())
        let data = try TestSupport.replacing("xl/workbook.xml", with: """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>
            """, in: ours)
        #expect(throws: XLSXReadError.missingSheet(nil)) { try XLSXReader().read(data) }
    }

    /// 100 MB of zeros deflates to about 100 KB; the reader must stop at its per-part limit.
    @Test func zipBombHonestHeader() throws {
        let data = try bomb()
        #expect(data.count < 1_000_000)
        #expect(throws: XLSXReadError.partTooLarge(path: "xl/worksheets/sheet1.xml", limit: 10_000_000)) {
            try XLSXReader().read(data)
        }
    }

    /// The same bomb with the sizes in the local header and central directory rewritten to 1 KB:
    /// only the byte count taken while inflating can catch it.
    @Test func zipBombLyingHeader() throws {
        var data = try bomb()
        let declared = UInt32(1_000)
        patchSizes(in: &data, signature: 0x0403_4b50, uncompressedSizeOffset: 22, to: declared)
        patchSizes(in: &data, signature: 0x0201_4b50, uncompressedSizeOffset: 24, to: declared)
        do {
            _ = try XLSXReader().read(data)
            Issue.record("a lying zip bomb was accepted")
        } catch {
            switch error {
            case .partTooLarge, .corruptPart: break // both stop before inflating 100 MB into memory
            default: Issue.record("unexpected \(error)")
            }
            print("lying zip bomb refused with: \(error)")
        }
    }

    @Test func totalSizeAndEntryLimits() throws {
        let ours = try XLSXWriter.write(TestSupport.sampleWorksheet())
        #expect(throws: XLSXReadError.archiveTooLarge(limit: 3_000)) {
            try XLSXReader(limits: ReadLimits(maxTotalBytes: 3_000)).read(ours)
        }
        #expect(throws: XLSXReadError.tooManyEntries(limit: 5)) {
            try XLSXReader(limits: ReadLimits(maxEntries: 5)).read(ours)
        }
    }

    @Test func rowAndColumnLimits() throws {
        let ours = try XLSXWriter.write(TestSupport.sampleWorksheet())
        #expect(throws: XLSXReadError.tooManyRows(limit: 10)) { try XLSXReader(limits: ReadLimits(maxRows: 10)).read(ours) }
        #expect(throws: XLSXReadError.tooManyColumns(limit: 4)) { try XLSXReader(limits: ReadLimits(maxColumns: 4)).read(ours) }
        var book = HandMadeWorkbook()
        book.sheetData = #"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#
        #expect(throws: XLSXReadError.tooManyRows(limit: 10_000)) { try XLSXReader().read(try book.build()) }
    }

    @Test func formulaCells() throws {
        var book = HandMadeWorkbook()
        book.sheetData = #"<row r="4"><c r="B4"><v>1</v></c><c r="C4"><f>SUM(A1:A3)</f><v>6</v></c></row>"#
        #expect(throws: XLSXReadError.formulaCell("C4")) { try XLSXReader().read(try book.build()) }
        book.sheetData = #"<row r="2"><c r="A2" t="str"><f t="shared" si="0"/><v>x</v></c></row>"#
        #expect(throws: XLSXReadError.formulaCell("A2")) { try XLSXReader().read(try book.build()) }
        #expect(XLSXReadError.formulaCell("C4").description.contains("C4"))
    }

    /// Dates are read, marked as dates rather than passed off as numbers: callers refuse them where they read a plain value.
    @Test func dateFormattedNumberCells() throws {
        var book = HandMadeWorkbook()
        book.cellXfs += #"<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        book.sheetData = #"<row r="3"><c r="A3" s="0"><v>5</v></c><c r="B3" s="1"><v>45292</v></c><c r="C3" s="1"/></row>"#
        var grid = try XLSXReader().read(try book.build())
        #expect(grid["A3"] == .number(5) && grid["B3"] == .date(45292))
        #expect(grid["C3"] == .empty, "an empty date-formatted cell is empty")

        book = HandMadeWorkbook()
        book.numFmts = #"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="0.0&quot; days&quot;"/></numFmts>"#
        book.cellXfs += #"<xf numFmtId="165"/><xf numFmtId="164"/>"#
        book.sheetData = #"<row r="1"><c r="A1" s="1"><v>3</v></c><c r="B1" s="2"><v>45292.75</v></c></row>"#
        grid = try XLSXReader().read(try book.build())
        #expect(grid["A1"] == .number(3), "a \"days\" literal is not a date")
        #expect(grid["B1"] == .date(45292.75))
        #expect(grid["B1"].description == "date(2024-01-01)")

        book.sheetData = #"<row r="1"><c r="B1" s="2"><v>1e99x</v></c></row>"#
        #expect(throws: XLSXReadError.invalidCellValue(cell: "B1", value: "1e99x")) { try XLSXReader().read(try book.build()) }
    }

    @Test("ISO 8601 t=\"d\" cells are dates too; text that is no date is refused")
    func isoDateCells() throws {
        var book = HandMadeWorkbook()
        let cases: [(String, Double)] = [("2024-01-01", 45292), ("2024-01-01T18:00:00Z", 45292.75), ("2010-03-31T06:00", 40268.25),
                                         ("2024-01-01T12:00:00.000+01:00", 45292.5)]
        for (text, serial) in cases {
            book.sheetData = #"<row r="1"><c r="B1" t="d"><v>\#(text)</v></c></row>"#
            #expect(try XLSXReader().read(try book.build())["B1"] == .date(serial), "\(text)")
        }
        for text in ["yesterday", "2024-02-30", "2024-1-01", "2024-01-01T25:00", "2024-01-01Tnoon"] {
            book.sheetData = #"<row r="1"><c r="B1" t="d"><v>\#(text)</v></c></row>"#
            #expect(throws: XLSXReadError.invalidCellValue(cell: "B1", value: text)) { try XLSXReader().read(try book.build()) }
        }
        book.sheetData = #"<row r="1"><c r="B1" t="d"/></row>"#
        #expect(try XLSXReader().read(try book.build())["B1"] == .empty)
    }

    @Test func malformedXMLAndValues() throws {
        var book = HandMadeWorkbook()
        book.sheetData = "<row r=\"1\"><c r=\"A1\"><v>1</v></row>"
        #expect(throws: XLSXReadError.self) { try XLSXReader().read(try book.build()) }
        book.sheetData = #"<row r="1"><c r="A1"><v>abc</v></c></row>"#
        #expect(throws: XLSXReadError.invalidCellValue(cell: "A1", value: "abc")) { try XLSXReader().read(try book.build()) }
        book.sheetData = #"<row r="1"><c r="A1" t="s"><v>3</v></c></row>"#
        book.sharedStrings = ["<t>only one</t>"]
        #expect(throws: XLSXReadError.invalidCellValue(cell: "A1", value: "3")) { try XLSXReader().read(try book.build()) }
        book.sheetData = #"<row r="1"><c r="1A"><v>1</v></c></row>"#
        #expect(throws: XLSXReadError.invalidCellReference("1A")) { try XLSXReader().read(try book.build()) }
    }

    @Test func refusesDoctype() throws {
        let ours = try XLSXWriter.write(TestSupport.sampleWorksheet())
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>
            """
        let data = try TestSupport.replacing("xl/worksheets/sheet1.xml", with: laughs, in: ours)
        #expect(throws: XLSXReadError.malformedXML(path: "xl/worksheets/sheet1.xml", reason: "DOCTYPE declarations are not allowed.")) {
            try XLSXReader().read(data)
        }
    }

    // MARK: - Found by a hostile review

    @Test("a part nested thousands deep is refused before it is parsed (it crashed the server)")
    func deepNesting() throws {
        var book = HandMadeWorkbook()
        book.sheetData = String(repeating: "<x>", count: 10_000) + String(repeating: "</x>", count: 10_000)
        #expect(throws: XLSXReadError.malformedXML(path: "xl/worksheets/sheet1.xml", reason: "its elements are nested more than 32 deep")) {
            try XLSXReader().read(try book.build())
        }
    }

    @Test("a part of too many elements is refused before it is parsed (tiny files cost half a minute)")
    func manyElements() throws {
        var book = HandMadeWorkbook()
        book.sheetData = String(repeating: "<row/>", count: 2_001)
        let limits = ReadLimits(maxElements: 2_000)
        #expect(throws: XLSXReadError.malformedXML(path: "xl/worksheets/sheet1.xml", reason: "it has more than 2000 elements and attributes")) {
            try XLSXReader(limits: limits).read(try book.build())
        }
        book.sharedStrings = Array(repeating: "<t>x</t>", count: 1_500)
        book.sheetData = ""
        #expect(throws: XLSXReadError.malformedXML(path: "xl/sharedStrings.xml", reason: "it has more than 2000 elements and attributes")) {
            try XLSXReader(limits: limits).read(try book.build())
        }
    }

    /// A 68 KB workbook of one 9,000,000-character shared string used by 4,000 cells cost 91 s
    /// of CPU: each shared string is now checked once and the text cells expand to is counted.
    @Test("a shared string longer than a cell holds, or one repeated past the sheet's text limit, is refused before per-cell work")
    func sharedStringAmplification() throws {
        var book = HandMadeWorkbook()
        book.sharedStrings = ["<t>" + String(repeating: "a", count: 9_000_000) + "</t>"]
        book.sheetData = (1...4_000).map { #"<row r="\#($0)"><c r="A\#($0)" t="s"><v>0</v></c></row>"# }.joined()
        #expect(throws: XLSXReadError.cellTooLong(cell: nil, limit: 32_767)) { try XLSXReader().read(try book.build()) }
        // Within the per-cell limit, the sum over the cells that use it is what is bounded.
        book.sharedStrings = ["<t>" + String(repeating: "a", count: 30_000) + "</t>"]
        #expect(throws: XLSXReadError.tooMuchText(limit: 5_000_000)) { try XLSXReader().read(try book.build()) }
        // An inline string is one cell's own text: the same per-cell limit, named by its cell.
        book.sharedStrings = []
        book.sheetData = #"<row r="1"><c r="B1" t="inlineStr"><is><t>"# + String(repeating: "b", count: 40_000) + "</t></is></c></row>"
        #expect(throws: XLSXReadError.cellTooLong(cell: "B1", limit: 32_767)) { try XLSXReader().read(try book.build()) }
    }

    /// A 900 KB cell of 400,000 empty attributes cost 47 s to parse: attributes count toward the
    /// part's nodes, and an element may carry only so many (found by a hostile review).
    @Test("attributes count as nodes, and an element with hundreds of them is refused before parsing")
    func manyAttributes() throws {
        var book = HandMadeWorkbook()
        book.sheetData = #"<row r="2"><c r="H2" "# + (0..<1_000).map { "a\($0)=\"\"" }.joined(separator: " ") + "><v>1</v></c></row>"
        #expect(throws: XLSXReadError.malformedXML(path: "xl/worksheets/sheet1.xml", reason: "an element has more than 64 attributes")) {
            try XLSXReader().read(try book.build())
        }
        book.sheetData = (1...300).map { #"<row r="\#($0)"><c r="A\#($0)" s="0" t="n"><v>1</v></c></row>"# }.joined()
        #expect(throws: XLSXReadError.malformedXML(path: "xl/worksheets/sheet1.xml", reason: "it has more than 2000 elements and attributes")) {
            try XLSXReader(limits: ReadLimits(maxElements: 2_000)).read(try book.build())
        }
    }

    @Test("a formula or a date style behind a namespace prefix is still found")
    func prefixes() throws {
        var book = HandMadeWorkbook()
        book.sheetData = #"<row r="2"><c r="H2"><x:f xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">HYPERLINK("http://evil")</x:f><v>45</v></c></row>"#
        #expect(throws: XLSXReadError.formulaCell("H2")) { try XLSXReader().read(try book.build()) }
        for code in ["[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "B2e", "ggge"] {
            #expect(NumberFormat.isDate(code: code), "\(code)")
        }
        for code in ["General", "0.00E+00", "#,##0.00"] { #expect(!NumberFormat.isDate(code: code), "\(code)") }
    }

    @Test("a part in UTF-16 is refused: it could hide a DOCTYPE from the byte search")
    func notUTF8() throws {
        let ours = try XLSXWriter.write(TestSupport.sampleWorksheet())
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>"
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(xml.data(using: .utf16LittleEndian) ?? Data())
        let data = try TestSupport.replacing("xl/worksheets/sheet1.xml", with: utf16, in: ours)
        #expect(throws: XLSXReadError.malformedXML(path: "xl/worksheets/sheet1.xml", reason: "it is not UTF-8 text")) { try XLSXReader().read(data) }
    }

    // MARK: - Helpers

    /// A valid workbook whose sheet part is 100 MB of zeros.
    private func bomb() throws -> Data {
        let ours = try TestSupport.unzip(try XLSXWriter.write(TestSupport.sampleWorksheet()))
        let size = 100 * 1024 * 1024
        let archive = try Archive(accessMode: .create)
        for (path, data) in ours where path != "xl/worksheets/sheet1.xml" {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, chunk in
                data.subdata(in: Int(position)..<min(Int(position) + chunk, data.count))
            }
        }
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(size),
                             compressionMethod: .deflate, bufferSize: 1 << 20) { _, chunk in Data(count: chunk) }
        return try #require(archive.data)
    }

    /// Overwrites the 32-bit uncompressed size in every header with `signature` that names the sheet part.
    private func patchSizes(in data: inout Data, signature: UInt32, uncompressedSizeOffset: Int, to value: UInt32) {
        let name = Data("xl/worksheets/sheet1.xml".utf8)
        let magic = withUnsafeBytes(of: signature.littleEndian) { Data($0) }
        var searchStart = data.startIndex
        while let hit = data.range(of: magic, in: searchStart..<data.endIndex) {
            searchStart = hit.upperBound
            let nameOffset = hit.lowerBound + (signature == 0x0403_4b50 ? 30 : 46)
            guard nameOffset + name.count <= data.endIndex,
                  data[nameOffset..<(nameOffset + name.count)] == name else { continue }
            let at = hit.lowerBound + uncompressedSizeOffset
            withUnsafeBytes(of: value.littleEndian) { data.replaceSubrange(at..<(at + 4), with: $0) }
        }
    }
}
