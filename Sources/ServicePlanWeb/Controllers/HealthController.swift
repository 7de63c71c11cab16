import Hummingbird
import ServicePlanStore

/// `GET /healthz`: 200 once the database answers a query, 503 when it does not.
struct HealthController {
    let database: any Database

    func add(to router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ -> Response in
            do {
                _ = try await database.read { db in try await db.raw("SELECT 1 AS one").all() }
                return JSONResponse.make(["status": "ok", "database": database.engineName])
            } catch {
                return JSONResponse.make(["status": "unavailable", "database": database.engineName], status: .serviceUnavailable)
            }
        }
    }
}
