import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// Quarterly returns for the API and the forms: who may enter what, locking, the workflow, and
/// what the public may see (published returns only, Part II removed).
struct ReturnService: Sendable {
    let plans: any PlanRepository
    let returns: ReturnRepository
    let rules: StatusRules
    let deadlines: ReturnDeadlines
    let dataQuality: DataQualityChecker

    /// The plan (as the requester may see it) and quarter named by the route; 404 for a quarter
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
        guard let user = context.user else { throw NotSignedIn() }
        return user
    }

    /// The return as `user` may see it. The public sees published returns only.
    func document(plan: ServicePlan, quarter: Quarter, user: User?) async throws -> ReturnDocument {
        let all = try await returns.returns(plan: plan.code)
        guard let current = all.first(where: { $0.quarter == quarter }),
              current.status == .published || Permissions.canSeePartII(user) else {
            throw HTTPError(.notFound, message: "There is no \(Permissions.canSeePartII(user) ? "" : "published ")return for \(quarter.label).")
        }
        let staff = Permissions.canSeePartII(user)
        // The public's figures come from published returns only: direction and forecast too.
        let readable = staff ? all : all.filter { $0.status == .published }
        let findings = dataQuality.visibleFindings(plan: plan, returns: readable, user: user, today: CalendarDate.of(Date()), period: quarter)
        var document = ReturnDocument(plan: plan.visible(to: user), current: current, others: readable, rules: rules,
                                      deadlines: deadlines, findings: findings)
        if !staff {
            // Staff accounts' emails are not published.
            (document.submittedBy, document.approvedBy, document.publishedBy) = (nil, nil, nil)
        }
        return document
    }

    func enterIndicator(plan: ServicePlan, quarter: Quarter, ref: String, entry: IndicatorEntry, user: User,
                        via: Actor.Channel) async throws -> ReturnDocument.IndicatorLineDocument {
        guard let indicator = plan.indicator(ref) else { throw ItemNotFound(noun: "indicator", key: ref) }
        guard Permissions.canEditIndicator(user, indicator, in: plan) else {
            throw NotPermitted(message: "You may not report on \(ref).")
        }
        let checked = try entry.checked(for: indicator)
        try await returns.change(plan: plan.code, quarter: quarter, actor: Actor(user: user, via: via)) { $0.indicators[ref] = checked }
        let document = try await self.document(plan: plan, quarter: quarter, user: user)
        return document.indicators.first { $0.ref == ref }!
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
        let document = try await self.document(plan: plan, quarter: quarter, user: user)
        return document.milestones.first { $0.id == id }!
    }

    func take(_ action: ReturnAction, plan: ServicePlan, quarter: Quarter, reason: String?, user: User, via: Actor.Channel) async throws {
        try await returns.take(action, plan: plan.code, quarter: quarter, actor: Actor(user: user, via: via), reason: reason) { current in
            guard Permissions.canTake(action, user, plan: plan, submittedBy: current.submittedBy) else {
                let why = action == .approve && current.submittedBy == user.email
                    ? "You submitted this return, so someone else must approve it."
                    : "You may not \(action.rawValue) this return."
                throw NotPermitted(message: why)
            }
        }
    }

    /// The API's statuses for a return's errors.
    static func handle(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch is NotSignedIn {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "Sign in or send a bearer token to report progress.")
        } catch let error as NotPermitted {
            throw HTTPError(.forbidden, message: error.message)
        } catch let error as ItemNotFound {
            throw HTTPError(.notFound, message: "There is no \(error.noun) \(error.key) in this plan.")
        } catch let error as ReturnLocked {
            throw HTTPError(.conflict, message: error.description)
        } catch let error as WrongReturnStatus {
            throw HTTPError(.conflict, message: error.description)
        } catch let error as ReturnNotFound {
            throw HTTPError(.notFound, message: error.description)
        } catch let error as PlanViolation {
            throw HTTPError(.unprocessableContent, message: error.description)
        } catch let error as RuleViolation {
            throw HTTPError(.unprocessableContent, message: error.description)
        }
    }
}
