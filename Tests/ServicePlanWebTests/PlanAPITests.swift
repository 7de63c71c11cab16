import Foundation
import HummingbirdTesting
import Testing

/// The JSON API contract that councils' scripts rely on.
@Suite struct PlanAPITests {
    @Test("GET /healthz answers 200 once the database is open")
    func health() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("GET /api/v1/plans lists each plan's code and title")
    func plans() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/api/v1/plans", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let plans = try #require(try response.json() as? [[String: Any]])
                #expect(plans.count == 1)
                #expect(plans[0]["code"] as? String == "ULS")
                #expect(plans[0]["title"] as? String == "Universal & Learning Services Service Plan 2009–12")
            }
        }
    }

    @Test("GET /api/v1/plans/{code} gives objectives' risks with score and band, no score where unknown")
    func plan() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/api/v1/plans/ULS", method: .get) { response in
                #expect(response.status == .ok)
                let plan = try #require(try response.json() as? [String: Any])
                let objectives = try #require(plan["objectives"] as? [[String: Any]])
                #expect(objectives.map { $0["ref"] as? String } == ["ULS 1", "ULS 2", "ULS 3", "ULS 4", "ULS 5"])
                let risk1 = try #require(objectives[0]["risk"] as? [String: [String: Any]])
                #expect(risk1["initial"]?["score"] == nil)
                #expect(risk1["initial"]?["band"] as? String == "high")
                #expect(risk1["residual"]?["score"] as? Int == 6)
                #expect(risk1["residual"]?["band"] as? String == "medium")
                let risk5 = try #require(objectives[4]["risk"] as? [String: [String: Any]])
                #expect(risk5["initial"]?["score"] as? Int == 16)
                #expect(risk5["initial"]?["band"] as? String == "high")
            }
        }
    }

    @Test("indicators carry ref, title, category, unit, polarity and a target per year with value or missing reason")
    func indicators() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/api/v1/plans/ULS/indicators", method: .get) { response in
                #expect(response.status == .ok)
                let list = try #require(try response.json() as? [[String: Any]])
                #expect(list.count == 17)
                for item in list {
                    for key in ["ref", "title", "category", "unit", "polarity", "targets"] {
                        #expect(item[key] != nil, "\(item["ref"] ?? "?") lacks \(key)")
                    }
                }
                let ni80 = try #require(list.first { $0["ref"] as? String == "NI80" })
                let targets = try #require(ni80["targets"] as? [[String: Any]])
                let target0910 = try #require(targets.first { $0["year"] as? String == "2009/10" })
                #expect(target0910["value"] as? Double == 40.5)
                #expect(ni80["unit"] as? String == "percentage")
                #expect(ni80["polarity"] as? String == "higherIsBetter")
                let ni104 = try #require(list.first { $0["ref"] as? String == "NI104" })
                let ni104targets = try #require(ni104["targets"] as? [[String: Any]])
                #expect(ni104targets.first { $0["year"] as? String == "2010/11" }?["missing"] as? String == "TBA")
                #expect(ni104targets.first { $0["year"] as? String == "2010/11" }?["value"] == nil)
                #expect(ni104["polarity"] as? String == "lowerIsBetter")
            }
        }
    }

    @Test("one indicator by its URL-encoded ref")
    func indicatorByRef() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/api/v1/plans/ULS/indicators/ULS%20LI1", method: .get) { response in
                #expect(response.status == .ok)
                let item = try #require(try response.json() as? [String: Any])
                #expect(item["ref"] as? String == "ULS LI1")
                #expect(item["unit"] as? String == "count")
            }
        }
    }

    @Test("unknown plans and indicators answer 404 with a JSON error", arguments: [
        "/api/v1/plans/NOPE", "/api/v1/plans/NOPE/indicators", "/api/v1/plans/ULS/indicators/NI999",
    ])
    func notFound(uri: String) async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try #require(try response.json() as? [String: [String: String]])
                #expect(body["error"]?["message"]?.isEmpty == false)
            }
        }
    }

    @Test("every response carries the security headers", arguments: ["/", "/plans/ULS", "/api/v1/plans", "/nowhere"])
    func securityHeaders(uri: String) async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[.init("Referrer-Policy")!] != nil)
            }
        }
    }

    @Test("the API refuses to change plans: no write route exists yet", arguments: ["POST", "PUT", "DELETE"])
    func noWrites(method: String) async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/api/v1/plans/ULS", method: .init(rawValue: method)!) { response in
                #expect(response.status.code >= 400)
            }
        }
    }
}
