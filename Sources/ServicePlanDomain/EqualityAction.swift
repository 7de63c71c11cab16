/// A high-priority action from the department's Equality Impact Assessments (Appendix 2).
public struct EqualityAction: Hashable, Sendable {
    public enum Impact: String, Choice {
        case high, low, none

        public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    /// Assigned by storage; nil until the action is first stored. Stable across edits.
    public var id: Int64?
    /// The strategy, policy or service assessed.
    public var area: String
    public var impact: Impact
    public var action: String
    /// The timetable: the financial years in which the action runs.
    public var years: [FinancialYear]
    public var officers: String
    /// Exempt information (Part II): never shown to the public.
    public var partII: Bool

    public init(id: Int64? = nil, area: String, impact: Impact, action: String, years: [FinancialYear], officers: String, partII: Bool = false) {
        self.id = id
        self.area = area
        self.impact = impact
        self.action = action
        self.years = years
        self.officers = officers
        self.partII = partII
    }
}
