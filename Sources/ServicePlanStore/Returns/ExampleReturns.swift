import Foundation
import ServicePlanDomain

/// Six made-up quarters of returns (2009/10 Q1 to 2010/11 Q2) for the bundled Halton plan, so a
/// first run shows direction of travel, trends and forecasts behaving as they would in a real
/// year. These are NOT Halton's figures: each return is flagged as example data, and every page,
/// report and export that shows it says so.
public enum ExampleReturns {
    public static let quarters = ["2009-10-Q1", "2009-10-Q2", "2009-10-Q3", "2009-10-Q4", "2010-11-Q1", "2010-11-Q2"].compactMap(Quarter.init)
    /// The quarter the tests, the benchmarks and the README report on: the first example ever shipped.
    public static let sampleQuarter = Quarter("2009-10-Q2")!
    public static let actor = Actor(name: "serviceplan example data", via: .import)
    public static let label = "Example data — not Halton's figures"

    /// One actual per example quarter, in `quarters` order, chosen to show every status and both
    /// directions: on, slightly off and off target, improving and slipping, and no target.
    /// ULS LI1 counts the year to date, so it starts again each April.
    static let actuals: [String: [Double]] = [
        "ULS LI1": [11, 23, 36, 50, 12, 25],
        "ULS LI2": [70, 72, 73, 71, 74, 76],
        "ULS LI3": [2, 3, 4, 6, 5, 6],
        "ULS LI4": [75, 78, 80, 81, 82, 84],
        "ULS LI5": [70, 76, 78, 80, 84, 86],
        "NI72": [46, 47, 48.5, 49, 48, 49.5],
        "NI73": [76, 78, 78, 77, 76, 75],
        "NI75": [44, 45, 47, 49, 51, 52],
        "NI80": [40.1, 41.2, 41.0, 41.5, 41.8, 42.5],
        "NI83": [75, 77, 77, 78, 79, 81],
        "NI92": [32.0, 31.5, 31.0, 30.6, 30.8, 30.1],
        "NI93": [84, 85, 86, 87, 86, 88],
        "NI94": [76, 75, 77, 78, 80, 83],
        "NI97": [64, 66, 65, 67, 69, 70],
        "NI98": [27, 28, 29, 31, 30, 32],
        "NI104": [13, 12, 12, 11, 11, 10],
        "NI105": [21, 20, 19, 19, 18, 18],
    ]

    /// The commentary of the first example quarter ever shipped (2009/10 Q2), kept word for word.
    static let sampleCommentary: [String: String] = [
        "ULS LI1": "Requests moderated year to date; one panel meeting was cancelled in August.",
        "ULS LI2": "Two settings moved up to good at their summer inspections.",
        "ULS LI3": "Accreditation visits are booked for the autumn term.",
        "ULS LI4": "Two schools are waiting for training places.",
        "ULS LI5": "Target-setting meetings completed with every school.",
        "NI72": "Provisional results; validated figures follow in the next quarter.",
        "NI73": "Provisional key stage 2 results.",
        "NI75": "Provisional GCSE results; well short of the stretch target.",
        "NI80": "Provisional; ahead of target.",
        "NI83": "Provisional key stage 3 results.",
        "NI92": "The gap has narrowed, but not yet to the target.",
        "NI93": "Progress in English is improving but short of target.",
        "NI94": "Progress in mathematics is behind target; support is being targeted.",
        "NI97": "Provisional.",
        "NI98": "Provisional.",
        "NI104": "No target is set until the baseline is established.",
        "NI105": "No target is set until the baseline is established.",
    ]

    static let milestoneCycle: [MilestoneStatus] = [.green, .green, .amber, .complete, .green, .red, .green, .amber]

    /// A milestone's example status: Q2 takes its place in the cycle (as the first example always
    /// did), Q1 is the same but not yet complete, and later quarters move on through the cycle,
    /// except that a milestone once complete stays complete.
    static func milestoneStatus(position: Int, quarter: Int) -> MilestoneStatus {
        let atQ2 = milestoneCycle[position % milestoneCycle.count]
        switch quarter {
        case 1: return atQ2 == .complete ? .green : atQ2
        case 2: return atQ2
        default:
            // Complete at any quarter from Q2 on stays complete.
            let reached = (2...quarter).map { milestoneCycle[(position + $0 - 2) % milestoneCycle.count] }
            return reached.contains(.complete) ? .complete : reached[reached.count - 1]
        }
    }

    /// Adds the six example returns, published, to a plan that has none of them yet.
    public static func load(into repository: any ReturnRepository, plan: ServicePlan) async throws {
        for quarter in quarters {
            if try await repository.quarterlyReturn(plan: plan.code, quarter: quarter) != nil { return }
        }
        for quarter in quarters { try await load(quarter, into: repository, plan: plan) }
    }

    /// Adds one example return, published, unless the plan already has a return for the quarter.
    public static func load(_ quarter: Quarter, into repository: any ReturnRepository, plan: ServicePlan) async throws {
        guard let index = quarters.firstIndex(of: quarter),
              try await repository.quarterlyReturn(plan: plan.code, quarter: quarter) == nil else { return }
        let milestones = plan.objectives.flatMap { o in
            o.milestoneYears.filter { $0.year == quarter.year }.flatMap(\.milestones)
        }.compactMap(\.id)
        let risks = plan.highRisks.compactMap(\.id), actions = plan.equalityActions.compactMap(\.id)
        let isSample = quarter == sampleQuarter
        try await repository.change(plan: plan.code, quarter: quarter, actor: actor) { r in
            r.isExample = true
            r.keyDevelopments = isSample
                ? "\(label). Provisional 2009 examination results were received in August and are reported below.\n"
                    + "The 14-19 commissioning pilot began in September."
                : "\(label). Work continued as planned this quarter."
            r.emergingIssues = isSample
                ? "\(label). The transfer of post-16 funding from the Learning and Skills Council needs a project board before Q3."
                : "\(label). None this quarter."
            r.unforeseenDevelopments = ""
            for (ref, values) in actuals where plan.indicator(ref) != nil && index < values.count {
                let commentary = isSample ? sampleCommentary[ref] ?? "" : "Example commentary for \(quarter.label)."
                r.indicators[ref] = IndicatorEntry(actual: values[index], commentary: commentary)
            }
            for (position, id) in milestones.enumerated() {
                let status = milestoneStatus(position: position, quarter: quarter.number)
                r.milestones[id] = MilestoneEntry(status: status, commentary: status == .green ? "" : "Example commentary for this milestone.")
            }
            for id in risks { r.riskProgress[id] = "Example: treatment measures under way as planned." }
            for id in actions { r.equalityProgress[id] = "Example: on track for this year." }
        }
        // The workflow is dated as a council would have run it, before the deadline (the 21st of
        // the month after the quarter); the audit trail still records when it was really loaded.
        let month = quarter.next.firstDay
        for (action, day) in [(ReturnAction.submit, 16), (.approve, 19), (.publish, 20)] {
            let stamp = String(format: "%04d-%02d-%02dT12:00:00Z", month.year, month.month, day)
            guard let at = Timestamp.date(stamp) else { continue }
            try await repository.take(action, plan: plan.code, quarter: quarter,
                                      actor: Actor(name: "\(actor.name) (\(action.rawValue))", via: .import), at: at)
        }
    }
}
