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
    /// What a plan's cross-references resolve against: the objectives of the other plans of its
    /// council, read in one query (a plan page once loaded each of the council's plans whole).
    /// Nil for a plan linked to no council.
    func crossReferences(for plan: ServicePlan) async throws -> CrossReferenceIndex?
}

extension CouncilRepository {
    /// The council's other plans, each with its returns, as the indicator series reads them:
    /// every one, or (`earlierOnly`) only those whose period ends before `plan`'s begins — all a
    /// report needs, and chosen from the plan list so the later plans are never loaded. Empty for
    /// a plan linked to no council.
    public func otherPlans(of plan: ServicePlan, plans: any PlanRepository, returns: any ReturnRepository,
                           earlierOnly: Bool) async throws -> [PlanReturns] {
        guard let link = plan.link else { return [] }
        var result: [PlanReturns] = []
        for summary in try await plans.summaries(council: link.council) where summary.code != plan.code {
            if earlierOnly, let last = FinancialYear(summary.lastYear), !(last < plan.period.first) { continue }
            guard let other = try await plans.plan(code: summary.code) else { continue }
            result.append(PlanReturns(plan: other, returns: try await returns.returns(plan: summary.code)))
        }
        return result
    }
}
