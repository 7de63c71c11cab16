import Foundation
import ServicePlanDomain
import ServicePlanStore
import SQLKit
import Testing

/// The storage contract, run on every engine available: what goes in comes out, a re-import
/// replaces, a bad import changes nothing, and the schema itself refuses impossible rows.
@Suite(.serialized) struct PlanStoreContractTests {
    static let halton = try! PlanFileReader.read(try! BundledPlans.haltonText(), file: "halton.yaml")

    @Test("a stored plan loads back equal to what was stored", arguments: TestDatabase.engines)
    func storeAndLoad(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let repository = SQLPlanRepository(database: database)
            try await repository.replace(Self.halton, actor: TestActor.tests)
            let loaded = try await repository.plan(code: "ULS")
            #expect(sameContent(loaded, Self.halton))
        }
    }

    @Test("re-importing a plan with the same code replaces it", arguments: TestDatabase.engines)
    func replaces(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let repository = SQLPlanRepository(database: database)
            try await repository.replace(Self.halton, actor: TestActor.tests)
            var changed = Self.halton
            changed.indicators.removeLast()
            changed.objectives[0].title = "To Improve Educational Outcomes for Vulnerable Groups"
            changed.risks.removeFirst()
            try await repository.replace(changed, actor: TestActor.tests)
            let loaded = try await repository.plan(code: "ULS")
            let summaries = try await repository.summaries()
            #expect(sameContent(loaded, changed))
            #expect(summaries.map(\.code) == ["ULS"])
        }
    }

    @Test("an import with an error leaves the stored plan unchanged", arguments: TestDatabase.engines)
    func badImportWritesNothing(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let repository = SQLPlanRepository(database: database)
            let importer = PlanImporter(repository: repository)
            try await importer.importText(try BundledPlans.haltonText(), file: "halton.yaml", actor: TestActor.tests)
            let broken = try BundledPlans.haltonText()
                .replacingOccurrences(of: "title: Universal & Learning Services Service Plan 2009–12", with: "title: Changed")
                .replacingOccurrences(of: "polarity: lowerIsBetter", with: "polarity: down")
            await #expect(throws: PlanFileError.self) { try await importer.importText(broken, file: "broken.yaml", actor: TestActor.tests) }
            let loaded = try await repository.plan(code: "ULS")
            #expect(sameContent(loaded, Self.halton))
        }
    }

    @Test("a failure part-way through a transaction rolls everything back", arguments: TestDatabase.engines)
    func rollback(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let repository = SQLPlanRepository(database: database)
            try await repository.replace(Self.halton, actor: TestActor.tests)
            var invalid = Self.halton
            // Passes no Swift check here on purpose: the schema's foreign key must stop it.
            invalid.risks[0].objectiveRef = "ULS 99"
            await #expect(throws: (any Error).self) { try await repository.replace(invalid, actor: TestActor.tests) }
            let loaded = try await repository.plan(code: "ULS")
            #expect(sameContent(loaded, Self.halton))
        }
    }

    @Test("the schema refuses a risk score outside 1–16", arguments: TestDatabase.engines)
    func checkConstraint(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            try await SQLPlanRepository(database: database).replace(Self.halton, actor: TestActor.tests)
            await #expect(throws: (any Error).self) {
                try await database.transaction { db in
                    try await db.update("objectives").set("initial_score", to: 17).set("initial_missing", to: SQLLiteral.null)
                        .where("ref", .equal, "ULS 2").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await database.transaction { db in
                    try await db.update("objectives").set("residual_missing", to: "Unknown").where("ref", .equal, "ULS 2").run()
                }
            }
            let loaded = try await SQLPlanRepository(database: database).plan(code: "ULS")
            #expect(sameContent(loaded, Self.halton))
        }
    }

    @Test("milestone, risk and action ids survive the plan being written again", arguments: TestDatabase.engines)
    func stableIDs(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let repository = SQLPlanRepository(database: database)
            try await repository.replace(Self.halton, actor: TestActor.tests)
            let first = try #require(try await repository.plan(code: "ULS"))
            var edited = first
            edited.risks[1].description = "Changed"
            edited.objectives[0].milestoneYears[0].entries = .listed(first.objectives[0].milestoneYears[0].milestones
                + [Milestone(text: "A new milestone by March 2010", due: CalendarDate("2010-03-31")!)])
            try await repository.replace(edited, actor: TestActor.tests)
            let second = try #require(try await repository.plan(code: "ULS"))
            let ids = { (p: ServicePlan) in p.risks.compactMap(\.id) + p.equalityActions.compactMap(\.id) }
            #expect(ids(first).count == 7)
            #expect(ids(second) == ids(first))
            let before = first.objectives[0].milestoneYears[0].milestones.compactMap(\.id)
            let after = second.objectives[0].milestoneYears[0].milestones.compactMap(\.id)
            #expect(Array(after.prefix(5)) == before)
            let allBefore = first.objectives.flatMap { $0.milestoneYears.flatMap { $0.milestones.compactMap(\.id) } }
            #expect(after.count == 6 && !allBefore.contains(after[5]), "a new milestone gets an id never used before")

            // A plan file has no ids: re-importing the same content changes nothing, not even ids.
            let changes = try await repository.replace(PlanFileReader.read(PlanFileWriter.yaml(second), file: "again.yaml"),
                                                       actor: TestActor.tests)
            #expect(changes.isEmpty)
            #expect(try await repository.plan(code: "ULS") == second)
        }
    }

    @Test("an update that breaks a rule throws the rule, not a driver error, and stores nothing", arguments: TestDatabase.engines)
    func updateErrors(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let repository = SQLPlanRepository(database: database)
            try await repository.replace(Self.halton, actor: TestActor.tests)
            let error = await #expect(throws: PlanRuleViolations.self) {
                try await repository.update(code: "ULS", actor: TestActor.tests) { plan in
                    plan.indicators[0].targets[FinancialYear(startYear: 2009)] = .value(-3)
                }
            }
            #expect(error?.description.contains("is not a count") == true)
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await repository.update(code: "ULS", actor: TestActor.tests) { _ in throw Refused() }
            }
            #expect(sameContent(try await repository.plan(code: "ULS"), Self.halton))
        }
    }

    @Test("an unknown plan code loads as nothing", arguments: TestDatabase.engines)
    func unknownPlan(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let loaded = try await SQLPlanRepository(database: database).plan(code: "NOPE")
            let summaries = try await SQLPlanRepository(database: database).summaries()
            #expect(loaded == nil)
            #expect(summaries.isEmpty)
        }
    }

    @Test("an empty database is seeded with the Halton plan once", arguments: TestDatabase.engines)
    func seeding(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let importer = PlanImporter(repository: SQLPlanRepository(database: database))
            let first = try await importer.seedIfEmpty(logger: TestDatabase.logger)
            let second = try await importer.seedIfEmpty(logger: TestDatabase.logger)
            #expect(first == "ULS")
            #expect(second == nil)
        }
    }

    @Test("migrations are applied once and reopening the database keeps its data")
    func reopen() async throws {
        let path = TestDatabase.temporaryPath()
        let first = try await DatabaseLocation.sqlite(path: path).open(logger: TestDatabase.logger)
        try await SQLPlanRepository(database: first).replace(Self.halton, actor: TestActor.tests)
        await first.close()
        let second = try await DatabaseLocation.sqlite(path: path).open(logger: TestDatabase.logger)
        let loaded = try await SQLPlanRepository(database: second).plan(code: "ULS")
        let migrations = try await second.read { db in
            try await db.select().column("name").from("schema_migrations").all().map { try $0.decode(column: "name", as: String.self) }
        }
        await second.close()
        #expect(sameContent(loaded, Self.halton))
        #expect(migrations == ["001-service-plans", "002-people-and-audit", "003-one-time-passwords", "004-quarterly-returns", "005-benchmarking", "006-sign-in-attempts", "007-audit-hash-chain", "008-council-framework", "009-budget", "010-benchmark-key-order", "011-content-version", "012-plan-item-indexes", "013-indicator-ref-index", "014-commentary-from-draft", "015-calendar-feeds", "016-quarterly-profiles", "017-security-log", "018-mail"])
    }
}

/// Equal as a plan file: storage assigns ids to milestones, risks and actions, which the file
/// does not carry, so content is compared through the canonical YAML.
func sameContent(_ a: ServicePlan?, _ b: ServicePlan) -> Bool {
    guard let a else { return false }
    return PlanFileWriter.yaml(a) == PlanFileWriter.yaml(b)
}
