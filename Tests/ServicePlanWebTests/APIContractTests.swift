import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServicePlanDomain
import ServicePlanStore
import ServicePlanWeb
import Testing

/// The published contract (`GET /api/v1/openapi.json`) and the server agree.
@Suite struct APIContractTests {
    static func document() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ServicePlanWeb/Resources/openapi.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test("every registered API route, with its method, is in the OpenAPI document")
    func everyRouteDocumented() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-contract-\(UUID().uuidString).sqlite").path
        let database = try await DatabaseLocation.sqlite(path: path).open(logger: Logger(label: "test"))
        do {
            let router = try await buildRouter(stores: Stores(database: database, bcryptCost: 4), logger: Logger(label: "test"),
                                               settings: AppSettings(), refusingOtherMethods: false)
            let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
            let api = router.routes.filter { $0.path.description.hasPrefix("/api/v1") }
            #expect(api.count >= 30)
            for route in api {
                // `:code` in the router is `{code}` in OpenAPI.
                let templated = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                let key = "/" + templated.joined(separator: "/")
                #expect(paths[key]?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(key) is not in openapi.json")
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    @Test("the contract is served, is OpenAPI 3.1 and names both security schemes")
    func served() async throws {
        try await withPeople { _, client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect((json["openapi"] as? String)?.hasPrefix("3.1") == true)
                let schemes = ((json["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]) ?? [:]
                #expect(schemes["bearerAuth"] != nil && schemes["cookieAuth"] != nil)
            }
        }
    }

    @Test("a method a path does not take answers 405 with Allow, not 404",
          arguments: [HTTPRequest.Method.trace, .patch, .delete, HTTPRequest.Method("QUERY")!])
    func methodNotAllowed(method: HTTPRequest.Method) async throws {
        try await withPeople { _, client in
            try await client.execute(uri: "/api/v1/plans", method: method) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                #expect(String(buffer: response.body).contains("\"message\""))
            }
        }
    }

    @Test("a plan code is percent-decoded like a ref: /api/v1/plans/UL%53 is ULS")
    func decodedCode() async throws {
        try await withPeople { _, client in
            try await client.execute(uri: "/api/v1/plans/UL%53", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("a write without sign-in answers 401 whatever its body")
    func signInFirst() async throws {
        try await withPeople { _, client in
            for (method, uri) in [(HTTPRequest.Method.put, "/api/v1/plans/ULS/indicators/ULS%20LI1"), (.post, "/api/v1/plans/ULS/risks"),
                                  (.put, "/api/v1/plans/ULS/returns/2009-10-Q2/indicators/NI80")] {
                try await client.execute(uri: uri, method: method, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: "{}")) { #expect($0.status == .unauthorized, "\(method) \(uri)") }
            }
        }
    }

    @Test("a new risk or milestone naming an unknown objective is a 422; a milestone posted under another objective's path is refused")
    func objectiveReferences() async throws {
        try await withPeople { people, client in
            let headers = people.headers(.admin, json: true)
            let risk: [String: Any] = ["objective": "NOPE", "description": "A risk", "treatment": [String](),
                                       "initial": ["score": 4], "residual": ["score": 4], "notes": [String](), "partII": false]
            try await client.execute(uri: "/api/v1/plans/ULS/risks", method: .post, headers: headers, body: RoleMatrixTests.json(risk)) {
                #expect($0.status == .unprocessableContent, "\(String(buffer: $0.body))")
            }
            let milestone: [String: Any] = ["objective": "ULS 1", "year": "2010/11", "text": "By March 2011", "due": "2011-03-31", "partII": false]
            try await client.execute(uri: "/api/v1/plans/ULS/objectives/NOPE/milestones", method: .post, headers: headers,
                                     body: RoleMatrixTests.json(milestone)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/plans/ULS/objectives/ULS%205/milestones", method: .post, headers: headers,
                                     body: RoleMatrixTests.json(milestone)) { #expect($0.status == .unprocessableContent) }
        }
    }
}
