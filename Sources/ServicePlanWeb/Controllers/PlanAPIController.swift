import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// The read-only JSON API under `/api/v1`. Paths and keys are a contract with councils' scripts.
struct PlanAPIController {
    let plans: any PlanRepository

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("plans", use: list)
        group.get("plans/:code", use: plan)
        group.get("plans/:code/indicators", use: indicators)
    }

    /// Each plan's `code` and `title`, with its department, status and period.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(try await plans.summaries())
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(PlanDocument(try await plans.require(context)))
    }

    @Sendable func indicators(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(try await plans.require(context).indicators.map(IndicatorDocument.init))
    }

}
