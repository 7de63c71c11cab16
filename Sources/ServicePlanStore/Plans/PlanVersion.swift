import ServicePlanDomain

/// One version of a plan: what one import or edit changed, as the audit trail recorded it.
/// Version 1 is the first import; version 0 stands for "before the plan existed". Versions are
/// read from the audit records (each change writes its records in one transaction, with one
/// timestamp and actor), so the audit trail stays the one record of what happened.
public struct PlanVersion: Sendable, Equatable {
    public let number: Int
    public let at: String
    public let actor: String
    public let via: String
    /// The audit record ids this version wrote, oldest first.
    public let records: [Int64]
    public let changes: [ItemChange]

    /// The item types of a plan itself; a return's records (`return`, `returnIndicator`, …) are
    /// the quarter's work, not a version of the plan.
    public static let planItemTypes: Set<String> = ["plan", "objective", "milestone", "indicator", "risk", "equalityAction"]

    /// The plan's versions, oldest first, from its audit records in any order.
    public static func versions(_ records: [AuditRecord]) -> [PlanVersion] {
        var versions: [PlanVersion] = []
        var current: (at: String, actor: String, via: String, ids: [Int64], changes: [ItemChange])?
        func close() {
            guard let c = current else { return }
            versions.append(PlanVersion(number: versions.count + 1, at: c.at, actor: c.actor, via: c.via, records: c.ids, changes: c.changes))
        }
        for r in records.sorted(by: { $0.id < $1.id }) where planItemTypes.contains(r.itemType) {
            let change = ItemChange(itemType: r.itemType, key: r.itemKey, action: ItemChange.Action(rawValue: r.action) ?? .update,
                                    fields: r.changes)
            if let c = current, c.at == r.at, c.actor == r.actor, c.via == r.via {
                current?.ids.append(r.id)
                current?.changes.append(change)
            } else {
                close()
                current = (r.at, r.actor, r.via, [r.id], [change])
            }
        }
        close()
        return versions
    }

    /// The net change from version `from` to version `to` (0 ≤ from ≤ to ≤ the latest).
    public static func changes(_ versions: [PlanVersion], from: Int, to: Int) -> [ItemChange] {
        guard from >= 0, from < to, to <= versions.count else { return [] }
        return PlanComparison.net(versions[from..<to].map(\.changes))
    }
}
