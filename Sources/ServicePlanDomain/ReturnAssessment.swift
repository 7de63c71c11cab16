/// A return judged: each indicator's computed status, direction and forecast, and each
/// milestone's shown status — everything a report or the API shows beyond what was entered.
public struct ReturnAssessment: Sendable {
    public struct IndicatorLine: Sendable {
        public let indicator: Indicator
        public let entry: IndicatorEntry?
        public let target: Figure
        public let status: RAGStatus?
        public let directionOnLastYear: Direction
        public let directionOnLastQuarter: Direction
        /// The figures the directions compare with (nil where there is none to compare).
        public let sameQuarterLastYear: Double?
        public let previousQuarter: Double?
        public let forecast: Forecast?

        /// The status a report leads with: the officer's override when given, else the computed one.
        public var reportedStatus: RAGStatus? { entry?.override ?? status }
    }

    public struct MilestoneLine: Sendable {
        public let objective: ServiceObjective
        public let milestone: Milestone
        public let entry: MilestoneEntry?
        public let shown: MilestoneStatus?
    }

    public let quarter: Quarter
    public let indicators: [IndicatorLine]
    public let milestones: [MilestoneLine]

    /// Judges `current` for `plan`, using `others` (any other returns of the plan) for direction of
    /// travel and the year's trend.
    public init(plan: ServicePlan, current: QuarterlyReturn, others: [QuarterlyReturn], rules: StatusRules = .standard) {
        quarter = current.quarter
        let byQuarter = Dictionary(others.map { ($0.quarter, $0) }, uniquingKeysWith: { a, _ in a })
        func actual(_ ref: String, _ q: Quarter) -> Double? {
            q == current.quarter ? current.indicators[ref]?.actual : byQuarter[q]?.indicators[ref]?.actual
        }
        indicators = plan.indicators.map { indicator in
            let entry = current.indicators[indicator.ref]
            let target = indicator.targets[current.quarter.year] ?? .missing(.unknown)
            guard let a = entry?.actual else {
                return IndicatorLine(indicator: indicator, entry: entry, target: target, status: nil,
                                     directionOnLastYear: .notComparable, directionOnLastQuarter: .notComparable,
                                     sameQuarterLastYear: nil, previousQuarter: nil, forecast: nil)
            }
            var soFar: [Int: Double] = [:], lastYear: [Int: Double] = [:]
            for q in current.quarter.year.quarters where q <= current.quarter {
                if let value = actual(indicator.ref, q) { soFar[q.number] = value }
            }
            for q in current.quarter.year.previous.quarters {
                if let value = actual(indicator.ref, q) { lastYear[q.number] = value }
            }
            let lastYearFigure = actual(indicator.ref, current.quarter.sameQuarterLastYear)
            // Year-to-date counts restart each April: Q1 of a cumulative indicator has no previous quarter to compare.
            let previousFigure = indicator.aggregation == .cumulative && current.quarter.number == 1 ? nil
                : actual(indicator.ref, current.quarter.previous)
            return IndicatorLine(
                indicator: indicator, entry: entry, target: target,
                // Against the quarter's share of the target: the indicator's profile, or the default.
                status: rules.status(actual: a, quarterTarget: indicator.quarterTarget(current.quarter), polarity: indicator.polarity),
                directionOnLastYear: StatusRules.direction(actual: a, previous: lastYearFigure, polarity: indicator.polarity),
                directionOnLastQuarter: StatusRules.direction(actual: a, previous: previousFigure, polarity: indicator.polarity),
                sameQuarterLastYear: lastYearFigure, previousQuarter: previousFigure,
                forecast: rules.forecast(actuals: soFar, upTo: current.quarter.number, target: target, polarity: indicator.polarity,
                                         aggregation: indicator.aggregation, lastYear: lastYear, unit: indicator.unit))
        }
        milestones = plan.objectives.flatMap { objective in
            objective.milestoneYears.filter { $0.year == current.quarter.year }.flatMap { year in
                year.milestones.map { m in
                    let entry = m.id.flatMap { current.milestones[$0] }
                    return MilestoneLine(objective: objective, milestone: m, entry: entry,
                                         shown: MilestoneStatus.shown(reported: entry?.status, commentary: entry?.commentary ?? "",
                                                                      due: m.due, quarterEnd: current.quarter.lastDay))
                }
            }
        }
    }
}
