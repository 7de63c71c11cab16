import ServicePlanDomain
import SQLKit

/// A plan edit (form, API or file import) may not take away, or change what is judged by or
/// shown for, an item that an approved or published return reports on: the return is locked, and
/// a report people have read must read the same tomorrow. That is an indicator's unit, polarity,
/// aggregation and the targets of the locked returns' years (its title may be corrected; a
/// quarterly profile may be set, though it re-judges the quarters before it: statuses are
/// computed when read, not kept from approval); a milestone's objective, year, words and due date (the words are what its status
/// was given for); a risk's objective and description; an equality action's area and wording.
/// The editor is told which returns hold it; an admin can reopen them.
struct LockedReturnGuard {
    let db: any SQLDatabase

    /// Throws `LockedReturnsWouldChange` when `plan` drops an indicator, milestone, risk or
    /// equality action that a locked return of `old` has a line for. Renamed indicators are kept.
    /// Otherwise the dropped items' lines in draft and submitted returns go with them, so an item
    /// added later under the same ref starts with none (as a renamed indicator's old ref does).
    func apply(_ plan: ServicePlan, replacing old: ServicePlan, renames: [String: String]) async throws {
        let dropped = try await check(plan, replacing: old, renames: renames)
        let code = plan.code
        if !dropped.indicators.isEmpty {
            try await db.delete(from: "return_indicators").where("plan_code", .equal, code).where("indicator_ref", .in, dropped.indicators).run()
        }
        if !dropped.milestones.isEmpty {
            try await db.delete(from: "return_milestones").where("plan_code", .equal, code).where("milestone_id", .in, dropped.milestones.sorted()).run()
        }
        for (kind, ids) in [("risk", dropped.risks), ("equalityAction", dropped.actions)] where !ids.isEmpty {
            try await db.delete(from: "return_progress").where("plan_code", .equal, code).where("kind", .equal, kind)
                .where("item_id", .in, ids.sorted()).run()
        }
    }

    struct Dropped {
        var indicators: [String] = [], milestones = Set<Int64>(), risks = Set<Int64>(), actions = Set<Int64>()
    }

    private func check(_ plan: ServicePlan, replacing old: ServicePlan, renames: [String: String]) async throws -> Dropped {
        let newIndicators = Set(plan.indicators.map(\.ref))
        let droppedIndicators = old.indicators.map(\.ref).filter { !newIndicators.contains($0) && renames[$0] == nil }
        func milestones(_ p: ServicePlan) -> [Int64: (objective: String, year: FinancialYear, milestone: Milestone)] {
            var out: [Int64: (objective: String, year: FinancialYear, milestone: Milestone)] = [:]
            for o in p.objectives { for y in o.milestoneYears { for m in y.milestones { if let id = m.id { out[id] = (o.ref, y.year, m) } } } }
            return out
        }
        let (oldMilestones, newMilestones) = (milestones(old), milestones(plan))
        let droppedMilestones = Set(oldMilestones.keys).subtracting(newMilestones.keys)
        let droppedRisks = Set(old.risks.compactMap(\.id)).subtracting(plan.risks.compactMap(\.id))
        let droppedActions = Set(old.equalityActions.compactMap(\.id)).subtracting(plan.equalityActions.compactMap(\.id))
        let dropped = Dropped(indicators: droppedIndicators, milestones: droppedMilestones, risks: droppedRisks, actions: droppedActions)

        let locked = try await db.select().column("period").from("quarterly_returns")
            .where("plan_code", .equal, plan.code).where("status", .in, [ReturnStatus.approved.rawValue, ReturnStatus.published.rawValue])
            .all().map { try $0.decode(column: "period", as: String.self) }
        guard !locked.isEmpty else { return dropped }
        let lockedYears = Set(locked.compactMap { Quarter($0)?.year })

        // Kept, but read differently by a locked return: judged by other rules, or its words changed.
        var changedIndicators: [String] = []
        for before in old.indicators {
            guard let after = plan.indicator(renames[before.ref] ?? before.ref) else { continue }
            if before.unit != after.unit || before.polarity != after.polarity || before.aggregation != after.aggregation
                || lockedYears.contains(where: { before.targets[$0] != after.targets[$0] }) {
                changedIndicators.append(before.ref)
            }
        }
        let renamedObjectives = Set(old.objectives.map(\.ref)).subtracting(plan.objectives.map(\.ref))
        let changedMilestones = Set(oldMilestones.compactMap { id, before -> Int64? in
            guard let after = newMilestones[id] else { return nil }
            let moved = before.objective != after.objective && !renamedObjectives.contains(before.objective)
            return moved || before.year != after.year || before.milestone.text != after.milestone.text || before.milestone.due != after.milestone.due ? id : nil
        })
        let changedRisks = Set(old.risks.compactMap { before -> Int64? in
            guard let id = before.id, let after = plan.risks.first(where: { $0.id == id }) else { return nil }
            let moved = before.objectiveRef != after.objectiveRef && !renamedObjectives.contains(before.objectiveRef)
            return moved || before.description != after.description ? id : nil
        })
        let changedActions = Set(old.equalityActions.compactMap { before -> Int64? in
            guard let id = before.id, let after = plan.equalityActions.first(where: { $0.id == id }) else { return nil }
            return before.area != after.area || before.action != after.action ? id : nil
        })
        let indicatorsAtStake = droppedIndicators + changedIndicators
        let milestonesAtStake = droppedMilestones.union(changedMilestones)
        let risksAtStake = droppedRisks.union(changedRisks), actionsAtStake = droppedActions.union(changedActions)
        guard !indicatorsAtStake.isEmpty || !milestonesAtStake.isEmpty || !risksAtStake.isEmpty || !actionsAtStake.isEmpty else { return dropped }
        var found: [(item: String, period: String)] = []
        func lines(_ table: String, _ column: String, _ values: [any Encodable & Sendable], extra: ((SQLSelectBuilder) -> SQLSelectBuilder)? = nil,
                   name: (any SQLRow) throws -> String) async throws {
            guard !values.isEmpty else { return }
            var query = db.select().columns(column, "period").from(table).where("plan_code", .equal, plan.code)
                .where("period", .in, locked).where(SQLIdentifier(column), .in, SQLBind.group(values))
            if let extra { query = extra(query) }
            for row in try await query.all() { found.append((try name(row), try row.decode(column: "period", as: String.self))) }
        }
        try await lines("return_indicators", "indicator_ref", indicatorsAtStake) { try $0.decode(column: "indicator_ref", as: String.self) }
        let milestoneText = Dictionary(old.objectives.flatMap { o in o.milestoneYears.flatMap(\.milestones).compactMap { m in m.id.map { ($0, "\(o.ref) milestone \"\(m.text)\"") } } },
                                       uniquingKeysWith: { a, _ in a })
        try await lines("return_milestones", "milestone_id", milestonesAtStake.sorted()) {
            let id = try $0.decode(column: "milestone_id", as: Int64.self)
            return milestoneText[id] ?? "milestone \(id)"
        }
        for (kind, ids, noun) in [("risk", risksAtStake, "risk"), ("equalityAction", actionsAtStake, "equality action")] {
            try await lines("return_progress", "item_id", ids.sorted(), extra: { $0.where("kind", .equal, kind) }) {
                "\(noun) \(try $0.decode(column: "item_id", as: Int64.self))"
            }
        }
        guard !found.isEmpty else { return dropped }
        throw LockedReturnsWouldChange(plan: plan.code, lines: found.sorted { ($0.period, $0.item) < ($1.period, $1.item) })
    }
}

/// A plan edit would remove, or change what is judged by or shown for, an item reported on by an
/// approved or published return.
public struct LockedReturnsWouldChange: Error, CustomStringConvertible, Sendable {
    public let plan: String
    public let lines: [(item: String, period: String)]

    public var description: String {
        let periods = Array(Set(lines.map(\.period))).sorted()
        let items = Array(Set(lines.map(\.item))).sorted().prefix(5)
        let more = Set(lines.map(\.item)).count > items.count ? " and others" : ""
        return "This change would remove or change \(items.joined(separator: ", "))\(more), reported in the locked (approved or published) "
            + "return\(periods.count == 1 ? "" : "s") \(periods.joined(separator: ", ")): an admin must reopen "
            + "\(periods.count == 1 ? "it" : "them") first, or keep the item."
    }
}
