import ServicePlanDomain

/// What the rest of the system may ask of stored plans. Implemented over SQL by
/// `SQLPlanRepository`; a test may supply its own.
public protocol PlanRepository: Sendable {
    /// Every stored plan, by code.
    func summaries() async throws -> [PlanSummary]
    /// The whole plan, or nil when no plan has that code.
    func plan(code: String) async throws -> ServicePlan?
    /// Stores `plan`, replacing any plan with the same code, in one transaction.
    func replace(_ plan: ServicePlan) async throws
}

/// One line of the plan list.
public struct PlanSummary: Hashable, Sendable, Codable {
    public let code: String
    public let title: String
    public let department: String
    public let status: String
    /// `2009/10`.
    public let firstYear: String
    public let lastYear: String

    public init(code: String, title: String, department: String, status: String, firstYear: String, lastYear: String) {
        self.code = code
        self.title = title
        self.department = department
        self.status = status
        self.firstYear = firstYear
        self.lastYear = lastYear
    }
}
