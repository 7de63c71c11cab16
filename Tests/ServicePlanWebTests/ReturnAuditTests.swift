import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Every change to a return, clearing a line too, leaves an audit record.
@Suite struct ReturnAuditTests {
    @Test("clearing a line of a return is recorded in the audit trail")
    func clearingIsAudited() async throws {
        try await withPeople { people, client in
            let repository = SQLReturnRepository(database: people.database)
            let q = Quarter("2009-10-Q3")!
            try await repository.change(plan: "ULS", quarter: q, actor: Actor(name: "t", via: .cli)) { $0.indicators["NI80"] = IndicatorEntry(actual: 40) }
            try await repository.change(plan: "ULS", quarter: q, actor: Actor(name: "t", via: .cli)) { $0.indicators["NI80"] = nil }
            let latest = try #require(try await people.plans.history(code: "ULS").first)
            #expect(latest.action == "delete" && latest.itemKey == "2009-10-Q3 NI80")
        }
    }
}
