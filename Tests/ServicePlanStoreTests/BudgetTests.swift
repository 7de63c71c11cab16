import Foundation
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Section 4.1, the budget summary and service costs: Halton's "To Follow" recorded as such, and
/// a plan that gives figures keeping every one through the plan file, storage, the audit trail
/// and the API's JSON.
@Suite struct BudgetTests {
    /// The Halton plan with a budget of made-up test figures in place of "To Follow".
    static func planWithBudget() throws -> ServicePlan {
        let text = try BundledPlans.haltonText().replacingOccurrences(of: "budget:\n  missing: To Follow\n", with: """
            budget:
              lines:
              - {year: 2009/10, division: School Improvement, expenditure: 1250000.5, income: 250000, net: 1000000.5}
              - {year: 2009/10, division: 14-19, expenditure: TBA, income: 0, net: TBA}
              serviceCosts:
              - {year: 2009/10, service: Music service, cost: 310000}
              - {year: 2010/11, service: Music service, cost: To Follow}

            """)
        return try PlanFileReader.read(text, file: "budget.yaml")
    }

    @Test("Halton's budget is recorded as To Follow, never as figures")
    func haltonToFollow() throws {
        let plan = try PlanFileReader.read(try BundledPlans.haltonText(), file: "halton.yaml")
        #expect(plan.budget.missing == .toFollow && plan.budget.lines.isEmpty && plan.budget.serviceCosts.isEmpty)
        #expect(PlanDocument(plan).budget.missing == "To Follow")
    }

    @Test("budget lines and service costs survive the plan file, storage and the JSON, and a change is audited", arguments: TestDatabase.engines)
    func roundTrip(engine: String) async throws {
        let plan = try Self.planWithBudget()
        #expect(plan.budget.lines.count == 2 && plan.budget.lines[0].net == .value(1000000.5) && plan.budget.lines[1].expenditure == .missing(.toBeAgreed))
        #expect(try PlanFileReader.read(PlanFileWriter.yaml(plan), file: "again.yaml").budget == plan.budget)
        try await TestDatabase.with(engine) { database in
            let plans = SQLPlanRepository(database: database)
            try await plans.replace(plan, actor: TestActor.tests)
            let stored = try #require(try await plans.plan(code: "ULS"))
            #expect(stored.budget == plan.budget)
            let document = PlanDocument(stored).budget
            #expect(document.missing == nil && document.lines.first?.expenditure.value == 1250000.5)
            #expect(document.serviceCosts.last?.cost.missing == "To Follow")

            _ = try await plans.update(code: "ULS", actor: TestActor.tests) { $0.budget = Budget(missing: .toFollow) }
            let record = try #require(try await plans.history(code: "ULS").first)
            #expect(record.changes.contains { $0.field == "budget" && $0.new == "To Follow" && ($0.old ?? "").contains("Music service") },
                    "\(record.changes)")
        }
    }

    @Test("two different budgets never read the same in the audit trail; amounts show as pounds; -0 is 0")
    func auditTextAndPounds() throws {
        let joined = Budget(serviceCosts: [ServiceCost(year: FinancialYear(startYear: 2009), service: "Music: 5; 2009/10 Drama", cost: .value(7))])
        let apart = Budget(serviceCosts: [ServiceCost(year: FinancialYear(startYear: 2009), service: "Music", cost: .value(5)),
                                          ServiceCost(year: FinancialYear(startYear: 2009), service: "Drama", cost: .value(7))])
        #expect(joined.auditText != apart.auditText)
        #expect(Budget.pounds(1250000.5) == "£1,250,000.50" && Budget.pounds(999) == "£999" && Budget.pounds(-5) == "−£5")
        #expect(Budget.pounds(1000) == "£1,000" && Budget.pounds(0.05) == "£0.05")
        let zero = try #require(Figure.decimal("-0"))
        #expect(zero == 0 && zero.sign == .plus)
    }
}
