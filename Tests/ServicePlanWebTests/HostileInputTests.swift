import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Input a hostile or careless user sends, each answered with a 4xx naming the field, and
/// nothing stored.
@Suite struct HostileInputTests {
    /// GETs an item as the admin, applies `change` to its JSON and PUTs it back with its ETag.
    static func put(_ client: some TestClientProtocol, _ people: People, _ path: String,
                    _ change: (inout [String: Any]) -> Void) async throws -> (HTTPResponse.Status, String) {
        var etag = "", document: [String: Any] = [:]
        try await client.execute(uri: path, method: .get, headers: people.headers(.admin)) { r in
            etag = r.headers[.eTag] ?? ""
            document = (try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]) ?? [:]
        }
        change(&document)
        var headers = people.headers(.admin, json: true)
        headers[.ifMatch] = etag
        var result: (HTTPResponse.Status, String) = (.ok, "")
        try await client.execute(uri: path, method: .put, headers: headers, body: RoleMatrixTests.json(document)) {
            result = ($0.status, String(buffer: $0.body))
        }
        return result
    }

    @Test("blank list entries are refused through the API, so every plan the API stores exports and imports back",
          arguments: [("cyppPriorities", [" "]), ("crossReferences", [""]), ("notes", [""])])
    func blankEntries(field: String, value: [String]) async throws {
        try await withPeople { people, client in
            let before = try await people.auditCount()
            let (status, body) = try await Self.put(client, people, "/api/v1/plans/ULS/objectives/ULS%201") { $0[field] = value }
            #expect(status == .unprocessableContent)
            #expect(body.contains(field) && body.contains("is empty"), "\(body)")
            #expect(try await people.auditCount() == before, "nothing stored")
            let plan = try await people.plan()
            let yaml = PlanFileWriter.yaml(plan)
            #expect(PlanFileWriter.yaml(try PlanFileReader.read(yaml, file: "export.yaml")) == yaml, "the stored plan still round-trips")
        }
    }

    @Test("NUL characters are refused, not cut: in a title, a ref and a return's commentary")
    func nul() async throws {
        try await withPeople { people, client in
            let before = try await people.auditCount()
            let (title, titleBody) = try await Self.put(client, people, "/api/v1/plans/ULS/indicators/NI80") { $0["title"] = "Level 3\u{0} by 19" }
            #expect(title == .unprocessableContent && titleBody.contains("NUL"))
            let (ref, _) = try await Self.put(client, people, "/api/v1/plans/ULS/indicators/NI80") { $0["ref"] = "NI\u{0}80" }
            #expect(ref == .unprocessableContent)
            #expect(try await people.auditCount() == before, "nothing committed")
            #expect(try await people.plan().indicator("NI80") != nil)
            let (line, _) = try await ReturnWorkflowTests().send(client, people, .admin, .put, "/indicators/NI80",
                                                                ["actual": 40, "commentary": "fine\u{0}hidden"])
            #expect(line == .unprocessableContent)
            #expect(try await people.stores.returns.returns(plan: "ULS").isEmpty)
        }
    }

    @Test("a ref of 100,000 characters is refused, so no item can become unreadable")
    func longRef() async throws {
        try await withPeople { people, client in
            let (status, body) = try await Self.put(client, people, "/api/v1/plans/ULS/indicators/NI80") {
                $0["ref"] = String(repeating: "N", count: 100_000)
            }
            #expect(status == .unprocessableContent)
            #expect(body.contains("100000 characters long; at most 64"))
            #expect(body.count < 2_000, "the refusal does not echo the whole value")
            #expect(try await people.plan().indicator("NI80") != nil)
        }
    }

    @Test("bodies over the declared limits answer 413, signed in or not", arguments: [true, false])
    func tooLarge(signedIn: Bool) async throws {
        try await withPeople { people, client in
            var headers = signedIn ? people.headers(.admin, json: true) : HTTPFields()
            headers[.contentType] = "application/json"
            headers[.ifMatch] = "\"x\""
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
            try await client.execute(uri: "/api/v1/plans/ULS/indicators/NI80", method: .put, headers: headers, body: big) { r in
                #expect(r.status == .contentTooLarge)
                #expect(String(buffer: r.body).contains("\"message\""))
            }
            let workflow = ByteBuffer(repeating: UInt8(ascii: " "), count: (1 << 16) + 1)
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2009-10-Q2/submit", method: .post, headers: headers, body: workflow) { r in
                #expect(r.status == .contentTooLarge)
            }
        }
    }

    @Test("a workflow step whose body is not JSON is refused with 400, not taken without its reason")
    func malformedReason() async throws {
        try await withPeople { people, client in
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2009-10-Q2/reopen", method: .post,
                                     headers: people.headers(.admin, json: true), body: ByteBuffer(string: "{\"reason\": ")) { r in
                #expect(r.status == .badRequest)
            }
        }
    }
}
