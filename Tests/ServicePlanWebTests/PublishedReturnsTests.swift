import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import SQLKit
import Testing

/// The public reads published returns only, in every figure drawn from them, and no staff emails.
@Suite struct PublishedReturnsTests {
    @Test("the public report and return use published returns only, for every quarter they draw on")
    func publishedOnly() async throws {
        try await withPeople { people, client in
            try await ReportTests.example(people)
            try await SQLReturnRepository(database: people.database).change(plan: "ULS", quarter: Quarter("2009-10-Q3")!,
                                                                          actor: Actor(name: "t", via: .cli)) {
                $0.indicators["NI80"] = IndicatorEntry(actual: 12.3)
            }
            try await client.execute(uri: ReportTests.report, method: .get) { #expect(!String(buffer: $0.body).contains("12.3%")) }
            let member = Browser(client)
            _ = try await member.signIn(.member)
            #expect(String(buffer: try await member.get(ReportTests.report).body).contains("12.3%"), "members see the draft quarter")
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2009-10-Q2", method: .get) { response in
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
                #expect(body["submittedBy"] == nil && body["approvedBy"] == nil, "staff emails are not published")
            }
        }
    }
}

/// The history page says whether the plan's audit trail is as serviceplan wrote it.
@Suite struct HistoryChainTests {
    @Test("the history page shows that the chain verifies, and names the record when it was edited outside serviceplan")
    func chainOnHistory() async throws {
        try await withPeople { people, client in
            let member = Browser(client)
            _ = try await member.signIn(.member)
            #expect(String(buffer: try await member.get("/plans/ULS/history").body).contains("The audit trail verifies"))
            let first = try #require(try await people.plans.history(code: "ULS").map(\.id).min())
            try await people.database.transaction { db in
                try await db.raw("UPDATE audit_log SET actor = 'nobody' WHERE id = \(bind: first)").run()
            }
            let page = String(buffer: try await member.get("/plans/ULS/history").body)
            #expect(page.contains("The audit trail does not verify"))
            #expect(page.contains("Audit record \(first) "))
        }
    }
}
