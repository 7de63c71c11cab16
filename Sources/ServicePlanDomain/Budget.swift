/// Section 4.1 of a service plan, the budget summary and service costs: what each division
/// spends and earns each year, and what each service costs. A plan may not give it yet
/// (Halton's 4.1 reads "To Follow"): then `missing` says so and there are no lines — a budget
/// is never invented.
public struct Budget: Hashable, Sendable {
    /// Why the plan gives no budget figures (`To Follow`); nil when it gives them, or says nothing.
    public var missing: MissingReason?
    /// Expenditure, income and net per division and year.
    public var lines: [BudgetLine]
    /// Cost per service and year.
    public var serviceCosts: [ServiceCost]

    public init(missing: MissingReason? = nil, lines: [BudgetLine] = [], serviceCosts: [ServiceCost] = []) {
        self.missing = missing
        self.lines = lines
        self.serviceCosts = serviceCosts
    }

    /// The plan says nothing about its budget.
    public static let none = Budget()

    public var isEmpty: Bool { missing == nil && lines.isEmpty && serviceCosts.isEmpty }

    /// The budget as one line of the audit trail: the reason, or every line and cost. Names are
    /// quoted and escaped, so no two different budgets read the same (a service may be called
    /// "Music: 5; Drama").
    public var auditText: String {
        if let missing { return missing.rawValue }
        return (lines.map { "\($0.year.label) \(String(reflecting: $0.division)): expenditure \($0.expenditure.text), income \($0.income.text), net \($0.net.text)" }
            + serviceCosts.map { "\($0.year.label) \(String(reflecting: $0.service)): \($0.cost.text)" }).joined(separator: "; ")
    }

    /// An amount in pounds as a reader expects it: `£1,250,000` or `£1,250,000.50`, `−£5` below zero.
    public static func pounds(_ value: Double) -> String {
        let pence = (abs(value) * 100).rounded()
        guard pence < 1e15 else { return "£" + Figure.format(value) }
        let whole = Int64(pence) / 100, fraction = Int64(pence) % 100
        var digits = String(whole), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let fractionText = fraction == 0 ? "" : "." + (fraction < 10 ? "0" : "") + String(fraction)
        return (value < 0 && pence > 0 ? "−" : "") + "£" + digits + grouped + fractionText
    }

    /// The years with any figure, in order.
    public var years: [FinancialYear] { Set(lines.map(\.year) + serviceCosts.map(\.year)).sorted() }
}

/// One division's budget for one year, in pounds. Net is expenditure less income; a plan may
/// give any of the three as a reason instead (TBA).
public struct BudgetLine: Hashable, Sendable {
    public var year: FinancialYear
    public var division: String
    public var expenditure: Figure
    public var income: Figure
    public var net: Figure

    public init(year: FinancialYear, division: String, expenditure: Figure, income: Figure, net: Figure) {
        self.year = year
        self.division = division
        self.expenditure = expenditure
        self.income = income
        self.net = net
    }

    /// Whether a given net disagrees with expenditure less income by more than half a penny.
    public var netDisagrees: Bool {
        guard let e = expenditure.number, let i = income.number, let n = net.number else { return false }
        return abs((e - i) - n) > 0.005
    }
}

/// What one service costs in one year, in pounds.
public struct ServiceCost: Hashable, Sendable {
    public var year: FinancialYear
    public var service: String
    public var cost: Figure

    public init(year: FinancialYear, service: String, cost: Figure) {
        self.year = year
        self.service = service
        self.cost = cost
    }
}
