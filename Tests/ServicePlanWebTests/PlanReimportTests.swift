import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Re-importing a plan keeps each item's id, matched by content, so history and returns stay with their item.
@Suite struct PlanReimportTests {
    @Test("re-importing a plan without one risk keeps the other risks' ids (matched by content, not position)")
    func contentMatchedIDs() async throws {
        try await withPeople { people, _ in
            let before = try await people.plan()
            var file = try PlanFileReader.read(PlanFileWriter.yaml(before), file: "x.yaml")
            file.risks.remove(at: 1)
            try await people.plans.replace(file, actor: Actor(name: "t", via: .import))
            let after = try await people.plan()
            #expect(after.risks.map(\.id) == [before.risks[0].id, before.risks[2].id, before.risks[3].id])
        }
    }
}
