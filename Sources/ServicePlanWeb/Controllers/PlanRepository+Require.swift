import Hummingbird
import ServicePlanDomain
import ServicePlanStore

extension PlanRepository {
    /// The plan named by the route's `:code`, or a 404 that says which code was not found.
    func require(_ context: some RequestContext) async throws -> ServicePlan {
        let code = try context.parameters.require("code")
        guard let plan = try await plan(code: code) else {
            throw HTTPError(.notFound, message: "No plan has the code \(code).")
        }
        return plan
    }
}
