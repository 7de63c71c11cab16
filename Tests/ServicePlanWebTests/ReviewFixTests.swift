import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Holes a review found, each now closed.
@Suite struct ReviewFixTests {
    @Test("an officer cannot move their milestone or risk into an objective they do not own")
    func noMovingBetweenObjectives() async throws {
        try await withPeople { people, client in
            let plan = try await people.plan()
            let id = try #require(plan.objective("ULS 5")?.milestoneYears[0].milestones[0].id)
            let uri = "/api/v1/plans/ULS/objectives/ULS%205/milestones/\(id)"
            var etag = "", document: [String: Any] = [:]
            try await client.execute(uri: uri, method: .get, headers: people.headers(.owner)) { r in
                etag = r.headers[.eTag] ?? ""
                document = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as! [String: Any]
            }
            document["objective"] = "ULS 3"
            var headers = people.headers(.owner, json: true)
            headers[.ifMatch] = etag
            try await client.execute(uri: uri, method: .put, headers: headers, body: RoleMatrixTests.json(document)) {
                #expect($0.status == .forbidden)
            }
            #expect(try await people.plan().objective("ULS 3")?.milestoneYears.flatMap(\.milestones).contains { $0.id == id } == false)
        }
    }

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

    @Test("sign-in never redirects off the site", arguments: ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/ok\n"])
    func safeNext(next: String) async throws {
        try await withPeople { _, client in
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let r = try await browser.post("/sign-in", [("email", People.accounts[.member]!.email), ("password", People.password), ("next", next)])
            #expect(r.headers[.location] == "/")
        }
    }

    @Test("a member cannot start a return by posting the form")
    func memberCannotPostReturn() async throws {
        try await withPeople { people, client in
            let member = Browser(client)
            _ = try await member.signIn(.member)
            try await member.get("/")
            #expect(try await member.post("/plans/ULS/returns/2009-10-Q3", [("keyDevelopments", "x")]).status == .forbidden)
            #expect(try await SQLReturnRepository(database: people.database).returns(plan: "ULS").isEmpty)
        }
    }

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
