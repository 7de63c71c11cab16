import Foundation
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Quarterly returns in storage, on every engine.
@Suite(.serialized) struct ReturnStoreTests {
    static let quarter = Quarter("2009-10-Q2")!

    @Test("a return stores and loads every line; re-importing the plan keeps it", arguments: TestDatabase.engines)
    func roundTrip(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let plans = SQLPlanRepository(database: database)
            try await plans.replace(PlanStoreContractTests.halton, actor: TestActor.tests)
            let plan = try #require(try await plans.plan(code: "ULS"))
            try await ExampleReturns.load(ExampleReturns.sampleQuarter, into: SQLReturnRepository(database: database), plan: plan)
            let repository = SQLReturnRepository(database: database)
            let stored = try #require(try await repository.quarterlyReturn(plan: "ULS", quarter: Self.quarter))
            #expect(stored.status == .published)
            #expect(stored.isExample)
            #expect(stored.indicators["NI80"]?.actual == 41.2)
            #expect(stored.indicators.count == 17)
            #expect(stored.milestones.count == plan.objectives.flatMap { $0.milestoneYears.filter { $0.year == Self.quarter.year } }
                .flatMap(\.milestones).count)
            #expect(stored.riskProgress.count == plan.highRisks.count)

            // The plan file is imported again: the return and its lines survive, ids still match.
            try await plans.replace(PlanFileReader.read(PlanFileWriter.yaml(plan), file: "again.yaml"), actor: TestActor.tests)
            let after = try #require(try await repository.quarterlyReturn(plan: "ULS", quarter: Self.quarter))
            #expect(after == stored)
            let milestoneIDs = Set(try #require(try await plans.plan(code: "ULS")).objectives.flatMap { $0.milestoneYears.flatMap(\.milestones) }.compactMap(\.id))
            #expect(Set(after.milestones.keys).isSubset(of: milestoneIDs))
        }
    }

    @Test("a locked return refuses changes until reopened; the schema refuses a zero denominator", arguments: TestDatabase.engines)
    func locking(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let plans = SQLPlanRepository(database: database)
            try await plans.replace(PlanStoreContractTests.halton, actor: TestActor.tests)
            try await ExampleReturns.load(ExampleReturns.sampleQuarter, into: SQLReturnRepository(database: database), plan: try #require(try await plans.plan(code: "ULS")))
            let repository = SQLReturnRepository(database: database)
            await #expect(throws: ReturnLocked.self) {
                try await repository.change(plan: "ULS", quarter: Self.quarter, actor: TestActor.tests) { $0.keyDevelopments = "x" }
            }
            try await repository.take(.reopen, plan: "ULS", quarter: Self.quarter, actor: TestActor.tests, reason: "Correction")
            try await repository.change(plan: "ULS", quarter: Self.quarter, actor: TestActor.tests) { $0.keyDevelopments = "Corrected" }
            #expect(try await repository.quarterlyReturn(plan: "ULS", quarter: Self.quarter)?.keyDevelopments == "Corrected")
            await #expect(throws: (any Error).self) {
                try await repository.change(plan: "ULS", quarter: Self.quarter, actor: TestActor.tests) {
                    $0.indicators["NI80"] = IndicatorEntry(actual: 1, numerator: 1, denominator: 0)
                }
            }
        }
    }

    @Test("the six example quarters: every one published and flagged example, 2009/10 Q2 as first shipped, a complete milestone stays complete")
    func sixExampleQuarters() async throws {
        try await TestDatabase.with("sqlite") { database in
            let plans = SQLPlanRepository(database: database)
            try await plans.replace(PlanStoreContractTests.halton, actor: TestActor.tests)
            let plan = try #require(try await plans.plan(code: "ULS"))
            let repository = SQLReturnRepository(database: database)
            try await ExampleReturns.load(into: repository, plan: plan)
            let all = try await repository.returns(plan: "ULS")
            #expect(all.map(\.quarter.identifier) == ["2009-10-Q1", "2009-10-Q2", "2009-10-Q3", "2009-10-Q4", "2010-11-Q1", "2010-11-Q2"])
            #expect(all.allSatisfy { $0.isExample && $0.status == .published && $0.indicators.count == 17 })
            #expect(all[1].indicators["NI80"]?.actual == 41.2 && all[1].indicators["NI80"]?.commentary == "Provisional; ahead of target.")
            for year in [all[0...3], all[4...5]] {
                for (earlier, later) in zip(year, year.dropFirst()) {
                    for (id, entry) in earlier.milestones where entry.status == .complete {
                        #expect(later.milestones[id]?.status == .complete, "milestone \(id): complete in \(earlier.quarter.label), not in \(later.quarter.label)")
                    }
                }
            }
            // Loading again adds nothing.
            try await ExampleReturns.load(into: repository, plan: plan)
            #expect(try await repository.returns(plan: "ULS") == all)
        }
    }
}
