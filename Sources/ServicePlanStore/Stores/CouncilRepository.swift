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
