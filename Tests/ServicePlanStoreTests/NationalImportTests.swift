import Foundation
import ServicePlanDomain
@testable import ServicePlanStore
import Testing

/// The streaming import of a national dataset file (`benchmark import`): the file is read in
/// one-megabyte pieces, so these files are made larger than a piece, with a CRLF cut in two at
/// the edge between pieces.
@Suite(.serialized) struct NationalImportTests {
    static let header = "authority_code,authority_name,indicator_ref,year,value"

    /// `count` rows, CRLF line ends, with quoted names holding commas and line breaks (when
    /// `breaks`); padded so that the first piece ends between a CR and its LF.
    static func bigFile(count: Int, breaks: Bool = true) -> String {
        var lines = [header]
        for i in 0..<count {
            let code = String(format: "E%08d", 6_000_000 + i / 40)
            // Quoted fields with commas and doubled quotes (a name may not hold a line break: it shows on one line).
            let name = breaks && i % 7 == 0 ? "\"Borough \(i / 40), the \"\"New\"\"\"" : "Authority \(i / 40)"
            lines.append("\(code),\(name),NI\(i % 40),2008/09,\(i % 11 == 0 ? "" : String(Double(i % 1000) / 10))")
        }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        // Lengthen the name on a line ending just before the piece's edge so that its CR is the
        // piece's last byte and its LF the next piece's first.
        let edge = BenchmarkFileImport.chunkBytes
        let bytes = Array(text.utf8)
        for crlf in (edge - 400..<edge).reversed() where bytes[crlf] == 13 && bytes[crlf + 1] == 10 {
            let lineStart = (bytes[..<crlf].lastIndex(of: 10) ?? 0) + 1
            let line = String(decoding: bytes[lineStart..<crlf], as: UTF8.self)
            guard line.contains(",Authority "), !line.contains("\"") else { continue }
            let padded = line.replacingOccurrences(of: ",Authority ", with: ",Authority \(String(repeating: "x", count: edge - 1 - crlf))")
            return String(decoding: bytes[..<lineStart], as: UTF8.self) + padded + String(decoding: bytes[crlf...], as: UTF8.self)
        }
        return text
    }

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("national-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func stored(_ store: SQLBenchmarkRepository, refs: [String], year: Int) async throws -> [BenchmarkValue] {
        var values: [BenchmarkValue] = []
        for ref in refs { values += try await store.values(indicator: ref, year: FinancialYear(startYear: year)) }
        return values
    }

    @Test("a file larger than one piece, with CRLF line ends (one cut between pieces) and quoted fields, stores exactly the rows the whole-file reader reads", arguments: TestDatabase.engines)
    func streamsLikeTheWholeFile(engine: String) async throws {
        let text = Self.bigFile(count: 30_000)
        let edge = BenchmarkFileImport.chunkBytes
        #expect(Array(text.utf8)[edge - 1] == 13 && Array(text.utf8)[edge] == 10, "a CRLF is cut between the first two pieces")
        let path = try Self.write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.with(engine) { database in
            let store = SQLBenchmarkRepository(database: database)
            let reports = ProgressLog()
            let summary = try await store.importFile(at: path, name: "national.csv", units: [:], progress: { reports.add($0) })
            let expected = try BenchmarkCSV.parse(text, file: "national.csv")
            #expect(summary == BenchmarkImportSummary(rows: 30_000, authorities: 750, indicators: 40))
            #expect(try await store.count() == expected.count)
            let refs = (0..<40).map { "NI\($0)" }
            let values = try await Self.stored(store, refs: refs, year: 2008).sorted { ($0.authorityCode, $0.value) < ($1.authorityCode, $1.value) }
            let wanted = expected.compactMap { row in row.value.map { BenchmarkValue(authorityCode: row.authorityCode, authorityName: row.authorityName, value: $0) } }
                .sorted { ($0.authorityCode, $0.value) < ($1.authorityCode, $1.value) }
            #expect(values == wanted)
            #expect(values.contains { $0.authorityName == "Borough 0, the \"New\"" })
            let last = try #require(reports.all.last)
            #expect(last.stage == .storing && last.rowsChecked == 30_000 && last.rowsWritten == 30_000 && last.badRows == 0)
            #expect(reports.all.contains { $0.stage == .reading && $0.bytesRead == text.utf8.count })
        }
    }

    @Test("a bad or repeated row anywhere refuses the whole file, naming each line (and the line a repeat repeats), and leaves what was stored as it was", arguments: TestDatabase.engines)
    func badRowsWriteNothing(engine: String) async throws {
        let good = try Self.write(Self.header + "\nE06000006,Halton,NI80,2007/08,34\nE08000011,Knowsley,NI80,2007/08,30\n")
        var bad = Self.bigFile(count: 30_000, breaks: false).split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        bad[29_000] = "E06000006,Halton,NI80,2007/08,150"             // a percentage over 100
        bad[29_001] = "E06000006,Halton,NI80,2007/08,35"              // a repeat of line 29,001
        bad[29_500] = bad[3]                                           // a repeat of line 4
        #expect(bad[..<29_000].reduce(0) { $0 + $1.utf8.count + 2 } > BenchmarkFileImport.chunkBytes,
                "the bad rows come after a CRLF cut between pieces, so their line numbers show it was read as one line end")
        let badPath = try Self.write(bad.joined(separator: "\r\n"))
        defer { for path in [good, badPath] { try? FileManager.default.removeItem(atPath: path) } }
        try await TestDatabase.with(engine) { database in
            let store = SQLBenchmarkRepository(database: database)
            _ = try await store.importFile(at: good, name: "good.csv", units: [:], progress: nil)
            let error = await #expect(throws: BenchmarkFileError.self) {
                try await store.importFile(at: badPath, name: "bad.csv", units: ["NI80": .percentage], progress: nil)
            }
            // The repeat of line 4 is reported beside the bad value; line 29,002's repeat is of a bad row.
            #expect(error?.problems.map(\.line) == [29_001, 29_501])
            #expect(error?.description.contains("bad.csv:29001: value:") == true)
            // With the unit check passed, the repeats are what is left to refuse.
            let repeats = await #expect(throws: BenchmarkFileError.self) {
                try await store.importFile(at: badPath, name: "bad.csv", units: [:], progress: nil)
            }
            #expect(repeats?.problems.map(\.line) == [29_002, 29_501])
            #expect(repeats?.description.contains("bad.csv:29002: repeats E06000006 NI80 2007/08, given on line 29001") == true)
            #expect(repeats?.description.contains("bad.csv:29501: repeats \(bad[3].prefix(9))") == true)
            #expect(try await store.count() == 2)
            #expect(try await store.values(indicator: "NI80", year: FinancialYear(startYear: 2007)).map(\.value) == [34, 30])
        }
    }

    @Test("re-importing replaces changed values and names, keeps the rest, and adds new rows", arguments: TestDatabase.engines)
    func reimportReplaces(engine: String) async throws {
        let first = try Self.write(Self.header + "\nE06000006,Halton,NI80,2007/08,34\nE08000011,Knowsley,NI80,2007/08,30\nE08000012,Liverpool,NI80,2007/08,\n")
        let second = try Self.write(Self.header + "\nE06000006,Halton,NI80,2007/08,44\nE08000011,Knowsley MBC,NI80,2007/08,30\nE08000012,Liverpool,NI80,2007/08,\nE08000013,St Helens,NI80,2007/08,41\n")
        defer { for path in [first, second] { try? FileManager.default.removeItem(atPath: path) } }
        try await TestDatabase.with(engine) { database in
            let store = SQLBenchmarkRepository(database: database)
            _ = try await store.importFile(at: first, name: "first.csv", units: [:], progress: nil)
            let summary = try await store.importFile(at: second, name: "second.csv", units: [:], progress: nil)
            #expect(summary.rows == 4)
            let values = try await store.values(indicator: "NI80", year: FinancialYear(startYear: 2007))
            #expect(values.map { "\($0.authorityName)=\($0.value)" } == ["Halton=44.0", "Knowsley MBC=30.0", "St Helens=41.0"])
            #expect(try await store.count() == 4)
        }
    }

    @Test("a file of thousands of bad rows keeps a thousand and counts the rest; an endless field is cut off and refused")
    func boundedRefusals() async throws {
        let many = try Self.write(Self.header + "\n" + (0..<2_500).map { "E06000006,Halton,NI80,2007/08,x\($0)" }.joined(separator: "\n"))
        let long = try Self.write(Self.header + "\nE06000006,\"" + String(repeating: "H", count: 3 << 20) + "\",NI80,2007/08,1\n")
        defer { for path in [many, long] { try? FileManager.default.removeItem(atPath: path) } }
        try await TestDatabase.with("sqlite") { database in
            let store = SQLBenchmarkRepository(database: database)
            let error = await #expect(throws: BenchmarkFileError.self) { try await store.importFile(at: many, name: "many.csv", units: [:], progress: nil) }
            #expect(error?.problems.count == 1_000)
            #expect(error?.more == 1_500)
            #expect(error?.description.hasSuffix("… and 2480 more bad rows") == true)
            let overlong = await #expect(throws: BenchmarkFileError.self) { try await store.importFile(at: long, name: "long.csv", units: [:], progress: nil) }
            #expect(overlong?.problems.map(\.line) == [2])
            #expect(overlong?.description.contains("longer than 4096 bytes") == true)
            let stored = try await store.count()
            #expect(stored == 0)
        }
    }
}

extension NationalImportTests {
    /// The file's problems as `line: message`, or "imported N" when it was accepted.
    static func outcome(_ store: SQLBenchmarkRepository, _ text: String) async throws -> [String] {
        let path = try write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let summary = try await store.importFile(at: path, name: "f.csv", units: [:], progress: nil)
            return ["imported \(summary.rows)"]
        } catch let error as BenchmarkFileError {
            return error.problems.map { "\($0.line): \($0.message)" } + (error.more > 0 ? ["more \(error.more)"] : [])
        }
    }

    @Test("what a hostile review found: bad UTF-8, a BOM, an open quote, CR-only lines, an overlong header, a long ref, many repeats, repeats beside bad rows", arguments: TestDatabase.engines)
    func hostileFiles(engine: String) async throws {
        let h = Self.header
        try await TestDatabase.with(engine) { database in
            let store = SQLBenchmarkRepository(database: database)
            var latin1 = Data((h + "\nE06000006,Caf").utf8)
            latin1.append(0xE9)
            latin1.append(contentsOf: Data(" Council,NI1,2009/10,1\n".utf8))
            let path = try Self.write("")
            try latin1.write(to: URL(fileURLWithPath: path))
            let refused = await #expect(throws: BenchmarkFileError.self) { try await store.importFile(at: path, name: "f.csv", units: [:], progress: nil) }
            #expect(refused?.problems.map(\.line) == [2])
            #expect(refused?.problems.first?.message.hasPrefix("authority_name: is not UTF-8 text") == true)
            #expect(try await Self.outcome(store, "\u{FEFF}" + h + "\nE06000006,Halton,NI1,2009/10,1\n") == ["imported 1"])
            #expect(try await Self.outcome(store, h + "\nE06000006,Halton,NI1,2009/10,\"12") == ["2: a quoted field is not closed: the file ends inside its quotes"])
            #expect(try await Self.outcome(store, h + "\rE06000006,\"A\rB\",NI1,2009/10,1\rE06000007,C,NI1,2009/10,zz\r")
                    == ["2: authority_name: contains a line break, which is not allowed here",
                        "4: value: \"zz\" is not a number up to a trillion (leave it empty when not published)"])
            let overlong = try await Self.outcome(store, String(repeating: "x", count: 5_000) + "\n" + h + "\n")
            #expect(overlong.count == 1 && overlong[0].hasPrefix("1: has a field longer than 4096 bytes"))
            let longRef = try await Self.outcome(store, h + "\nE06000006,Halton," + String(repeating: "R", count: 4_000) + ",2009/10,1\n")
            #expect(longRef.count == 1 && longRef[0].hasPrefix("2: indicator_ref: ") && longRef[0].contains("is 4000 characters long; at most 64"))
            let many = try await Self.outcome(store, h + "\n" + Array(repeating: "E06000006,Halton,NI1,2009/10,1", count: 3_000).joined(separator: "\n"))
            #expect(many.count == 1_001 && many.first == "3: repeats E06000006 NI1 2009/10, given on line 2" && many.last == "more 1999")
            #expect(try await Self.outcome(store, h + "\nE06000006,Halton,NI1,2007/08,1\nE06000006,Halton,NI1,2007-2008,2\nE06000007,X,NI1,2007/08,zz\nE06000007,X,NI1,2000/+1,1\n")
                    == ["3: repeats E06000006 NI1 2007/08, given on line 2",
                        "4: value: \"zz\" is not a number up to a trillion (leave it empty when not published)",
                        "5: year: \"2000/+1\" is not a financial year (write 2007/08 or 2007-08)"])
            #expect(try await store.count() == 1)
        }
    }
}

/// Progress reports as an import makes them.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [BenchmarkImportProgress] = []

    func add(_ report: BenchmarkImportProgress) { lock.withLock { reports.append(report) } }
    var all: [BenchmarkImportProgress] { lock.withLock { reports } }
}
