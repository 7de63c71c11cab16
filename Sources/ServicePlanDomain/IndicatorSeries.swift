/// One plan with its quarterly returns: how the plans of a council are read as series.
public struct PlanReturns: Sendable {
    public let plan: ServicePlan
    public let returns: [QuarterlyReturn]

    public init(plan: ServicePlan, returns: [QuarterlyReturn]) {
        self.plan = plan
        self.returns = returns
    }

    /// What `user` may read: Part II items removed and, for those who may not see Part II,
    /// published returns only with no line of a Part II indicator — the same rule as the report.
    public func visible(to user: User?) -> PlanReturns {
        guard !Permissions.canSeePartII(user) else { return self }
        let plan = plan.visible(to: user)
        let refs = Set(plan.indicators.map(\.ref))
        return PlanReturns(plan: plan, returns: returns.filter { $0.status == .published }.map { r in
            var r = r
            r.indicators = r.indicators.filter { refs.contains($0.key) }
            return r
        })
    }
}

/// An indicator with the same ref in successive plans of one council read as one series
/// (docs/status-rules.md, "Across plan periods"): each plan keeps its own years and targets, and
/// the quarters before a plan's first year come from the plans that went before it.
public enum IndicatorSeries {
    /// Which plans make up `plan`'s series: `plan` itself and, of `others`, each plan of the same
    /// council and department (whose periods never overlap: that is refused on import), oldest
    /// first. A plan linked to no council is a series of one.
    public static func chain(of plan: PlanReturns, among others: [PlanReturns]) -> [PlanReturns] {
        guard let link = plan.plan.link else { return [plan] }
        let successive = others.filter { $0.plan.code != plan.plan.code && $0.plan.link == link && !$0.plan.period.overlaps(plan.plan.period) }
        return ([plan] + successive).sorted { $0.plan.period.first < $1.plan.period.first }
    }

    /// The returns of the plans before `plan` in its chain, each carrying only the lines of
    /// indicators `plan` has by ref and that measure alike (`Indicator.measuresLike`): what
    /// direction of travel and trends read before the plan's first quarter. Pass plans already
    /// filtered to what the reader may see.
    public static func earlierReturns(for plan: ServicePlan, among others: [PlanReturns]) -> [QuarterlyReturn] {
        let start = plan.period.first
        return chain(of: PlanReturns(plan: plan, returns: []), among: others)
            .filter { $0.plan.code != plan.code && $0.plan.period.last < start }
            .flatMap { earlier in
                let alike = Set(plan.indicators.filter { i in earlier.plan.indicator(i.ref).map(i.measuresLike) ?? false }.map(\.ref))
                return earlier.returns.filter { $0.quarter.year < start }.map { r in
                    var r = r
                    r.indicators = r.indicators.filter { alike.contains($0.key) }
                    return r
                }
            }
    }

    /// One year of the series: the figures the plan covering it sets.
    public struct Year: Sendable {
        public let year: FinancialYear
        public let plan: String
        public let indicator: Indicator
        public var target: Figure? { indicator.targets[year] }
        public var actual: Figure? { indicator.actuals[year] }
        public var quartiles: Quartiles? { indicator.quartiles[year] }
        /// Whether this is the year the plan gives as its baseline.
        public var isBaseline: Bool { indicator.baseline.year == year }
    }

    /// One quarter's return line, judged within its own plan with the whole series behind it.
    public struct Point: Sendable {
        public let quarter: Quarter
        public let plan: String
        public let line: ReturnAssessment.IndicatorLine
        public let returnStatus: ReturnStatus
        public let isExample: Bool
        public var actual: Double? { line.entry?.actual }
    }

    /// Every year and every quarter's return of indicator `ref` across `chain` (from `chain(of:among:)`).
    public static func figures(ref: String, chain: [PlanReturns], rules: StatusRules = .standard) -> (years: [Year], points: [Point]) {
        let all = chain.flatMap(\.returns)
        var years: [Year] = [], points: [Point] = []
        for member in chain {
            guard let indicator = member.plan.indicator(ref) else { continue }
            // Years before the plan's period (its baseline year, earlier actuals) are shown only
            // when no earlier plan of the chain covers them.
            let covered = Set(years.map(\.year))
            let own = Set(indicator.targets.keys).union(indicator.actuals.keys).union(indicator.quartiles.keys)
                .union([indicator.baseline.year]).union(member.plan.period.years)
            for year in own.sorted() where !covered.contains(year) && (member.plan.period.contains(year) || year < member.plan.period.first) {
                years.append(Year(year: year, plan: member.plan.code, indicator: indicator))
            }
            // Judging one indicator needs only that indicator of the plan.
            var single = member.plan
            single.indicators = [indicator]
            single.objectives = []
            for r in member.returns.sorted(by: { $0.quarter < $1.quarter }) where r.indicators[ref]?.actual != nil {
                let others = all.filter { $0.quarter != r.quarter }
                guard let line = ReturnAssessment(plan: single, current: r, others: others, rules: rules).indicators.first else { continue }
                points.append(Point(quarter: r.quarter, plan: member.plan.code, line: line, returnStatus: r.status, isExample: r.isExample))
            }
        }
        years.sort { $0.year < $1.year }
        return (years, points)
    }
}
