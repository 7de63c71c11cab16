import ServicePlanDomain

/// Councils held as records of their own (council files), and the plans linked to them.
public protocol CouncilRepository: Sendable {
    func councils() async throws -> [CouncilFramework]
    func council(code: String) async throws -> CouncilFramework?
    /// Stores the council, replacing one with the same code. Plans linked to it take its new
    /// name, codes and corporate priorities (an audited change to each); a change that would
    /// leave a linked plan naming a department or area of focus the council no longer has is
    /// refused, and nothing is written.
    @discardableResult
    func replace(_ council: CouncilFramework, actor: Actor) async throws -> [String]
    /// The codes of the plans linked to the council, in code order.
    func planCodes(council code: String) async throws -> [String]
}

extension CouncilRepository {
    /// What a plan's cross-references resolve against: the objectives of the other plans of its
    /// council. Nil for a plan linked to no council.
    public func crossReferences(for plan: ServicePlan, plans: any PlanRepository) async throws -> CrossReferenceIndex? {
        guard let link = plan.link, let council = try await council(code: link.council) else { return nil }
        var others: [ServicePlan] = []
        for code in try await planCodes(council: link.council) where code != plan.code {
            if let other = try await plans.plan(code: code) { others.append(other) }
        }
        return CrossReferenceIndex(councilName: council.name, plans: others, excluding: plan.code)
    }
}
