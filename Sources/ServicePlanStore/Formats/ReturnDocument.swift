import ServicePlanDomain

/// A quarterly return as the API serves it: what was entered and what the rules computed.
/// Keys are a published contract: add, never rename.
public struct ReturnDocument: Encodable, Sendable, Equatable {
    public var plan: String
    public var period: String
    public var quarter: String
    public var status: String
    public var example: Bool
    /// "Example data — not Halton's figures" for the shipped example quarter; absent otherwise.
    public var note: String?
    public var deadline: String
    public var keyDevelopments: String
    public var emergingIssues: String
    public var unforeseenDevelopments: String
    public var submittedBy: String?
    public var submittedAt: String?
    public var approvedBy: String?
    public var approvedAt: String?
    public var publishedBy: String?
    public var publishedAt: String?
    public var reopenReason: String?
    public var indicators: [IndicatorLineDocument]
    public var milestones: [MilestoneLineDocument]
    public var risks: [ProgressDocument]
    public var equalityActions: [ProgressDocument]
    /// Data-quality findings for this quarter, computed each time the return is read (so after
    /// every submission too).
    public var dataQuality: [Finding]

    public struct IndicatorLineDocument: Codable, Sendable, Equatable {
        public var ref: String
        public var title: String
        public var unit: String
        public var polarity: String
        public var aggregation: String
        public var key: String
        public var target: IndicatorDocument.FigureValue
        public var actual: Double?
        public var numerator: Double?
        public var denominator: Double?
        public var commentary: String
        /// True when the officer started the commentary from serviceplan's draft (and kept it).
        public var commentaryFromDraft: Bool
        /// Computed: `green`, `amber`, `red` or `noTarget`; absent until there is an actual.
        public var status: String?
        /// The officer's override, with its reason; reports show both.
        public var override: String?
        public var overrideReason: String?
        /// Against the same quarter last year: `better`, `same`, `worse`, `notComparable`.
        public var directionOfTravel: String
        /// Against the previous quarter.
        public var directionOnPreviousQuarter: String
        public var forecast: ForecastDocument?
        public var partII: Bool

        public init(_ line: ReturnAssessment.IndicatorLine) {
            let i = line.indicator
            ref = i.ref
            title = i.title
            unit = i.unit.rawValue
            polarity = i.polarity.rawValue
            aggregation = i.aggregation.rawValue
            key = i.isKey.rawValue
            target = IndicatorDocument.FigureValue(line.target)
            actual = line.entry?.actual
            numerator = line.entry?.numerator
            denominator = line.entry?.denominator
            commentary = line.entry?.commentary ?? ""
            commentaryFromDraft = line.entry?.commentaryFromDraft ?? false
            status = line.status?.rawValue
            override = line.entry?.override?.rawValue
            overrideReason = line.entry?.overrideReason
            directionOfTravel = line.directionOnLastYear.rawValue
            directionOnPreviousQuarter = line.directionOnLastQuarter.rawValue
            forecast = line.forecast.map(ForecastDocument.init)
            partII = i.partII
        }
    }

    /// The projected year-end outturn, its 80 % prediction interval and the status at each, and
    /// how it was made; or, with too few quarters for a trend, only `reason` (docs/status-rules.md).
    public struct ForecastDocument: Codable, Sendable, Equatable {
        public var outturn: Double?
        public var low: Double?
        public var high: Double?
        public var status: String?
        public var lowStatus: String?
        public var highStatus: String?
        /// `trend`, `trendOfQuarterlyIncrements`, `yearEndActual` or `proRata`.
        public var method: String?
        public var reason: String?

        public init(_ forecast: Forecast) {
            if let p = forecast.projection {
                outturn = p.outturn
                low = p.low
                high = p.high
                status = p.status.rawValue
                lowStatus = p.lowStatus.rawValue
                highStatus = p.highStatus.rawValue
                method = p.method.rawValue
            } else {
                reason = forecast.reason
            }
        }
    }

    public struct MilestoneLineDocument: Codable, Sendable, Equatable {
        public var id: Int64?
        public var objective: String
        public var text: String
        public var due: String
        /// As the officer reported it: `green`, `amber`, `red`, `complete`.
        public var status: String?
        /// As reports show it: overdue and not complete without an explanation is `red`.
        public var shownStatus: String?
        public var commentary: String
        public var partII: Bool
    }

    public struct ProgressDocument: Codable, Sendable, Equatable {
        public var id: Int64?
        public var objective: String?
        public var text: String
        public var progress: String
        public var partII: Bool
    }

    /// `plan` should already be what the requester may see (Part II removed for the public).
    public init(plan: ServicePlan, current: QuarterlyReturn, others: [QuarterlyReturn], rules: StatusRules = .standard,
                deadlines: ReturnDeadlines = ReturnDeadlines(), findings: [Finding] = []) {
        dataQuality = findings.filter { $0.period == current.quarter.identifier }
        let assessment = ReturnAssessment(plan: plan, current: current, others: others, rules: rules)
        self.plan = plan.code
        period = current.quarter.identifier
        quarter = current.quarter.label
        status = current.status.rawValue
        example = current.isExample
        note = current.isExample ? ExampleReturns.label : nil
        deadline = deadlines.deadline(for: current.quarter).description
        keyDevelopments = current.keyDevelopments
        emergingIssues = current.emergingIssues
        unforeseenDevelopments = current.unforeseenDevelopments
        (submittedBy, submittedAt, approvedBy, approvedAt) = (current.submittedBy, current.submittedAt, current.approvedBy, current.approvedAt)
        (publishedBy, publishedAt, reopenReason) = (current.publishedBy, current.publishedAt, current.reopenReason)
        indicators = assessment.indicators.map(IndicatorLineDocument.init)
        milestones = assessment.milestones.map { m in
            MilestoneLineDocument(id: m.milestone.id, objective: m.objective.ref, text: m.milestone.text, due: m.milestone.due.description,
                                  status: m.entry?.status?.rawValue, shownStatus: m.shown?.rawValue, commentary: m.entry?.commentary ?? "",
                                  partII: m.objective.partII)
        }
        risks = plan.highRisks.map { r in
            ProgressDocument(id: r.id, objective: r.objectiveRef, text: r.description, progress: r.id.flatMap { current.riskProgress[$0] } ?? "",
                             partII: r.partII)
        }
        equalityActions = plan.equalityActions.map { e in
            ProgressDocument(id: e.id, objective: nil, text: e.action, progress: e.id.flatMap { current.equalityProgress[$0] } ?? "",
                             partII: e.partII)
        }
    }
}
