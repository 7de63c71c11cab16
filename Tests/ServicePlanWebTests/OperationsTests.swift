import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ServicePlanStore
@testable import ServicePlanWeb
import Testing

/// What operators and load balancers rely on: readiness, and a request id on every response.
@Suite struct OperationsTests {
    @Test("GET /readyz is 200 when every migration of this release is applied")
    func ready() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try response.json() as? [String: Any])
                #expect(body["status"] as? String == "ready")
            }
        }
    }

    /// A database this release has not migrated yet (a new release's instance started before
    /// its migrations ran): the balancer must not send it traffic.
    @Test("GET /readyz is 503 naming the missing migrations, and when the database does not answer")
    func notReady() async throws {
        for health in [StubHealth(missing: ["010-benchmark-key-order", "011-content-version"]), StubHealth(missing: nil)] {
            let router = Router(context: AppRequestContext.self)
            HealthController(health: health).add(to: router)
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    let reason = try #require(try response.json() as? [String: Any])["reason"] as? String
                    #expect(reason == (health.missing == nil ? "the database does not answer" : "migrations not applied: 010-benchmark-key-order, 011-content-version"))
                }
            }
        }
    }

    @Test("every response carries X-Request-Id, a different one per request, errors included")
    func requestIDs() async throws {
        try await withHaltonApp { client in
            var ids: [String] = []
            for (uri, status) in [("/healthz", HTTPResponse.Status.ok), ("/plans/NOPE", .notFound), ("/api/v1/plans/NOPE", .notFound),
                                  ("/plans/ULS", .ok)] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    let id = response.headers[HTTPField.Name("X-Request-Id")!]
                    #expect(id?.isEmpty == false, "\(uri) has no request id")
                    ids.append(id ?? "")
                }
            }
            #expect(Set(ids).count == ids.count)
        }
    }
}

struct StubHealth: HealthCheck {
    /// Nil: the database does not answer.
    let missing: [String]?
    var engineName: String { "sqlite" }
    func check() async throws {}
    func missingMigrations() async throws -> [String] {
        guard let missing else { throw CancellationError() }
        return missing
    }
}
