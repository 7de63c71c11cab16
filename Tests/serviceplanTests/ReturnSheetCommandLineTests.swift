import Foundation
import Testing

/// `serviceplan return-sheet` as the performance team uses it to send officers their sheets.
@Suite struct ReturnSheetCommandLineTests {
    let cli = CommandLineTests()

    @Test("writes every line's workbook, or one officer's; refuses an unknown officer, a quarter outside the plan and a non-.xlsx name")
    func returnSheet() throws {
        let db = cli.temporary("sheet.sqlite")
        #expect(try cli.run(["import", "--db", db, CommandLineTests.haltonFile]).status == 0)
        let all = cli.temporary("all.xlsx")
        let written = try cli.run(["return-sheet", "ULS", "2010-11-Q3", "--output", all, "--db", db])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout == "Wrote \(all): the ULS return for Q3 2010/11.\n")
        let data = try Data(contentsOf: URL(fileURLWithPath: all))
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]) && data.count > 2_000)
        #expect(try cli.run(["users", "add", "olu@halton.gov.uk", "--name", "Olu", "--role", "officer", "--db", db]).status == 0)
        let none = try cli.run(["return-sheet", "ULS", "2010-11-Q3", "--officer", "olu@halton.gov.uk", "--output", cli.temporary("o.xlsx"), "--db", db])
        #expect(none.status != 0 && none.stderr.contains("answers for no line of this return"))
        let unknown = try cli.run(["return-sheet", "ULS", "2010-11-Q3", "--officer", "nobody@halton.gov.uk", "--output", cli.temporary("n.xlsx"), "--db", db])
        #expect(unknown.status != 0 && unknown.stderr.contains("has no account"))
        let outside = try cli.run(["return-sheet", "ULS", "2015-16-Q1", "--output", cli.temporary("x.xlsx"), "--db", db])
        #expect(outside.status != 0 && outside.stderr.contains("is not a quarter of ULS's period"))
        let named = try cli.run(["return-sheet", "ULS", "2010-11-Q3", "--output", cli.temporary("x.csv"), "--db", db])
        #expect(named.status != 0 && named.stderr.contains("--output must name an .xlsx file"))
    }
}
