import ServicePlanDomain

/// What the rest of the system may ask of stored plans. Implemented over SQL by
/// `SQLPlanRepository`; a test may supply its own.
public protocol PlanRepository: Sendable {
    /// Every stored plan, by code.
    func summaries() async throws -> [PlanSummary]
    /// The plans of one council, by code: one indexed query however many councils there are.
    func summaries(council: String) async throws -> [PlanSummary]
    /// The plans `offset` onward, at most `limit` of them, in code order: one page of the list.
    func summaries(offset: Int, limit: Int) async throws -> [PlanSummary]
    /// How many plans are stored.
    func planCount() async throws -> Int
    /// The codes of the plans that have an indicator `ref`, in code order, from one indexed query.
    func planCodes(withIndicator ref: String) async throws -> [String]
    /// The plans in which `email` is named the owner of an indicator or an objective.
    func planCodes(ownedBy email: String) async throws -> [String]
    /// Every stored indicator's unit by ref (where plans differ, the plan latest by code wins),
    /// in one query: what a national import checks values against, without loading every plan.
    func indicatorUnits() async throws -> [String: IndicatorUnit]
    /// The whole plan, or nil when no plan has that code.
    func plan(code: String) async throws -> ServicePlan?
    /// Stores `plan`, replacing any plan with the same code, and records each changed item in
    /// the audit trail, all in one transaction. Returns the changes recorded.
    @discardableResult
    func replace(_ plan: ServicePlan, actor: Actor) async throws -> [ItemChange]
    /// Changes a stored plan in one transaction: loads it, applies `change`, checks every rule
    /// (the same as a plan-file import), stores it and records the audit trail. A throwing
    /// `change` or a broken rule leaves the plan as it was.
    /// `renamingIndicators` (old ref → new ref) names indicators the change renames: their
    /// quarterly return lines and audit trail follow them to the new ref, in the same transaction.
    func update<T: Sendable>(code: String, actor: Actor, renamingIndicators: [String: String],
                             _ change: @escaping @Sendable (inout ServicePlan) throws -> T) async throws -> PlanUpdate<T>
    /// The plan's audit trail, newest first.
    func history(code: String) async throws -> [AuditRecord]
    /// The latest audit record of one item: who changed it last, and when.
    func lastChange(code: String, itemType: String, key: String) async throws -> AuditRecord?
}

extension PlanRepository {
    /// `update` for a change that renames no indicator.
    public func update<T: Sendable>(code: String, actor: Actor,
                                    _ change: @escaping @Sendable (inout ServicePlan) throws -> T) async throws -> PlanUpdate<T> {
        try await update(code: code, actor: actor, renamingIndicators: [:], change)
    }
}

/// What `update` did: the plan as now stored (with any new ids), the change's own result, and
/// the changes recorded.
public struct PlanUpdate<T: Sendable>: Sendable {
    public let plan: ServicePlan
    public let result: T
    public let changes: [ItemChange]
}

/// No plan has this code.
public struct PlanNotFound: Error, CustomStringConvertible {
    public let code: String
    public init(code: String) { self.code = code }
    public var description: String { "No plan has the code \(code)." }
}

/// A change would break rules of the plan; nothing was stored.
public struct PlanRuleViolations: Error, CustomStringConvertible {
    public let violations: [PlanViolation]
    public var description: String { violations.map(\.description).joined(separator: "; ") }
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
