import Hummingbird
import ServicePlanDomain
import ServicePlanStore

extension PlanRepository {
    /// The plan named by the route's `:code` as the requester may see it (Part II removed for
    /// the public), or a 404 that says which code was not found.
    func require(_ context: AppRequestContext) async throws -> ServicePlan {
        try await requireStored(context).visible(to: context.user)
    }

    /// The whole stored plan, Part II included: for permission checks and edits only.
    func requireStored(_ context: AppRequestContext) async throws -> ServicePlan {
        let code = try context.pathValue("code")
        // A code that cannot be one (a NUL, which PostgreSQL refuses outright) is not looked up.
        guard (try? ServicePlan.checkCode(code)) != nil, let plan = try await plan(code: code) else {
            throw HTTPError(.notFound, message: "No plan has the code \(code).")
        }
        return plan
    }
}
