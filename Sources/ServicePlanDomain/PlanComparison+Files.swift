extension PlanComparison {
    /// Two plans read from files compared, as `serviceplan diff A.yaml B.yaml` prints them. Files
    /// carry no storage ids, so the first plan's milestones, risks and equality actions are
    /// numbered in file order (#1, #2, … per kind) and the second's matched to them by content
    /// (`adoptingIDs`: the same objective, year and text is the same milestone, wherever it moved
    /// in the file); only what has no match reads as added or removed.
    public static func changes(from a: ServicePlan, to b: ServicePlan) -> [ItemChange] {
        let numbered = a.numberingUnstoredItems()
        return ServicePlan.changes(from: numbered, to: b.adoptingIDs(from: numbered))
    }
}

extension ServicePlan {
    /// The plan with ids 1, 2, … given, in order, to milestones, risks and equality actions that
    /// have none (ids are per kind, as in storage).
    func numberingUnstoredItems() -> ServicePlan {
        var plan = self
        var next: Int64 = 1
        for o in plan.objectives.indices {
            for y in plan.objectives[o].milestoneYears.indices {
                guard case .listed(var items) = plan.objectives[o].milestoneYears[y].entries else { continue }
                for i in items.indices where items[i].id == nil {
                    items[i].id = next
                    next += 1
                }
                plan.objectives[o].milestoneYears[y].entries = .listed(items)
            }
        }
        next = 1
        for r in plan.risks.indices where plan.risks[r].id == nil {
            plan.risks[r].id = next
            next += 1
        }
        next = 1
        for e in plan.equalityActions.indices where plan.equalityActions[e].id == nil {
            plan.equalityActions[e].id = next
            next += 1
        }
        return plan
    }
}
