import ServicePlanDomain
import ServicePlanStore

/// Adds each indicator's progress toward the plan's end target to its JSON, from the returns the
/// reader may see (the public: published ones; staff and members: all). Read-only: computed on
/// every answer, never stored, and left out of the item's ETag, so an edit made from a GET is
/// not refused because a return moved the measure.
struct IndicatorProgress {
    let returns: any ReturnRepository

    func documents(_ documents: [IndicatorDocument], plan: ServicePlan, user: User?) async throws -> [IndicatorDocument] {
        let visible = try await returns.returns(plan: plan.code).visible(to: user)
        return documents.map { document in
            var document = document
            if let indicator = plan.indicator(document.ref) {
                document.progress = .init(IndicatorDocument.ProgressDocument(indicator.progress(period: plan.period, returns: visible)))
            }
            return document
        }
    }

    /// One indicator's document, with the plan `code` as `user` may see it.
    func document(_ document: IndicatorDocument, code: String, plans: any PlanRepository, user: User?) async throws -> IndicatorDocument {
        guard let plan = try await plans.plan(code: code)?.visible(to: user) else { return document }
        return try await documents([document], plan: plan, user: user).first ?? document
    }
}
