import ServicePlanDomain

/// One made-up quarter of returns (2009/10 Q2) for the bundled Halton plan, so a first run shows
/// a working report. These are NOT Halton's figures: the return is flagged as example data, and
/// every page, report and export that shows it says so.
public enum ExampleQuarter {
    public static let quarter = Quarter("2009-10-Q2")!
    public static let actor = Actor(name: "serviceplan example data", via: .import)
    public static let label = "Example data — not Halton's figures"

    /// Actuals chosen to show every status: on, slightly off and off target, and no target.
    static let actuals: [String: (Double, String)] = [
        "ULS LI1": (23, "Requests moderated year to date; one panel meeting was cancelled in August."),
        "ULS LI2": (72, "Two settings moved up to good at their summer inspections."),
        "ULS LI3": (3, "Accreditation visits are booked for the autumn term."),
        "ULS LI4": (78, "Two schools are waiting for training places."),
        "ULS LI5": (76, "Target-setting meetings completed with every school."),
        "NI72": (47, "Provisional results; validated figures follow in the next quarter."),
        "NI73": (78, "Provisional key stage 2 results."),
        "NI75": (45, "Provisional GCSE results; well short of the stretch target."),
        "NI80": (41.2, "Provisional; ahead of target."),
        "NI83": (77, "Provisional key stage 3 results."),
        "NI92": (31.5, "The gap has narrowed, but not yet to the target."),
        "NI93": (85, "Progress in English is improving but short of target."),
        "NI94": (75, "Progress in mathematics is behind target; support is being targeted."),
        "NI97": (66, "Provisional."),
        "NI98": (28, "Provisional."),
        "NI104": (12, "No target is set until the baseline is established."),
        "NI105": (20, "No target is set until the baseline is established."),
    ]

    /// Adds the example return, published, unless the plan already has a return for the quarter.
    public static func load(into repository: any ReturnRepository, plan: ServicePlan) async throws {
        guard try await repository.quarterlyReturn(plan: plan.code, quarter: quarter) == nil else { return }
        let milestones = plan.objectives.flatMap { o in
            o.milestoneYears.filter { $0.year == quarter.year }.flatMap(\.milestones)
        }.compactMap(\.id)
        let statuses: [MilestoneStatus] = [.green, .green, .amber, .complete, .green, .red, .green, .amber]
        let risks = plan.highRisks.compactMap(\.id), actions = plan.equalityActions.compactMap(\.id)
        try await repository.change(plan: plan.code, quarter: quarter, actor: actor) { r in
            r.isExample = true
            r.keyDevelopments = "\(label). Provisional 2009 examination results were received in August and are reported below.\n"
                + "The 14-19 commissioning pilot began in September."
            r.emergingIssues = "\(label). The transfer of post-16 funding from the Learning and Skills Council needs a project board before Q3."
            r.unforeseenDevelopments = ""
            for (ref, (value, commentary)) in actuals where plan.indicator(ref) != nil {
                r.indicators[ref] = IndicatorEntry(actual: value, commentary: commentary)
            }
            for (index, id) in milestones.enumerated() {
                let status = statuses[index % statuses.count]
                r.milestones[id] = MilestoneEntry(status: status, commentary: status == .green ? "" : "Example commentary for this milestone.")
            }
            for id in risks { r.riskProgress[id] = "Example: treatment measures under way as planned." }
            for id in actions { r.equalityProgress[id] = "Example: on track for this year." }
        }
        // The example's workflow is dated as a council would have run it, before the deadline
        // (21 October 2009); the audit trail still records when it was really loaded.
        for (action, day) in [(ReturnAction.submit, "2009-10-16T12:00:00Z"), (.approve, "2009-10-19T12:00:00Z"), (.publish, "2009-10-20T12:00:00Z")] {
            try await repository.take(action, plan: plan.code, quarter: quarter,
                                      actor: Actor(name: "\(actor.name) (\(action.rawValue))", via: .import), at: Timestamp.date(day)!)
        }
    }
}
