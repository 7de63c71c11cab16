import Foundation
import FuzzSupport
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Fuzzing that stays, for the national dataset reader: random valid files written every way
/// RFC 4180 allows must read back to exactly the rows they were written from; the same files
/// damaged at random must either be refused with every problem on a line of the file, or read
/// rows that store and read back unchanged — and a refused file stores nothing.
@Suite struct NationalCSVFuzzTests {
    struct Row: Equatable {
        let code: String
        let name: String
        let ref: String
        let year: FinancialYear
        let value: Double?
    }

    static func rows(using random: inout FuzzRandom) -> [Row] {
        let names = ["Halton", "Liverpool, City of", "St. Helens", "Knowsley \"the borough\"", "Wirral Metropolitan", "Sefton ", " Bath & NE Somerset",
                     "Ynys Môn", "Rhondda Cynon Taf", "Kingston upon Hull, City of", "=cmd|' /C calc'!A0"]
        let refs = ["NI80", "NI72", "ULS LI1", "NI 117", "NI75"]
        var seen = Set<String>()
        return (0..<Int.random(in: 0...25, using: &random)).compactMap { _ in
            let code = random.pick(["E", "W", "S", "N"]) + String(format: "%08d", Int.random(in: 0...99_999_999, using: &random))
            let ref = random.pick(refs), year = FinancialYear(startYear: Int.random(in: 2000...2030, using: &random))
            guard seen.insert("\(code) \(ref) \(year.startYear)").inserted else { return nil }
            let value: Double? = random.chance(0.15) ? nil : random.pick([
                Double(Int.random(in: -1000...1000, using: &random)) / 8,
                Double.random(in: 0...100, using: &random),
                Double.random(in: -1e12...1e12, using: &random),
                Double.random(in: 0...1e-9, using: &random),
                1e12, -1e12, 0,
            ])
            return Row(code: code, name: random.pick(names), ref: ref, year: year, value: value)
        }
    }

    /// The rows as a CSV file: header case, quoting, line endings, year style, number style and a
    /// final newline all chosen at random.
    static func csv(_ rows: [Row], using random: inout FuzzRandom) -> String {
        let end = random.pick(["\n", "\r\n"]), quoteAll = random.chance(0.3)
        func field(_ text: String) -> String {
            // Scalars, not Characters: "\r\n" is one Character, so a Character test would miss a lone "\n".
            let needsQuotes = text.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) } || text != text.trimmingCharacters(in: .whitespaces)
            return quoteAll || needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [random.chance(0.2) ? BenchmarkCSV.header.joined(separator: ",").uppercased() : BenchmarkCSV.header.joined(separator: ",")]
        for row in rows {
            let year = random.chance(0.5) ? row.year.label : row.year.label.replacingOccurrences(of: "/", with: "-")
            let value = row.value.map { random.chance(0.5) ? "\($0)" : String(format: "%.17g", $0) } ?? ""
            lines.append([row.code, row.name, row.ref, year, value].map(field).joined(separator: ","))
        }
        return lines.joined(separator: end) + (random.chance(0.5) ? end : "")
    }

    static func read(_ rows: [BenchmarkRow]) -> [Row] {
        rows.map { Row(code: $0.authorityCode, name: $0.authorityName, ref: $0.indicatorRef, year: $0.year, value: $0.value) }
    }

    @Test("a random valid national file, written any way RFC 4180 allows, reads back to exactly its rows")
    func validFilesReadBack() throws {
        for seed in FuzzBudget(defaultCases: 1000).seeds {
            var random = FuzzRandom(seed: seed)
            let rows = Self.rows(using: &random)
            let text = Self.csv(rows, using: &random)
            FuzzBudget.dump(text, seed: seed)
            do {
                #expect(Self.read(try BenchmarkCSV.parse(text, file: "national.csv")) == rows, "\(FuzzBudget.reproduce(seed))")
            } catch {
                Issue.record("a valid file was refused: \(error) — \(FuzzBudget.reproduce(seed))")
            }
        }
    }

    @Test("a damaged national file is refused naming lines of the file and stores nothing, or its rows store and read back",
          arguments: TestDatabase.engines)
    func damagedFiles(engine: String) async throws {
        let budget = FuzzBudget(defaultCases: engine == "sqlite" ? 600 : 150)
        try await TestDatabase.with(engine) { database in
            let store = SQLBenchmarkRepository(database: database)
            var refused = 0
            for seed in budget.seeds {
                var random = FuzzRandom(seed: seed)
                var text = Self.csv(Self.rows(using: &random), using: &random)
                for _ in 0..<Int.random(in: 1...3, using: &random) { text = HostileText.mutate(text, using: &random) }
                FuzzBudget.dump(text, seed: seed)
                let before = try await store.count()
                let parsed: [BenchmarkRow]
                do throws(BenchmarkFileError) {
                    parsed = try BenchmarkCSV.parse(text, file: "national.csv")
                } catch {
                    refused += 1
                    let lines = max(1, text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).count)
                    #expect(!error.problems.isEmpty, "\(FuzzBudget.reproduce(seed))")
                    for problem in error.problems {
                        #expect((1...lines).contains(problem.line) && !problem.message.isEmpty,
                                "line \(problem.line) of \(lines): \(problem.message) — \(FuzzBudget.reproduce(seed))")
                    }
                    #expect(error.description.hasPrefix("national.csv:"), "\(FuzzBudget.reproduce(seed))")
                    #expect(try await store.count() == before, "a refused file stored rows — \(FuzzBudget.reproduce(seed))")
                    continue
                }
                // Read: every row is well formed, and stores and reads back unchanged.
                for row in parsed {
                    #expect(row.value.map { $0.isFinite && abs($0) <= 1e12 } ?? true, "\(FuzzBudget.reproduce(seed))")
                    #expect(!row.authorityName.isEmpty && !row.indicatorRef.isEmpty && !row.authorityName.contains("\u{0}"), "\(FuzzBudget.reproduce(seed))")
                }
                _ = try await store.importRows(parsed)
                for row in parsed where row.value != nil {
                    let stored = try await store.values(indicator: row.indicatorRef, year: row.year).first { $0.authorityCode == row.authorityCode }
                    #expect(stored?.value == row.value && stored?.authorityName == row.authorityName,
                            "\(String(describing: stored)) vs \(row) — \(FuzzBudget.reproduce(seed))")
                }
            }
            if budget.seeds.count >= 50 {
                #expect(refused > 0 && refused < budget.seeds.count, "\(refused) of \(budget.seeds.count) refused")
            }
        }
    }
}
