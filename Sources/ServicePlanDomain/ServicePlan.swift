/// A department's three-year service plan: the aggregate everything else hangs from.
public struct ServicePlan: Hashable, Sendable {
    /// Short code used in URLs and files: `ULS`.
    public var code: String
    public var title: String
    public var status: PlanStatus
    public var period: PlanPeriod
    public var council: Council
    /// The council framework and department the plan belongs to, when its council is held as a
    /// record of its own (a council file); nil for a plan that carries its own council section.
    public var link: CouncilLink?
    public var priorities: [CorporatePriority]
    /// The areas most influential in this plan (the plan's introduction names them).
    public var keyAreasOfFocus: [Int]
    public var objectives: [ServiceObjective]
    public var indicators: [Indicator]
    public var risks: [Risk]
    public var equalityActions: [EqualityAction]
    /// Section 4.1: the budget summary and service costs.
    public var budget: Budget
    public var staffing: [StaffingYear]
    public var notes: [String]

    public init(
        code: String, title: String, status: PlanStatus, period: PlanPeriod, council: Council,
        priorities: [CorporatePriority], keyAreasOfFocus: [Int] = [], objectives: [ServiceObjective],
        indicators: [Indicator], risks: [Risk] = [], equalityActions: [EqualityAction] = [],
        budget: Budget = .none, staffing: [StaffingYear] = [], notes: [String] = [], link: CouncilLink? = nil
    ) {
        self.budget = budget
        self.link = link
        self.code = code
        self.title = title
        self.status = status
        self.period = period
        self.council = council
        self.priorities = priorities
        self.keyAreasOfFocus = keyAreasOfFocus
        self.objectives = objectives
        self.indicators = indicators
        self.risks = risks
        self.equalityActions = equalityActions
        self.staffing = staffing
        self.notes = notes
    }

    /// Every area of focus of the council, in number order.
    public var areasOfFocus: [AreaOfFocus] {
        priorities.flatMap(\.areasOfFocus).sorted { $0.number < $1.number }
    }

    public func area(_ number: Int) -> AreaOfFocus? {
        priorities.lazy.flatMap(\.areasOfFocus).first { $0.number == number }
    }

    /// The priority an area of focus sits under.
    public func priority(ofArea number: Int) -> CorporatePriority? {
        priorities.first { $0.areasOfFocus.contains { $0.number == number } }
    }

    /// The risks whose mitigation each quarterly return reports on: those initially assessed HIGH.
    public var highRisks: [Risk] { risks.filter { $0.initial.band == .high } }

    public func objective(_ ref: String) -> ServiceObjective? { objectives.first { $0.ref == ref } }
    public func indicator(_ ref: String) -> Indicator? { indicators.first { $0.ref == ref } }

    /// Indicators grouped by category in the table's order, including empty categories (a plan
    /// says "There are presently no indicators of this type identified for the service").
    public var indicatorsByCategory: [(category: IndicatorCategory, indicators: [Indicator])] {
        IndicatorCategory.allCases.map { category in (category, indicators.filter { $0.category == category }) }
    }

    /// A plan code: 1–16 letters, digits or hyphens, starting with a letter (it appears in URLs).
    public static func checkCode(_ code: String) throws(RuleViolation) {
        let ok = (1...16).contains(code.count)
            && code.first!.isLetter
            && code.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        guard ok else {
            throw RuleViolation(value: code, rule: "is not a plan code (1–16 letters, digits or hyphens, starting with a letter)")
        }
    }
}
