/// Who may read and change what. Pure rules, so every route, form and command asks the same
/// question the same way; `nil` as the user is the public.
public enum Permissions {
    /// Part II (exempt) items: anyone signed in, never the public.
    public static func canSeePartII(_ user: User?) -> Bool {
        guard let user, !user.disabled else { return false }
        return true
    }

    /// Everything in a plan: admins anywhere, directors in their own department's plans.
    public static func canManagePlan(_ user: User?, _ plan: ServicePlan) -> Bool {
        guard let user, !user.disabled else { return false }
        switch user.role {
        case .admin: return true
        case .director: return user.department == plan.code
        case .officer, .member: return false
        }
    }

    /// An objective, its milestones and its risks: plan managers, and the objective's owner.
    public static func canEditObjective(_ user: User?, _ objective: ServiceObjective, in plan: ServicePlan) -> Bool {
        if canManagePlan(user, plan) { return true }
        guard let user, !user.disabled, user.role == .officer else { return false }
        return objective.owner.map(User.normalise(email:)) == user.email
    }

    /// An indicator: plan managers, and the indicator's owner.
    public static func canEditIndicator(_ user: User?, _ indicator: Indicator, in plan: ServicePlan) -> Bool {
        if canManagePlan(user, plan) { return true }
        guard let user, !user.disabled, user.role == .officer else { return false }
        return indicator.owner.map(User.normalise(email:)) == user.email
    }

    /// Anything at all in the plan: whether to show an "Edit" link.
    public static func canEditAnything(_ user: User?, in plan: ServicePlan) -> Bool {
        canManagePlan(user, plan)
            || plan.objectives.contains { canEditObjective(user, $0, in: plan) }
            || plan.indicators.contains { canEditIndicator(user, $0, in: plan) }
    }
}

extension Sequence<QuarterlyReturn> {
    /// The returns `user` may read: staff and members every one, the public published ones only.
    /// Every figure the public sees (status, direction, forecast, progress) is computed from these.
    public func visible(to user: User?) -> [QuarterlyReturn] {
        Permissions.canSeePartII(user) ? Array(self) : filter { $0.status == .published }
    }
}

extension ServicePlan {
    /// The plan as `user` may see it. For the public, Part II items are removed outright —
    /// along with every reference to them — so no page, export or count reveals they exist.
    public func visible(to user: User?) -> ServicePlan {
        guard !Permissions.canSeePartII(user) else { return self }
        var plan = self
        // Staff accounts' emails are not published; the plan's own "responsible officer" (a post) is.
        let hiddenObjectives = Set(objectives.filter(\.partII).map(\.ref))
        let hiddenIndicators = Set(indicators.filter(\.partII).map(\.ref))
        plan.objectives = objectives.filter { !$0.partII }.map { objective in
            var objective = objective
            objective.indicatorRefs.removeAll { hiddenIndicators.contains($0) }
            objective.owner = nil
            return objective
        }
        plan.indicators = indicators.filter { !$0.partII }.map { indicator in
            var indicator = indicator
            indicator.owner = nil
            return indicator
        }
        plan.risks = risks.filter { !$0.partII && !hiddenObjectives.contains($0.objectiveRef) }
        plan.equalityActions = equalityActions.filter { !$0.partII }
        return plan
    }
}
