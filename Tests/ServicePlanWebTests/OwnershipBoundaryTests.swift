import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// People may change only what their role and ownership allow, whichever door they use.
@Suite struct OwnershipBoundaryTests {
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
}
