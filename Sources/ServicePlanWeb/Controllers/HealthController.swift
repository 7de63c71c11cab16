import Hummingbird
import ServicePlanStore

/// `GET /healthz`: 200 once the database answers a query, 503 when it does not.
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
    }
}
