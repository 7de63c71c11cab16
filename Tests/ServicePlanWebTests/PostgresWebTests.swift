import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// The web stack's answers that depend on the storage engine passing its errors through —
/// stale edits, locked returns, rules broken inside a transaction — on every engine.
@Suite struct EngineWebTests {
    @Test("stale edits, broken rules and locked returns answer 412, 422 and 409 on every engine", arguments: WebEngines.all)
    func errorsPassThrough(engine: String) async throws {
        try await withPeople(engine: engine) { people, client in
            let uri = "/api/v1/plans/ULS/indicators/NI80"
            var etag = "", document: [String: Any] = [:]
            try await client.execute(uri: uri, method: .get, headers: people.headers(.director)) { r in
                etag = r.headers[.eTag] ?? ""
                document = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as! [String: Any]
            }
            var headers = people.headers(.director, json: true)
            headers[.ifMatch] = etag
            document["title"] = "Edited"
            try await client.execute(uri: uri, method: .put, headers: headers, body: RoleMatrixTests.json(document)) { #expect($0.status == .ok) }
            try await client.execute(uri: uri, method: .put, headers: headers, body: RoleMatrixTests.json(document)) {
                #expect($0.status == .preconditionFailed)
            }
            // A rule the whole plan checks (inside the transaction): a duplicate ref.
            var duplicate = document
            duplicate["ref"] = "NI72"
            try await client.execute(uri: "/api/v1/plans/ULS/indicators", method: .post, headers: people.headers(.director, json: true),
                                     body: RoleMatrixTests.json(duplicate)) { #expect($0.status == .unprocessableContent) }
            try await ExampleReturns.load(ExampleReturns.sampleQuarter, into: people.stores.returns, plan: try await people.plan())
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2009-10-Q2/indicators/NI80", method: .put,
                                     headers: people.headers(.director, json: true), body: RoleMatrixTests.json(["actual": 40])) {
                #expect($0.status == .conflict)
            }
            try await client.execute(uri: "/plans/ULS/reports/2009-10-Q2", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/data-quality", method: .get) { #expect($0.status == .ok) }
        }
    }
}
