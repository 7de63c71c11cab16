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

    /// Anonymous forms read 1 MiB each (0.8–2.2 s on a debug build): eight at once slowed every
    /// page. They take a body the size of the form (issue 23, item 6), spelled any way.
    @Test("the anonymous forms refuse a body larger than the form with 413", arguments: ["/sign-in", "/password/forgot", "/sign-in/", "//password/forgot", "/password/reset/abc"])
    func anonymousFormLimit(path: String) async throws {
        try await withPeople { _, client in
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            let big = ByteBuffer(string: "email=a%40b.test&password=" + String(repeating: "x", count: 17 << 10))
            try await client.execute(uri: path, method: .post, headers: headers, body: big) { r in
                #expect(r.status == .contentTooLarge, "\(path)")
            }
            // A real sign-in, a long password and all, is well within it.
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let r = try await browser.post("/sign-in", [("email", "nobody@halton.test"), ("password", String(repeating: "é", count: 1_024))])
            #expect(r.status != .contentTooLarge)
        }
    }

    /// Refs that cannot be opened in a browser, or that read as NI80 but are not (issue 23, item 13).
    @Test("an indicator ref of dots, or with a look-alike or invisible character, is refused on the ref",
          arguments: [".", "..", "NI80\u{00A0}", "NI\u{200B}80", "NI\u{FF18}\u{FF10}", "NI80\u{202E}", "NI\u{00AD}80", "NI\t80",
                      "\u{039D}\u{0399}80", "N\u{2160}80", "NI8\u{0301}0", "ULS  LI1"])
    func unsafeRefs(ref: String) async throws {
        try await withPeople { people, client in
            let before = try await people.plan()
            let (status, body) = try await Self.put(client, people, "/api/v1/plans/ULS/indicators/NI72") { $0["ref"] = ref }
            #expect(status == .unprocessableContent, "\(ref.unicodeScalars.map { String($0.value, radix: 16) }): \(body)")
            #expect(body.contains("ref"), "\(body)")
            #expect(try await people.plan() == before)
        }
    }

    @Test("an address whose path decodes to a NUL or another control character is refused, not served as another type",
          arguments: ["/static/app.css%00.html", "/plans/ULS%00", "/plans/ULS%0A"])
    func controlInPath(path: String) async throws {
        try await withPeople { _, client in
            try await client.execute(uri: path, method: .get) { r in
                #expect(r.status == .notFound, "\(path)")
                #expect(r.headers[.contentType]?.hasPrefix("text/css") != true)
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
