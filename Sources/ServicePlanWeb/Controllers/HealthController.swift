import Hummingbird
import ServicePlanStore

/// `GET /healthz` (liveness): 200 once the database answers a query, 503 when it does not.
/// `GET /readyz` (readiness, for a load balancer): 200 when the database answers and holds every
/// migration this release knows, 503 naming what is missing otherwise; a newer schema is ready.
struct HealthController {
    let health: any HealthCheck

    func add(to router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ -> Response in
            do {
                try await health.check()
                return JSONResponse.make(["status": "ok", "database": health.engineName])
            } catch {
                return JSONResponse.make(["status": "unavailable", "database": health.engineName], status: .serviceUnavailable)
            }
        }
        router.get("readyz") { _, _ -> Response in
            let missing: [String]
            do {
                missing = try await health.missingMigrations()
            } catch {
                return JSONResponse.make(["status": "unavailable", "database": health.engineName,
                                          "reason": "the database does not answer"], status: .serviceUnavailable)
            }
            guard missing.isEmpty else {
                return JSONResponse.make(["status": "unavailable", "database": health.engineName,
                                          "reason": "migrations not applied: \(missing.joined(separator: ", "))"],
                                         status: .serviceUnavailable)
            }
            return JSONResponse.make(["status": "ready", "database": health.engineName])
        }
    }
}
