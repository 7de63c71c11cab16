import ServicePlanDomain
import SQLKit

/// A plan edit (form, API or file import) may not take away an item that an approved or
/// published return reports on: the return is locked, and a report people have read must read
/// the same tomorrow. The editor is told which returns hold it; an admin can reopen them.
struct LockedReturnGuard {
    let db: any SQLDatabase

    /// Throws `LockedReturnsWouldChange` when `plan` drops an indicator, milestone, risk or
    /// equality action that a locked return of `old` has a line for. Renamed indicators are kept.
    func check(_ plan: ServicePlan, replacing old: ServicePlan, renames: [String: String]) async throws {
        let newIndicators = Set(plan.indicators.map(\.ref))
        let droppedIndicators = old.indicators.map(\.ref).filter { !newIndicators.contains($0) && renames[$0] == nil }
        let milestoneIDs = { (p: ServicePlan) in Set(p.objectives.flatMap { $0.milestoneYears.flatMap(\.milestones) }.compactMap(\.id)) }
        let droppedMilestones = milestoneIDs(old).subtracting(milestoneIDs(plan))
        let droppedRisks = Set(old.risks.compactMap(\.id)).subtracting(plan.risks.compactMap(\.id))
        let droppedActions = Set(old.equalityActions.compactMap(\.id)).subtracting(plan.equalityActions.compactMap(\.id))
        guard !droppedIndicators.isEmpty || !droppedMilestones.isEmpty || !droppedRisks.isEmpty || !droppedActions.isEmpty else { return }

        let locked = try await db.select().column("period").from("quarterly_returns")
            .where("plan_code", .equal, plan.code).where("status", .in, [ReturnStatus.approved.rawValue, ReturnStatus.published.rawValue])
            .all().map { try $0.decode(column: "period", as: String.self) }
        guard !locked.isEmpty else { return }
        var found: [(item: String, period: String)] = []
        func lines(_ table: String, _ column: String, _ values: [any Encodable & Sendable], extra: ((SQLSelectBuilder) -> SQLSelectBuilder)? = nil,
                   name: (any SQLRow) throws -> String) async throws {
            guard !values.isEmpty else { return }
            var query = db.select().columns(column, "period").from(table).where("plan_code", .equal, plan.code)
                .where("period", .in, locked).where(SQLIdentifier(column), .in, SQLBind.group(values))
            if let extra { query = extra(query) }
            for row in try await query.all() { found.append((try name(row), try row.decode(column: "period", as: String.self))) }
        }
        try await lines("return_indicators", "indicator_ref", droppedIndicators) { try $0.decode(column: "indicator_ref", as: String.self) }
        let milestoneText = Dictionary(old.objectives.flatMap { o in o.milestoneYears.flatMap(\.milestones).compactMap { m in m.id.map { ($0, "\(o.ref) milestone \"\(m.text)\"") } } },
                                       uniquingKeysWith: { a, _ in a })
        try await lines("return_milestones", "milestone_id", droppedMilestones.sorted()) {
            let id = try $0.decode(column: "milestone_id", as: Int64.self)
            return milestoneText[id] ?? "milestone \(id)"
        }
        for (kind, ids, noun) in [("risk", droppedRisks, "risk"), ("equalityAction", droppedActions, "equality action")] {
            try await lines("return_progress", "item_id", ids.sorted(), extra: { $0.where("kind", .equal, kind) }) {
                "\(noun) \(try $0.decode(column: "item_id", as: Int64.self))"
            }
        }
        guard !found.isEmpty else { return }
        throw LockedReturnsWouldChange(plan: plan.code, lines: found.sorted { ($0.period, $0.item) < ($1.period, $1.item) })
    }
}

/// A plan edit would remove an item reported on by an approved or published return.
public struct LockedReturnsWouldChange: Error, CustomStringConvertible, Sendable {
    public let plan: String
    public let lines: [(item: String, period: String)]

    public var description: String {
        let periods = Array(Set(lines.map(\.period))).sorted()
        let items = Array(Set(lines.map(\.item))).sorted().prefix(5)
        let more = Set(lines.map(\.item)).count > items.count ? " and others" : ""
        return "This change would remove \(items.joined(separator: ", "))\(more), reported in the locked (approved or published) "
            + "return\(periods.count == 1 ? "" : "s") \(periods.joined(separator: ", ")): an admin must reopen "
            + "\(periods.count == 1 ? "it" : "them") first, or keep the item."
    }
}
