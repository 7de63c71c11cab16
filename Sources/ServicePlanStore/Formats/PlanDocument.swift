import ServicePlanDomain

/// The JSON shape of a plan, shared by `GET /api/v1/plans/{code}` and `export --format json`.
/// Keys are a published contract: add, never rename.
public struct PlanDocument: Codable, Sendable, Equatable {
    public var code: String
    public var title: String
    public var status: String
    public var period: Period
    public var council: CouncilDocument
    public var priorities: [PriorityDocument]
    public var keyAreasOfFocus: [Int]
    public var objectives: [ObjectiveDocument]
    public var indicators: [IndicatorDocument]
    public var risks: [RiskDocument]
    public var equalityActions: [EqualityActionDocument]
    /// Section 4.1: `missing` ("To Follow") or the lines and service costs; every amount in pounds.
    public var budget: BudgetDocument
    public var staffing: [StaffingDocument]
    public var notes: [String]

    public struct Period: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
    }

    public struct CouncilDocument: Codable, Sendable, Equatable {
        public var name: String
        public var directorate: String
        public var department: String
        public var divisions: [String]
        public var authorityCode: String?
        public var neighbours: [String]
    }

    public struct PriorityDocument: Codable, Sendable, Equatable {
        public var number: Int
        public var code: String
        public var title: String
        public var areasOfFocus: [AreaDocument]
    }

    public struct AreaDocument: Codable, Sendable, Equatable {
        public var number: Int
        public var code: String
        public var title: String
    }

    public struct ObjectiveDocument: Codable, Sendable, Equatable {
        public var ref: String
        public var title: String
        public var areasOfFocus: [Int]
        public var ecmOutcomes: [String]
        public var cyppPriorities: [String]
        public var crossReferences: [String]
        public var responsibleOfficer: String
        public var risk: RiskPair
        public var indicators: [String]
        public var milestones: [MilestoneYearDocument]
        public var notes: [String]
        public var owner: String?
        public var partII: Bool
        /// The API's alone (never in a plan export): each cross-reference that names an objective
        /// of another stored plan of the council, with where it is. Computed; ignored if sent.
        public var crossReferenceLinks: [CrossReferenceLinkDocument]? = nil
    }

    public struct CrossReferenceLinkDocument: Codable, Sendable, Equatable {
        public var ref: String
        public var plan: String
        public var objective: String

        public init(ref: String, plan: String, objective: String) {
            self.ref = ref
            self.plan = plan
            self.objective = objective
        }
    }

    public struct RiskPair: Codable, Sendable, Equatable {
        public var initial: AssessmentDocument
        public var residual: AssessmentDocument

        public init(initial: AssessmentDocument, residual: AssessmentDocument) {
            self.initial = initial
            self.residual = residual
        }
    }

    /// `{ "score": 16, "band": "high" }`; without `score` where it is unknown.
    public struct AssessmentDocument: Codable, Sendable, Equatable {
        public var score: Int?
        public var band: String?
        public var likelihood: Int?
        public var severity: Int?
        public var missing: String?

        public init(_ a: RiskAssessment) {
            if case .rated(let r) = a {
                score = r.score
                likelihood = r.likelihood
                severity = r.severity
            }
            band = a.band?.rawValue
            missing = a.missingReason?.rawValue
        }
    }

    public struct MilestoneYearDocument: Codable, Sendable, Equatable {
        public var year: String
        public var items: [MilestoneDocument]?
        public var missing: String?
    }

    public struct MilestoneDocument: Codable, Sendable, Equatable {
        public var id: Int64?
        public var text: String
        public var due: String
    }

    public struct RiskDocument: Codable, Sendable, Equatable {
        public var id: Int64?
        public var objective: String
        public var description: String
        public var treatment: [String]
        public var initial: AssessmentDocument
        public var residual: AssessmentDocument
        public var notes: [String]
        public var partII: Bool

        public init(_ r: Risk) {
            id = r.id
            objective = r.objectiveRef
            description = r.description
            treatment = r.treatment
            initial = AssessmentDocument(r.initial)
            residual = AssessmentDocument(r.residual)
            notes = r.notes
            partII = r.partII
        }
    }

    public struct EqualityActionDocument: Codable, Sendable, Equatable {
        public var id: Int64?
        public var area: String
        public var impact: String
        public var action: String
        public var years: [String]
        public var officers: String
        public var partII: Bool

        public init(_ e: EqualityAction) {
            id = e.id
            area = e.area
            impact = e.impact.rawValue
            action = e.action
            years = e.years.map(\.label)
            officers = e.officers
            partII = e.partII
        }
    }

    public struct BudgetDocument: Codable, Sendable, Equatable {
        public var missing: String?
        public var lines: [BudgetLineDocument]
        public var serviceCosts: [ServiceCostDocument]
    }

    public struct BudgetLineDocument: Codable, Sendable, Equatable {
        public var year: String
        public var division: String
        public var expenditure: IndicatorDocument.FigureValue
        public var income: IndicatorDocument.FigureValue
        public var net: IndicatorDocument.FigureValue
    }

    public struct ServiceCostDocument: Codable, Sendable, Equatable {
        public var year: String
        public var service: String
        public var cost: IndicatorDocument.FigureValue
    }

    public struct StaffingDocument: Codable, Sendable, Equatable {
        public var year: String
        public var fte: [DivisionFTE]
    }

    public struct DivisionFTE: Codable, Sendable, Equatable {
        public var division: String
        public var fte: Double
    }

    public init(_ plan: ServicePlan) {
        code = plan.code
        title = plan.title
        status = plan.status.rawValue
        period = Period(from: plan.period.first.label, to: plan.period.last.label)
        council = CouncilDocument(name: plan.council.name, directorate: plan.council.directorate,
                                  department: plan.council.department, divisions: plan.council.divisions,
                                  authorityCode: plan.council.authorityCode, neighbours: plan.council.neighbours)
        priorities = plan.priorities.map { p in
            PriorityDocument(number: p.number, code: p.code, title: p.title,
                             areasOfFocus: p.areasOfFocus.map { AreaDocument(number: $0.number, code: $0.code, title: $0.title) })
        }
        keyAreasOfFocus = plan.keyAreasOfFocus
        objectives = plan.objectives.map { o in
            ObjectiveDocument(
                ref: o.ref, title: o.title, areasOfFocus: o.areasOfFocus, ecmOutcomes: o.ecmOutcomes.map(\.rawValue),
                cyppPriorities: o.cyppPriorities, crossReferences: o.crossReferences, responsibleOfficer: o.responsibleOfficer,
                risk: RiskPair(initial: AssessmentDocument(o.risk.initial), residual: AssessmentDocument(o.risk.residual)),
                indicators: o.indicatorRefs,
                milestones: o.milestoneYears.map { y in
                    switch y.entries {
                    case .listed(let items):
                        return MilestoneYearDocument(year: y.year.label,
                                                     items: items.map { MilestoneDocument(id: $0.id, text: $0.text, due: $0.due.description) })
                    case .missing(let reason):
                        return MilestoneYearDocument(year: y.year.label, missing: reason.rawValue)
                    }
                },
                notes: o.notes, owner: o.owner, partII: o.partII)
        }
        indicators = plan.indicators.map(IndicatorDocument.init)
        risks = plan.risks.map(RiskDocument.init)
        equalityActions = plan.equalityActions.map(EqualityActionDocument.init)
        budget = BudgetDocument(
            missing: plan.budget.missing?.rawValue,
            lines: plan.budget.lines.map {
                BudgetLineDocument(year: $0.year.label, division: $0.division, expenditure: .init($0.expenditure), income: .init($0.income), net: .init($0.net))
            },
            serviceCosts: plan.budget.serviceCosts.map { ServiceCostDocument(year: $0.year.label, service: $0.service, cost: .init($0.cost)) })
        staffing = plan.staffing.map { s in
            StaffingDocument(year: s.year.label, fte: s.fte.map { DivisionFTE(division: $0.division, fte: $0.fte) })
        }
        notes = plan.notes
    }
}

/// One indicator as the API lists it: `targets` has one entry per year, each with `value` or,
/// where the plan has no number, `missing` and the plan's own words for why.
public struct IndicatorDocument: Codable, Sendable, Equatable {
    public var ref: String
    public var title: String
    public var category: String
    public var scope: String
    public var key: String
    public var laa: String
    public var unit: String
    public var polarity: String
    /// `snapshot` or `cumulative`. Optional on input (absent means snapshot).
    public var aggregation: String?
    public var corporatePlan: [String]
    public var baseline: YearFigure
    public var quartiles: [YearQuartiles]
    public var targets: [YearFigure]
    public var actuals: [YearFigure]
    public var notes: [String]
    public var owner: String?
    public var partII: Bool
    /// How the year's target is spread over its quarters (docs/status-rules.md); absent for the
    /// default. `{"kind": "equalSteps"}`, `{"kind": "seasonal", "shares": [0.22, 0.46, 0.72]}`.
    public var profile: ProfileDocument?
    /// Progress toward the plan's end target, computed for an answer (never stored; ignored
    /// when sent). Absent from plan files and exports.
    public var progress: Computed<ProgressDocument>?

    /// A value an answer carries and a request may echo back: encoded as the value, and never
    /// read from a body, whatever it holds there (a GET's body sent back, or anything else), so
    /// it can neither be forged nor make a good edit fail.
    public struct Computed<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
        public var value: Value?

        public init(_ value: Value) { self.value = value }

        public init(from decoder: any Decoder) throws { value = nil }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
    }

    /// `{"status": "onTrack", "ratio": 1.02}`: the Open SDG progress measure. `ratio` (observed
    /// over required growth) when there is an end target, `growth` (a year) when there is not;
    /// neither when there is no measure.
    public struct ProgressDocument: Codable, Sendable, Equatable {
        public var status: String
        public var ratio: Double?
        public var growth: Double?
        /// True when the latest figure came from a return marked as example data.
        public var exampleData: Bool?

        public init(_ measure: ProgressMeasure) {
            status = measure.status.rawValue
            ratio = measure.target == nil ? nil : measure.value
            growth = measure.target == nil ? measure.value : nil
            exampleData = measure.fromExampleData ? true : nil
        }
    }

    public struct ProfileDocument: Codable, Sendable, Equatable {
        public var kind: String
        public var shares: [Double]?

        public init(_ profile: QuarterlyProfile) {
            kind = profile.name
            if case .seasonal(let s) = profile { shares = s }
        }

        public init(kind: String, shares: [Double]?) {
            self.kind = kind
            self.shares = shares
        }
    }

    public struct YearFigure: Codable, Sendable, Equatable {
        public var year: String
        public var value: Double?
        public var missing: String?

        public init(year: FinancialYear, figure: Figure) {
            self.year = year.label
            value = figure.number
            missing = figure.missingReason?.rawValue
        }

        /// The year and figure it writes, when both read back (a form's rules check them first).
        public var parsed: (year: FinancialYear, figure: Figure)? {
            guard let year = FinancialYear(self.year) else { return nil }
            if let value { return (year, .value(value)) }
            return missing.flatMap(MissingReason.init).map { (year, .missing($0)) }
        }
    }

    public struct FigureValue: Codable, Sendable, Equatable {
        public var value: Double?
        public var missing: String?

        public init(_ figure: Figure) {
            value = figure.number
            missing = figure.missingReason?.rawValue
        }
    }

    public struct YearQuartiles: Codable, Sendable, Equatable {
        public var year: String
        public var top: FigureValue
        public var middle: FigureValue
        public var bottom: FigureValue
    }

    public init(_ i: Indicator) {
        ref = i.ref
        title = i.title
        category = i.category.rawValue
        scope = i.scope.rawValue
        key = i.isKey.rawValue
        laa = i.inLocalAreaAgreement.rawValue
        unit = i.unit.rawValue
        polarity = i.polarity.rawValue
        aggregation = i.aggregation.rawValue
        corporatePlan = i.corporatePlanCodes
        baseline = YearFigure(year: i.baseline.year, figure: i.baseline.value)
        quartiles = i.quartiles.sorted { $0.key < $1.key }.map {
            YearQuartiles(year: $0.key.label, top: FigureValue($0.value.top), middle: FigureValue($0.value.middle),
                          bottom: FigureValue($0.value.bottom))
        }
        targets = i.targets.sorted { $0.key < $1.key }.map { YearFigure(year: $0.key, figure: $0.value) }
        actuals = i.actuals.sorted { $0.key < $1.key }.map { YearFigure(year: $0.key, figure: $0.value) }
        notes = i.notes
        owner = i.owner
        partII = i.partII
        profile = i.profile.map(ProfileDocument.init)
    }
}
