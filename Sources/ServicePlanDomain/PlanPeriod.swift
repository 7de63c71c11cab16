/// The financial years a service plan covers, first to last inclusive (2009/10–2011/12).
public struct PlanPeriod: Hashable, Sendable {
    public let first: FinancialYear
    public let last: FinancialYear

    /// A plan covers one to five years; a three-year plan is usual.
    public static let maximumYears = 5

    public init(first: FinancialYear, last: FinancialYear) throws(RuleViolation) {
        guard first <= last else {
            throw RuleViolation(value: last.label, rule: "is before the first year \(first.label)")
        }
        guard last.startYear - first.startYear < Self.maximumYears else {
            throw RuleViolation(value: last.label, rule: "makes the period longer than \(Self.maximumYears) years")
        }
        self.first = first
        self.last = last
    }

    public var years: [FinancialYear] {
        (first.startYear...last.startYear).map(FinancialYear.init(startYear:))
    }

    public func contains(_ year: FinancialYear) -> Bool { first <= year && year <= last }
    public func overlaps(_ other: PlanPeriod) -> Bool { first <= other.last && other.first <= last }
    public func contains(_ date: CalendarDate) -> Bool { first.firstDay <= date && date <= last.lastDay }

    /// `2009/10 – 2011/12`.
    public var label: String { "\(first.label) – \(last.label)" }
}
