/// Full-time equivalent posts per division for one year (section 4.2).
public struct StaffingYear: Hashable, Sendable {
    public var year: FinancialYear
    /// Division name → FTE, in the order of the council's divisions.
    public var fte: [(division: String, fte: Double)]

    public init(year: FinancialYear, fte: [(division: String, fte: Double)]) {
        self.year = year
        self.fte = fte
    }

    public var total: Double { fte.reduce(0) { $0 + $1.fte } }

    public static func == (a: StaffingYear, b: StaffingYear) -> Bool {
        a.year == b.year && a.fte.elementsEqual(b.fte) { $0.division == $1.division && $0.fte == $1.fte }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        for entry in fte {
            hasher.combine(entry.division)
            hasher.combine(entry.fte)
        }
    }
}
