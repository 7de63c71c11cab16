import Foundation
import ServicePlanDomain
import ServicePlanStore
import Testing

@Suite(.serialized) struct BenchmarkStoreTests {
    static let csv = """
        authority_code,authority_name,indicator_ref,year,value
        E06000006,Halton,NI80,2007/08,34
        E08000011,Knowsley,NI80,2007-08,30
        E08000012,"Liverpool, City of",NI80,2007/08,40
        E08000013,St Helens,NI80,2007/08,
        E08000014,Sefton,NI80,2007/08,50
        """

    @Test("a national dataset imports; re-importing replaces values; unpublished values are kept out of the figures", arguments: TestDatabase.engines)
    func importAndReplace(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let store = SQLBenchmarkRepository(database: database)
            try await store.importRows(try BenchmarkCSV.parse(Self.csv, file: "national.csv"))
            let year = FinancialYear(startYear: 2007)
            let values = try await store.values(indicator: "NI80", year: year)
            #expect(values.map(\.value) == [34, 30, 40, 50])
            #expect(values.contains { $0.authorityName == "Liverpool, City of" })
            try await store.importRows(try BenchmarkCSV.parse("authority_code,authority_name,indicator_ref,year,value\nE06000006,Halton,NI80,2007/08,44\n", file: "x.csv"))
            #expect(try await store.values(indicator: "NI80", year: year).first { $0.authorityCode == "E06000006" }?.value == 44)
            #expect(try await store.count() == 5)
        }
    }

    @Test("every bad row is reported with its line number, and nothing is parsed into storage")
    func badRows() {
        let text = "authority_code,authority_name,indicator_ref,year,value\nE06000006,Halton,NI80,2007/08,34\nBAD,X,NI80,2007/08,1\nE06000007,Y,NI80,2007/09,1\nE06000008,Z,NI80,2007/08,lots\nE06000006,Halton,NI80,2007-08,35\nE06000009,W,NI80\n"
        let error = #expect(throws: BenchmarkFileError.self) { try BenchmarkCSV.parse(text, file: "n.csv") }
        let lines = error?.problems.map(\.line) ?? []
        #expect(lines == [3, 4, 5, 6, 7])
        #expect(error?.description.contains("n.csv:4: year: \"2007/09\" is not a financial year") == true)
        #expect(throws: BenchmarkFileError.self) { try BenchmarkCSV.parse("code,name\n", file: "h.csv") }
    }

    @Test("the council's rank, quartile and comparison group come from the data")
    func result() throws {
        let rows = try BenchmarkCSV.parse(Self.csv, file: "n.csv")
        let values = rows.compactMap { r in r.value.map { BenchmarkValue(authorityCode: r.authorityCode, authorityName: r.authorityName, value: $0) } }
        let council = Council(name: "Halton", directorate: "", department: "", divisions: [], authorityCode: "E06000006",
                              neighbours: ["E08000011", "E08000012"])
        let result = try #require(BenchmarkResult(indicator: nil, ref: "NI80", year: FinancialYear(startYear: 2007), values: values, council: council))
        #expect(result.count == 4)
        #expect(result.quartiles == .init(lower: 33, median: 37, upper: 42.5))
        #expect(result.council == .init(code: "E06000006", value: 34, rank: 3, quartile: "lowerMiddle"))
        #expect(result.neighbours?.count == 3)
        #expect(result.neighbours?.median == 34)
        #expect(result.neighbours?.rank == 2)
    }
}
