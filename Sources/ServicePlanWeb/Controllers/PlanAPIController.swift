import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// The read-only JSON API under `/api/v1`. Paths and keys are a contract with councils' scripts.
struct PlanAPIController {
    let plans: any PlanRepository
    let councils: any CouncilRepository
    let progress: IndicatorProgress

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
        let plan = try await plans.require(context)
        var document = PlanDocument(plan)
        document.indicators = try await progress.documents(document.indicators, plan: plan, user: context.user)
        if let index = try await councils.crossReferences(for: plan) {
            let staff = Permissions.canSeePartII(context.user)
            for i in document.objectives.indices {
                let links = document.objectives[i].crossReferences.compactMap { ref in
                    index.resolve(ref).flatMap { !$0.partII || staff ? PlanDocument.CrossReferenceLinkDocument(ref: ref, plan: $0.plan, objective: $0.ref) : nil }
                }
                if !links.isEmpty { document.objectives[i].crossReferenceLinks = links }
            }
        }
        return JSONResponse.make(document)
    }

    @Sendable func indicators(_ request: Request, context: AppRequestContext) async throws -> Response {
        let plan = try await plans.require(context)
        return JSONResponse.make(try await progress.documents(plan.indicators.map(IndicatorDocument.init), plan: plan, user: context.user))
    }

}
