/// A performance indicator of a plan (section 5.2): what is measured, which way is good, where
/// it started and the yearly targets and actuals.
public struct Indicator: Hashable, Sendable {
    public var ref: String
    public var title: String
    public var category: IndicatorCategory
    public var scope: IndicatorScope
    public var isKey: RecordedFlag
    public var inLocalAreaAgreement: RecordedFlag
    public var unit: IndicatorUnit
    public var polarity: Polarity
    /// Snapshot (each quarter stands for the year) or cumulative (counts reported year to date).
    public var aggregation: Aggregation
    /// The "Corp. Plan Priority" column as printed: `AOF13`, `CP3`, `CYPP EA1`.
    public var corporatePlanCodes: [String]
    public var baseline: Baseline
    public var quartiles: [FinancialYear: Quartiles]
    public var targets: [FinancialYear: Figure]
    public var actuals: [FinancialYear: Figure]
    public var notes: [String]
    /// Email of the user account that reports this indicator.
    public var owner: String?
    /// Exempt information (Part II): never shown to the public.
    public var partII: Bool
    /// How the year's target is spread over its quarters; nil for the default (docs/status-rules.md).
    public var profile: QuarterlyProfile?

    public init(
        ref: String, title: String, category: IndicatorCategory, scope: IndicatorScope,
        isKey: RecordedFlag, inLocalAreaAgreement: RecordedFlag, unit: IndicatorUnit, polarity: Polarity,
        aggregation: Aggregation = .snapshot, corporatePlanCodes: [String] = [], baseline: Baseline,
        quartiles: [FinancialYear: Quartiles] = [:], targets: [FinancialYear: Figure],
        actuals: [FinancialYear: Figure] = [:], notes: [String] = [],
        owner: String? = nil, partII: Bool = false, profile: QuarterlyProfile? = nil
    ) {
        self.ref = ref
        self.title = title
        self.category = category
        self.scope = scope
        self.isKey = isKey
        self.inLocalAreaAgreement = inLocalAreaAgreement
        self.unit = unit
        self.polarity = polarity
        self.aggregation = aggregation
        self.corporatePlanCodes = corporatePlanCodes
        self.baseline = baseline
        self.quartiles = quartiles
        self.targets = targets
        self.actuals = actuals
        self.notes = notes
        self.owner = owner
        self.partII = partII
        self.profile = profile
    }

    /// Whether figures of `other` (the same ref in another plan) can be read alongside this
    /// indicator's: the same unit, polarity and aggregation. Otherwise no series joins them.
    public func measuresLike(_ other: Indicator) -> Bool {
        unit == other.unit && polarity == other.polarity && aggregation == other.aggregation
    }

    /// The figure where one exists, for display: `40.5%`, or the reason (`TBA`).
    public func display(_ figure: Figure) -> String {
        switch figure {
        case .value(let v): return unit.display(v)
        case .missing(let r): return r.rawValue
        }
    }
}

/// Where an indicator started: the year and its value (often "New Indicator").
public struct Baseline: Hashable, Sendable {
    public var year: FinancialYear
    public var value: Figure

    public init(year: FinancialYear, value: Figure) {
        self.year = year
        self.value = value
    }
}
