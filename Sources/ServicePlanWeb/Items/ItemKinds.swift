import ServicePlanDomain
import ServicePlanStore

/// The five kinds of item a plan's editors work on.
enum ItemKinds {
    static let indicator = ItemKind<IndicatorDocument>(
        type: "indicator", noun: "indicator",
        find: { plan, ref in plan.indicator(ref).map(IndicatorDocument.init) },
        key: { $0.ref },
        canEdit: { user, plan, ref in plan.indicator(ref).map { Permissions.canEditIndicator(user, $0, in: plan) } ?? false },
        canCreate: { user, plan, _ in Permissions.canManagePlan(user, plan) },
        canDelete: { user, plan, _ in Permissions.canManagePlan(user, plan) },
        apply: { plan, ref, document in
            let index = ref.flatMap { ref in plan.indicators.firstIndex { $0.ref == ref } }
            guard let document else {
                if let index { plan.indicators.remove(at: index) }
                return nil
            }
            let indicator = try ItemDocuments.indicator(document)
            if let index {
                let oldRef = plan.indicators[index].ref
                plan.indicators[index] = indicator
                // A renamed indicator stays linked to its objectives.
                if oldRef != indicator.ref {
                    for o in plan.objectives.indices {
                        plan.objectives[o].indicatorRefs = plan.objectives[o].indicatorRefs.map { $0 == oldRef ? indicator.ref : $0 }
                    }
                }
            } else {
                plan.indicators.append(indicator)
            }
            return indicator.ref
        },
        changesRestrictedFields: { old, new in old?.owner != new.owner || (old?.partII ?? false) != new.partII },
        auditKey: { $0 })

    static let objective = ItemKind<PlanDocument.ObjectiveDocument>(
        type: "objective", noun: "objective",
        find: { plan, ref in
            guard let o = plan.objective(ref) else { return nil }
            return PlanDocument(ServicePlan(code: plan.code, title: plan.title, status: plan.status, period: plan.period,
                                            council: plan.council, priorities: [], objectives: [o], indicators: [])).objectives[0]
        },
        key: { $0.ref },
        canEdit: { user, plan, ref in plan.objective(ref).map { Permissions.canEditObjective(user, $0, in: plan) } ?? false },
        canCreate: { user, plan, _ in Permissions.canManagePlan(user, plan) },
        canDelete: { user, plan, _ in Permissions.canManagePlan(user, plan) },
        apply: { plan, ref, document in
            let index = ref.flatMap { ref in plan.objectives.firstIndex { $0.ref == ref } }
            guard let document else {
                if let index {
                    let removed = plan.objectives.remove(at: index)
                    plan.risks.removeAll { $0.objectiveRef == removed.ref }
                }
                return nil
            }
            var objective = try ItemDocuments.objective(document)
            try checkMilestoneIDs(objective, keeping: index.map { plan.objectives[$0] })
            // A milestone sent back without its id but with the same year and words is the same
            // milestone, as in a file import: its statuses in returns stay with it.
            if let index { objective = objective.adoptingMilestoneIDs(from: plan.objectives[index]) }
            if let index {
                let oldRef = plan.objectives[index].ref
                plan.objectives[index] = objective
                for r in plan.risks.indices where plan.risks[r].objectiveRef == oldRef { plan.risks[r].objectiveRef = objective.ref }
            } else {
                plan.objectives.append(objective)
            }
            return objective.ref
        },
        changesRestrictedFields: { old, new in old?.owner != new.owner || (old?.partII ?? false) != new.partII },
        auditKey: { $0 })

    /// Milestone ids are the server's: an objective sent back may keep its milestones' ids (in
    /// their years and order, some left out to delete them) and adds new ones without an id — it
    /// cannot bring an id from elsewhere, invent one, or move one, which would attach a return's
    /// milestone status to other words.
    static func checkMilestoneIDs(_ objective: ServiceObjective, keeping current: ServiceObjective?) throws(PlanViolation) {
        let old = (current?.milestoneYears ?? []).flatMap { y in y.milestones.compactMap { m in m.id.map { (year: y.year, id: $0) } } }
        var next = old.makeIterator()
        for (y, year) in objective.milestoneYears.enumerated() {
            for (m, milestone) in year.milestones.enumerated() {
                guard let id = milestone.id else { continue }
                var found = false
                while let candidate = next.next() {
                    if candidate.id == id { found = candidate.year == year.year; break }
                }
                guard found else {
                    throw PlanViolation(FieldPath.root["milestones"][y]["items"][m]["id"], RuleViolation(
                        value: String(id), rule: "is not the id this milestone had, in its year and order: leave ids as they came, and leave the id out of a new milestone"))
                }
            }
        }
    }

    /// Milestones are keyed `objective ref` + NUL + `id`: the route names both.
    static func milestoneKey(objective: String, id: String) -> String { "\(objective)\u{0}\(id)" }

    static let milestone = ItemKind<MilestoneItemDocument>(
        type: "milestone", noun: "milestone",
        find: { plan, key in
            let (ref, id) = splitMilestoneKey(key)
            guard let o = plan.objective(ref) else { return nil }
            for y in o.milestoneYears {
                if let m = y.milestones.first(where: { $0.id.map(String.init) == id }) {
                    return MilestoneItemDocument(milestone: m, objective: o, year: y.year)
                }
            }
            return nil
        },
        key: { d in d.id.map { milestoneKey(objective: d.objective, id: String($0)) } },
        canEdit: { user, plan, key in
            plan.objective(splitMilestoneKey(key).0).map { Permissions.canEditObjective(user, $0, in: plan) } ?? false
        },
        canCreate: { user, plan, d in plan.objective(d.objective).map { Permissions.canEditObjective(user, $0, in: plan) } ?? false },
        canDelete: { user, plan, key in
            plan.objective(splitMilestoneKey(key).0).map { Permissions.canEditObjective(user, $0, in: plan) } ?? false
        },
        apply: { plan, key, document in
            // Take the milestone out of wherever it is, then put the new version in its year.
            var position: (objective: Int, year: FinancialYear, index: Int)?
            if let key {
                let (ref, id) = splitMilestoneKey(key)
                if let o = plan.objectives.firstIndex(where: { $0.ref == ref }) {
                    for (y, year) in plan.objectives[o].milestoneYears.enumerated() {
                        var items = year.milestones
                        if let i = items.firstIndex(where: { $0.id.map(String.init) == id }) {
                            items.remove(at: i)
                            plan.objectives[o].milestoneYears[y].entries = .listed(items)
                            position = (o, year.year, i)
                        }
                    }
                }
            }
            guard let document else { return nil }
            let (year, parsed) = try ItemDocuments.milestone(document)
            guard let o = plan.objectives.firstIndex(where: { $0.ref == document.objective }) else {
                throw PlanViolation(FieldPath.root["objective"], RuleViolation(value: document.objective, rule: "is not an objective of this plan"))
            }
            var item = parsed
            item.id = key.map { splitMilestoneKey($0).1 }.flatMap { Int64($0) }
            if let y = plan.objectives[o].milestoneYears.firstIndex(where: { $0.year == year }) {
                var items = plan.objectives[o].milestoneYears[y].milestones
                let at = (position?.objective == o && position?.year == year) ? position!.index : items.count
                items.insert(item, at: min(at, items.count))
                plan.objectives[o].milestoneYears[y].entries = .listed(items)
            } else {
                plan.objectives[o].milestoneYears.append(MilestoneYear(year: year, entries: .listed([item])))
                plan.objectives[o].milestoneYears.sort { $0.year < $1.year }
            }
            return item.id.map { milestoneKey(objective: document.objective, id: String($0)) }
        },
        // Moving a milestone to another objective changes who answers for it (and maybe whether
        // the public sees it): plan managers only.
        changesRestrictedFields: { old, new in old.map { $0.objective != new.objective } ?? false },
        auditKey: { splitMilestoneKey($0).1 })

    static func splitMilestoneKey(_ key: String) -> (String, String) {
        let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }

    static let risk = ItemKind<PlanDocument.RiskDocument>(
        type: "risk", noun: "risk",
        find: { plan, id in
            plan.risks.first { $0.id.map(String.init) == id }.map(PlanDocument.RiskDocument.init)
        },
        key: { $0.id.map(String.init) },
        canEdit: { user, plan, id in
            guard let r = plan.risks.first(where: { $0.id.map(String.init) == id }), let o = plan.objective(r.objectiveRef) else { return false }
            return Permissions.canEditObjective(user, o, in: plan)
        },
        canCreate: { user, plan, d in plan.objective(d.objective).map { Permissions.canEditObjective(user, $0, in: plan) } ?? false },
        canDelete: { user, plan, id in
            guard let r = plan.risks.first(where: { $0.id.map(String.init) == id }), let o = plan.objective(r.objectiveRef) else { return false }
            return Permissions.canEditObjective(user, o, in: plan)
        },
        apply: { plan, id, document in
            try replace(in: &plan.risks, id: id, with: try document.map(ItemDocuments.risk))
        },
        changesRestrictedFields: { old, new in (old?.partII ?? false) != new.partII || (old.map { $0.objective != new.objective } ?? false) },
        auditKey: { $0 })

    static let equalityAction = ItemKind<PlanDocument.EqualityActionDocument>(
        type: "equalityAction", noun: "equality action",
        find: { plan, id in
            plan.equalityActions.first { $0.id.map(String.init) == id }.map(PlanDocument.EqualityActionDocument.init)
        },
        key: { $0.id.map(String.init) },
        canEdit: { user, plan, _ in Permissions.canManagePlan(user, plan) },
        canCreate: { user, plan, _ in Permissions.canManagePlan(user, plan) },
        canDelete: { user, plan, _ in Permissions.canManagePlan(user, plan) },
        apply: { plan, id, document in
            try replace(in: &plan.equalityActions, id: id, with: try document.map(ItemDocuments.equalityAction))
        },
        changesRestrictedFields: { _, _ in false },
        auditKey: { $0 })

    /// Replaces the item with storage id `id` (nil: appends `new`; nil `new`: removes it). The
    /// stored id stays with the item whatever the document said; a new item gets one on storage.
    static func replace<T: StoredItem>(in items: inout [T], id: String?, with new: T?) throws -> String? {
        let index = id.flatMap { id in items.firstIndex { $0.id.map(String.init) == id } }
        guard var item = new else {
            if let index { items.remove(at: index) }
            return nil
        }
        if let index {
            item.id = items[index].id
            items[index] = item
        } else {
            item.id = nil
            items.append(item)
        }
        return item.id.map(String.init)
    }
}

/// Plan items that storage identifies by a number.
protocol StoredItem {
    var id: Int64? { get set }
}

extension Risk: StoredItem {}
extension EqualityAction: StoredItem {}
