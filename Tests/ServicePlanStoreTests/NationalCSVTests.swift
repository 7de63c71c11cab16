import Foundation
import ServicePlanDomain
import ServicePlanStore
import Testing

/// National datasets as councils really receive them, and as a hostile file would be written.
@Suite struct NationalCSVTests {
    static let header = "authority_code,authority_name,indicator_ref,year,value"

    @Test("a file with CRLF line endings reads row by row, with the right line numbers")
    func crlf() throws {
        let rows = try BenchmarkCSV.parse(Self.header + "\r\nE06000006,Halton,NI80,2007/08,34\r\nE08000011,Knowsley,NI80,2007/08,30\r\n",
                                          file: "n.csv")
        #expect(rows.map(\.value) == [34, 30])
        #expect(rows.map(\.line) == [2, 3])
        let error = #expect(throws: BenchmarkFileError.self) {
            try BenchmarkCSV.parse(Self.header + "\r\nE06000006,Halton,NI80,2007/08,34\r\nBAD,X,NI80,2007/08,1\r\n", file: "n.csv")
        }
        #expect(error?.problems.map(\.line) == [3])
    }

    @Test("a quoted field may hold a line break; the rows after it keep their own line numbers")
    func quotedNewline() throws {
        let error = #expect(throws: BenchmarkFileError.self) {
            try BenchmarkCSV.parse(Self.header + "\nE06000006,\"Halton\nBorough\",NI80,2007/08,34\nBAD,X,NI80,2007/08,1\n", file: "n.csv")
        }
        // The name's line break is refused on its own line (a name shows on the public page on
        // one line: issue 23, item 13), and the next row is still line 4.
        #expect(error?.problems.map(\.line) == [2, 4])
        #expect(error?.problems.first?.message.contains("authority_name: contains a line break") == true)
    }

    @Test("a quoted name with a comma is stored as written")
    func quotedCommaStored() throws {
        let rows = try BenchmarkCSV.parse(Self.header + "\nE06000006,\"Halton Borough, the\",NI80,2007/08,34\nE08000011,Knowsley,NI80,2007/08,30\n",
                                          file: "n.csv")
        #expect(rows.first?.authorityName == "Halton Borough, the")
        #expect(rows.map(\.line) == [2, 3])
    }

    @Test("an authority name with a tab, a bidi override or a zero-width space is refused with its line",
          arguments: ["Hal\tton", "Halton\u{202E}lanoitaN", "Hal\u{200B}ton", "Halton\r"])
    func invisibleInNames(name: String) {
        let error = #expect(throws: BenchmarkFileError.self) {
            try BenchmarkCSV.parse(Self.header + "\nE06000006,\"\(name)\",NI80,2007/08,34\n", file: "n.csv")
        }
        #expect(error?.problems.first?.line == 2)
        #expect(error?.problems.first?.message.hasPrefix("authority_name:") == true, "\(error?.problems.first?.message ?? "")")
    }

    @Test("values that are not plain decimals up to a trillion are refused with their line",
          arguments: ["1.7e308", "-1.7e308", "0x10", "inf", "nan", "1e13", "12abc", "--3"])
    func hostileValues(value: String) {
        let error = #expect(throws: BenchmarkFileError.self) {
            try BenchmarkCSV.parse(Self.header + "\nE06000006,Halton,NI80,2007/08,\(value)\n", file: "n.csv")
        }
        #expect(error?.description.hasPrefix("n.csv:2: value:") == true)
    }

    @Test("a percentage of 150 or −50 is refused against the indicator's unit; indicators no plan defines are not judged")
    func unitDomain() throws {
        let rows = try BenchmarkCSV.parse(Self.header + "\nE06000006,Halton,NI80,2007/08,150\nE08000011,Knowsley,NI80,2007/08,-50\nE08000012,L,XX1,2007/08,-50\n",
                                          file: "n.csv")
        let error = #expect(throws: BenchmarkFileError.self) { try BenchmarkCSV.check(rows, units: ["NI80": .percentage], file: "n.csv") }
        #expect(error?.problems.map(\.line) == [2, 3])
        #expect(error?.description.contains("n.csv:2: value: \"150\" is not a percentage from 0 to 100") == true, "\(String(describing: error))")
    }

    @Test("a NUL character in a field is refused, not cut")
    func nul() {
        let error = #expect(throws: BenchmarkFileError.self) {
            try BenchmarkCSV.parse(Self.header + "\nE06000006,Hal\u{0}ton,NI80,2007/08,34\n", file: "n.csv")
        }
        #expect(error?.description.contains("n.csv:2: authority_name: contains a NUL character") == true)
    }

    @Test("figures in plain decimals are read; spreadsheets' thousands separators too")
    func decimals() {
        #expect(Figure.decimal("41.2") == 41.2)
        #expect(Figure.decimal(" -3 ") == -3)
        #expect(Figure.decimal("1e6") == 1_000_000)
        #expect(Figure.decimal("1,200") == 1200)
        #expect(Figure.decimal("1,200,000.5") == 1_200_000.5)
        #expect(Figure.decimal("12,00") == nil)
        #expect(Figure.decimal("") == nil)
        #expect(Figure.decimal(".") == nil)
    }

    @Test("JSON never stops the server, even for a number that is not finite")
    func jsonNeverTraps() {
        #expect(PlanJSON.string(["x": Double.infinity]).contains("Infinity"))
    }
}
