import Foundation
import Metrics
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// Quarterly returns for the API and the forms alike: who may enter what, locking, the
/// workflow, and what the public may see (published returns only, Part II removed). The
/// controllers reach returns only through here, so both doors apply the same checks.
struct ReturnService: Sendable {
    let plans: any PlanRepository
    let returns: any ReturnRepository
    let monitoring: MonitoringConfiguration
    let councils: any CouncilRepository
    /// Wakes the mail service when a return is submitted, so approvers hear of it at once rather
    /// than at the next tick; the mail service finds the submission in the database either way.
    var mailWake: MailWake? = nil

    var deadlines: ReturnDeadlines { monitoring.deadlines }

    /// The plan (as stored, Part II included) and quarter named by the route; 404 for a quarter
    /// outside the plan's period.
    func target(_ context: AppRequestContext) async throws -> (ServicePlan, Quarter) {
        let stored = try await plans.requireStored(context)
        let text = try context.parameters.require("period")
        guard let quarter = Quarter(text), stored.period.contains(quarter.year) else {
            throw HTTPError(.notFound, message: "\(text) is not a quarter of this plan's period \(stored.period.label) (write 2009-10-Q2).")
        }
        return (stored, quarter)
    }

    func requireUser(_ context: AppRequestContext) throws -> User {
        guard let user = context.user else { throw NotSignedIn(purpose: "to report progress") }
        return user
    }

    /// The stored return for staff forms (nil before anyone starts it).
    func quarterlyReturn(plan: ServicePlan, quarter: Quarter) async throws -> QuarterlyReturn? {
        try await returns.quarterlyReturn(plan: plan.code, quarter: quarter)
    }

    /// What a return is judged from, as `user` may see it: the plan (without Part II for the
    /// public), the return, and the returns its directions and forecast read. The public sees
    /// published returns only.
    struct Judged {
        let plan: ServicePlan
        let current: QuarterlyReturn
        let others: [QuarterlyReturn]
        /// Every return of the plan `user` may read (for the data-quality findings).
        let readable: [QuarterlyReturn]
    }

    func judged(plan: ServicePlan, quarter: Quarter, user: User?) async throws -> Judged {
        let all = try await returns.returns(plan: plan.code)
        guard let current = all.first(where: { $0.quarter == quarter }),
              current.status == .published || Permissions.canSeePartII(user) else {
            throw HTTPError(.notFound, message: "There is no \(Permissions.canSeePartII(user) ? "" : "published ")return for \(quarter.label).")
        }
        return try await judged(plan: plan, current: current, all: all, user: user)
    }

    /// For the return form: the return as given (figures typed but not saved, for a draft), as
    /// stored, or empty before anyone starts it, with the returns it is judged against.
    func judged(plan: ServicePlan, quarter: Quarter, user: User, trying trial: QuarterlyReturn?) async throws -> Judged {
        let all = try await returns.returns(plan: plan.code)
        let current = trial ?? all.first { $0.quarter == quarter } ?? QuarterlyReturn(planCode: plan.code, quarter: quarter)
        return try await judged(plan: plan, current: current, all: all, user: user)
    }

    private func judged(plan: ServicePlan, current: QuarterlyReturn, all: [QuarterlyReturn], user: User?) async throws -> Judged {
        let quarter = current.quarter
        // The public's figures come from published returns only: direction and forecast too.
        let readable = all.visible(to: user)
        // In the plan's first year, direction of travel reads the department's previous plan.
        let earlier = quarter.year == plan.period.first
            ? try await councils.otherPlans(of: plan, plans: plans, returns: returns, earlierOnly: true).map { $0.visible(to: user) } : []
        let visiblePlan = plan.visible(to: user)
        // The quarter itself is `current`: as stored, or as typed for a draft.
        return Judged(plan: visiblePlan, current: current,
                      others: readable.filter { $0.quarter != quarter } + IndicatorSeries.earlierReturns(for: visiblePlan, among: earlier),
                      readable: readable)
    }

    /// The draft commentary for one indicator line, written from its figures as `user` may see them.
    func draftCommentary(plan: ServicePlan, quarter: Quarter, ref: String, user: User?) async throws -> String {
        let judged = try await judged(plan: plan, quarter: quarter, user: user)
        guard judged.plan.indicator(ref) != nil else { throw ItemNotFound(noun: "indicator", key: ref) }
        let assessment = ReturnAssessment(plan: judged.plan, current: judged.current, others: judged.others, rules: monitoring.statusRules)
        guard let line = assessment.indicators.first(where: { $0.indicator.ref == ref }),
              let text = DraftCommentary.text(for: line, quarter: quarter) else {
            throw HTTPError(.notFound, message: "There is no draft: \(ref) has no actual for \(quarter.label) yet, and a draft is written from the figures.")
        }
        return text
    }

    /// The return as `user` may see it. The public sees published returns only.
    func document(plan: ServicePlan, quarter: Quarter, user: User?) async throws -> ReturnDocument {
        let judged = try await judged(plan: plan, quarter: quarter, user: user)
        let staff = Permissions.canSeePartII(user)
        let findings = monitoring.dataQuality.visibleFindings(plan: plan, returns: judged.readable, user: user, period: quarter,
                                                              crossReferences: try await councils.crossReferences(for: plan))
        var document = ReturnDocument(plan: judged.plan, current: judged.current, others: judged.others,
                                      rules: monitoring.statusRules,
                                      deadlines: deadlines, findings: findings)
        if !staff {
            // Staff accounts' emails are not published.
            (document.submittedBy, document.approvedBy, document.publishedBy) = (nil, nil, nil)
        }
        return document
    }

    /// Changes any part of the return: for people who may edit the whole plan (the narrative
    /// sections, or the whole form).
    func change(plan: ServicePlan, quarter: Quarter, user: User, via: Actor.Channel,
                _ body: @escaping @Sendable (inout QuarterlyReturn) throws -> Void) async throws {
        guard Permissions.canEditAnything(user, in: plan) else { throw NotPermitted(message: "You may not change this plan's return.") }
        try await returns.change(plan: plan.code, quarter: quarter, actor: Actor(user: user, via: via), body)
    }

    func enterIndicator(plan: ServicePlan, quarter: Quarter, ref: String, entry: IndicatorEntry, user: User,
                        via: Actor.Channel) async throws -> ReturnDocument.IndicatorLineDocument {
        guard let indicator = plan.indicator(ref) else { throw ItemNotFound(noun: "indicator", key: ref) }
        guard Permissions.canEditIndicator(user, indicator, in: plan) else {
            throw NotPermitted(message: "You may not report on \(ref).")
        }
        let checked = try entry.checked(for: indicator)
        try await returns.change(plan: plan.code, quarter: quarter, actor: Actor(user: user, via: via)) { $0.indicators[ref] = checked }
        Counter(label: "serviceplan_return_lines_entered_total", dimensions: [("kind", "indicator"), ("via", via.rawValue)]).increment()
        let document = try await self.document(plan: plan, quarter: quarter, user: user)
        guard let line = document.indicators.first(where: { $0.ref == ref }) else { throw ItemNotFound(noun: "indicator", key: ref) }
        return line
    }

    func enterMilestone(plan: ServicePlan, quarter: Quarter, id: Int64, entry: MilestoneEntry, user: User,
                        via: Actor.Channel) async throws -> ReturnDocument.MilestoneLineDocument {
        guard let objective = plan.objectives.first(where: { $0.milestoneYears.contains { $0.milestones.contains { $0.id == id } } }) else {
            throw ItemNotFound(noun: "milestone", key: String(id))
        }
        guard Permissions.canEditObjective(user, objective, in: plan) else {
            throw NotPermitted(message: "You may not report on the milestones of \(objective.ref).")
        }
        guard objective.milestoneYears.contains(where: { $0.year == quarter.year && $0.milestones.contains { $0.id == id } }) else {
            throw HTTPError(.unprocessableContent, message: "Milestone \(id) is not due in \(quarter.year.label), so it is not part of this return.")
        }
        try await returns.change(plan: plan.code, quarter: quarter, actor: Actor(user: user, via: via)) { $0.milestones[id] = entry }
        Counter(label: "serviceplan_return_lines_entered_total", dimensions: [("kind", "milestone"), ("via", via.rawValue)]).increment()
        let document = try await self.document(plan: plan, quarter: quarter, user: user)
        guard let line = document.milestones.first(where: { $0.id == id }) else { throw ItemNotFound(noun: "milestone", key: String(id)) }
        return line
    }

    func take(_ action: ReturnAction, plan: ServicePlan, quarter: Quarter, reason: String?, user: User, via: Actor.Channel) async throws {
        try await returns.take(action, plan: plan.code, quarter: quarter, actor: Actor(user: user, via: via), reason: reason,
                               at: Date()) { current in
            guard Permissions.canTake(action, user, plan: plan, submittedBy: current.submittedBy) else {
                let why = action == .approve && current.submittedBy == user.email
                    ? "You submitted this return, so someone else must approve it."
                    : "You may not \(action.rawValue) this return."
                throw NotPermitted(message: why)
            }
        }
        if action == .submit { mailWake?.nudge() }
        Counter(label: "serviceplan_return_actions_total", dimensions: [("action", action.rawValue), ("via", via.rawValue)]).increment()
    }
}
