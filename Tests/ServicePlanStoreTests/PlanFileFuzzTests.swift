import Foundation
import FuzzSupport
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Fuzzing that stays: the Halton plan file edited at random (lines dropped, repeated, swapped,
/// re-indented, cut short; values replaced with hostile scalars; characters changed) and imported
/// into a database that already holds the plan. Every case either is refused with an error naming
/// the file and line, leaving the database exactly as it was, or is stored and exports as a plan
/// file that reads back to the same plan. A trap anywhere ends the test run: that is the crash
/// check. CI runs a fixed set of cases; `scripts/fuzz` runs many more from a new seed.
@Suite struct PlanFileFuzzTests {
    /// What a user can observe of the stored plans: each plan's file and its audit trail's length.
    static func fingerprint(_ stores: Stores) async throws -> [String] {
        var seen: [String] = []
        for summary in try await stores.plans.summaries() {
            guard let plan = try await stores.plans.plan(code: summary.code) else { continue }
            seen.append(PlanFileWriter.yaml(plan))
            seen.append("\(summary.code): \(try await stores.plans.history(code: summary.code).count) audit records")
        }
        return seen
    }

    @Test("a randomly damaged plan file is refused with file:line and writes nothing, or is stored and round-trips",
          arguments: TestDatabase.engines)
    func damagedPlanFiles(engine: String) async throws {
        let halton = try BundledPlans.haltonText()
        let budget = FuzzBudget(defaultCases: engine == "sqlite" ? 200 : 50)
        try await TestDatabase.with(engine) { database in
            let stores = Stores(database: database, bcryptCost: 4)
            let importer = PlanImporter(repository: stores.plans)
            _ = try await importer.seedIfEmpty(logger: TestDatabase.logger)
            var refused = 0
            // What the database holds; taken again only after a case that stored something.
            var before = try await Self.fingerprint(stores)
            for seed in budget.seeds {
                var random = FuzzRandom(seed: seed)
                var text = halton
                for _ in 0..<Int.random(in: 1...3, using: &random) { text = HostileText.mutate(text, using: &random) }
                FuzzBudget.dump(text, seed: seed)
                let parsed: ServicePlan
                do {
                    parsed = try await importer.importText(text, file: "fuzzed.yaml", actor: TestActor.tests)
                } catch let error as PlanFileError {
                    refused += 1
                    let blank = text.allSatisfy(\.isWhitespace)
                    #expect(error.file == "fuzzed.yaml" && (error.line != nil || blank),
                            "no line named: \(error) — \(FuzzBudget.reproduce(seed))")
                    #expect(error.description.hasPrefix("fuzzed.yaml"), "\(FuzzBudget.reproduce(seed))")
                    #expect(try await Self.fingerprint(stores) == before, "a refused file changed the database — \(FuzzBudget.reproduce(seed))")
                    continue
                } catch {
                    Issue.record("not a plan-file error: \(String(reflecting: error)) — \(FuzzBudget.reproduce(seed))")
                    #expect(try await Self.fingerprint(stores) == before, "a refused file changed the database — \(FuzzBudget.reproduce(seed))")
                    continue
                }
                // Stored: what is stored is what was read, and its export reads back to itself.
                let stored = try #require(try await stores.plans.plan(code: parsed.code), "\(FuzzBudget.reproduce(seed))")
                let exported = PlanFileWriter.yaml(stored)
                #expect(exported == PlanFileWriter.yaml(parsed), "stored differs from read — \(FuzzBudget.reproduce(seed))")
                do {
                    let again = try PlanFileReader.read(exported, file: "export.yaml")
                    #expect(PlanFileWriter.yaml(again) == exported, "export does not read back to itself — \(FuzzBudget.reproduce(seed))")
                } catch {
                    Issue.record("an accepted plan's export is refused: \(error) — \(FuzzBudget.reproduce(seed))")
                }
                before = try await Self.fingerprint(stores)
            }
            // The mutations must reach both outcomes, or the test checks only one of them.
            if budget.seeds.count >= 50 {
                #expect(refused > 0 && refused < budget.seeds.count, "\(refused) of \(budget.seeds.count) refused")
            }
        }
    }
}
