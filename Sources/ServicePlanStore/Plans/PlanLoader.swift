import ServicePlanDomain
import SQLKit

/// Reads one plan's rows back into a `ServicePlan`: one query per table, children grouped in Swift.
struct PlanLoader {
    let db: any SQLDatabase
    let code: String

    private func rows<Row: Decodable>(_ table: String, as: Row.Type, orderBy columns: String...) async throws -> [Row] {
        var query = db.select().column("*").from(table).where("plan_code", .equal, code)
        for column in columns { query = query.orderBy(column) }
        return try await query.all(decoding: Row.self, with: SQLPlanRepository.decoder)
    }

    func load() async throws -> ServicePlan? {
        guard let plan = try await db.select().column("*").from("plans").where("code", .equal, code)
            .first(decoding: PlanRows.Plan.self, with: SQLPlanRepository.decoder) else { return nil }

        let areas = try await rows("areas_of_focus", as: PlanRows.Area.self, orderBy: "number")
        let priorities = try await rows("priorities", as: PlanRows.Priority.self, orderBy: "number").map { p in
            CorporatePriority(number: p.number, title: p.title, areasOfFocus: areas
                .filter { $0.priorityNumber == p.number }
                .map { AreaOfFocus(number: $0.number, title: $0.title) })
        }
        return ServicePlan(
            code: plan.code, title: plan.title, status: try StoredValue.choice(plan.status),
            period: try PlanPeriod(first: FinancialYear(startYear: plan.firstYear), last: FinancialYear(startYear: plan.lastYear)),
            council: Council(name: plan.councilName, directorate: plan.directorate, department: plan.department,
                             divisions: try StoredValue.strings(plan.divisions), authorityCode: plan.authorityCode,
                             neighbours: try StoredValue.strings(plan.neighbours)),
            priorities: priorities,
            keyAreasOfFocus: try StoredValue.ints(plan.keyAreasOfFocus),
            objectives: try await objectives(),
            indicators: try await indicators(),
            risks: try await risks(),
            equalityActions: try await equalityActions(),
            budget: try await budget(missing: plan.budgetMissing),
            staffing: try await staffing(divisions: try StoredValue.strings(plan.divisions)),
            notes: try StoredValue.strings(plan.notes),
            link: plan.councilCode.flatMap { council in plan.departmentCode.map { CouncilLink(council: council, department: $0) } })
    }

    private func objectives() async throws -> [ServiceObjective] {
        let areas = Dictionary(grouping: try await rows("objective_areas", as: PlanRows.ObjectiveArea.self, orderBy: "position"),
                               by: \.objectiveRef)
        let years = Dictionary(grouping: try await rows("milestone_years", as: PlanRows.MilestoneYear.self, orderBy: "position"),
                               by: \.objectiveRef)
        let milestones = Dictionary(grouping: try await rows("milestones", as: PlanRows.Milestone.self, orderBy: "position"),
                                    by: { "\($0.objectiveRef)\u{0}\($0.year)" })
        return try await rows("objectives", as: PlanRows.Objective.self, orderBy: "position").map { o in
            ServiceObjective(
                ref: o.ref, title: o.title,
                areasOfFocus: (areas[o.ref] ?? []).map(\.areaNumber),
                ecmOutcomes: try StoredValue.strings(o.ecmOutcomes).map { try StoredValue.choice($0) },
                cyppPriorities: try StoredValue.strings(o.cyppPriorities),
                crossReferences: try StoredValue.strings(o.crossReferences),
                responsibleOfficer: o.responsibleOfficer,
                risk: RiskProfile(
                    initial: try PlanRows.Assessment(score: o.initialScore, likelihood: o.initialLikelihood, severity: o.initialSeverity,
                                                     band: o.initialBand, missing: o.initialMissing).domain(),
                    residual: try PlanRows.Assessment(score: o.residualScore, likelihood: o.residualLikelihood, severity: o.residualSeverity,
                                                      band: o.residualBand, missing: o.residualMissing).domain()),
                indicatorRefs: try StoredValue.strings(o.indicatorRefs),
                milestoneYears: try (years[o.ref] ?? []).map { y in
                    let year = FinancialYear(startYear: y.year)
                    if let missing = y.missing { return MilestoneYear(year: year, entries: .missing(try StoredValue.missingReason(missing))) }
                    let items = try (milestones["\(o.ref)\u{0}\(y.year)"] ?? []).map {
                        Milestone(id: $0.id, text: $0.text, due: try StoredValue.date($0.dueDate))
                    }
                    return MilestoneYear(year: year, entries: .listed(items))
                },
                notes: try StoredValue.strings(o.notes),
                owner: o.owner, partII: o.partIi != 0)
        }
    }

    private func indicators() async throws -> [Indicator] {
        let figures = Dictionary(grouping: try await rows("indicator_figures", as: PlanRows.IndicatorFigure.self, orderBy: "year"),
                                 by: \.indicatorRef)
        return try await rows("indicators", as: PlanRows.Indicator.self, orderBy: "position").map { i in
            var series: [String: [FinancialYear: Figure]] = [:]
            for f in figures[i.ref] ?? [] {
                series[f.series, default: [:]][FinancialYear(startYear: f.year)] = try StoredValue.figure(value: f.value, missing: f.missing)
            }
            var quartiles: [FinancialYear: Quartiles] = [:]
            for (year, top) in series["quartileTop"] ?? [:] {
                guard let middle = series["quartileMiddle"]?[year], let bottom = series["quartileBottom"]?[year] else {
                    throw CorruptRow(message: "indicator \(i.ref) has a top quartile for \(year) without middle and bottom")
                }
                quartiles[year] = Quartiles(top: top, middle: middle, bottom: bottom)
            }
            return Indicator(
                ref: i.ref, title: i.title, category: try StoredValue.choice(i.category), scope: try StoredValue.choice(i.scope),
                isKey: try StoredValue.choice(i.keyFlag), inLocalAreaAgreement: try StoredValue.choice(i.laaFlag),
                unit: try StoredValue.choice(i.unit), polarity: try StoredValue.choice(i.polarity),
                aggregation: try StoredValue.choice(i.aggregation),
                corporatePlanCodes: try StoredValue.strings(i.corporatePlan),
                baseline: Baseline(year: FinancialYear(startYear: i.baselineYear),
                                   value: try StoredValue.figure(value: i.baselineValue, missing: i.baselineMissing)),
                quartiles: quartiles,
                targets: series["target"] ?? [:],
                actuals: series["actual"] ?? [:],
                notes: try StoredValue.strings(i.notes),
                owner: i.owner, partII: i.partIi != 0, profile: try i.profile.map(QuarterlyProfile.stored))
        }
    }

    private func risks() async throws -> [Risk] {
        try await rows("risks", as: PlanRows.Risk.self, orderBy: "position").map { r in
            Risk(id: r.id, objectiveRef: r.objectiveRef, description: r.description, treatment: try StoredValue.strings(r.treatment),
                 initial: try PlanRows.Assessment(score: r.initialScore, likelihood: r.initialLikelihood, severity: r.initialSeverity,
                                                  band: r.initialBand, missing: r.initialMissing).domain(),
                 residual: try PlanRows.Assessment(score: r.residualScore, likelihood: r.residualLikelihood, severity: r.residualSeverity,
                                                   band: r.residualBand, missing: r.residualMissing).domain(),
                 notes: try StoredValue.strings(r.notes), partII: r.partIi != 0)
        }
    }

    private func equalityActions() async throws -> [EqualityAction] {
        try await rows("equality_actions", as: PlanRows.EqualityAction.self, orderBy: "position").map { e in
            EqualityAction(id: e.id, area: e.area, impact: try StoredValue.choice(e.impact), action: e.action,
                           years: try StoredValue.strings(e.years).map { text in
                               guard let year = FinancialYear(text) else { throw CorruptRow(message: "stored year \(text)") }
                               return year
                           },
                           officers: e.officers, partII: e.partIi != 0)
        }
    }

    private func budget(missing: String?) async throws -> Budget {
        let lines = try await rows("budget_lines", as: PlanRows.BudgetLine.self, orderBy: "position").map { l in
            BudgetLine(year: FinancialYear(startYear: l.year), division: l.division,
                       expenditure: try StoredValue.figure(value: l.expenditureValue, missing: l.expenditureMissing),
                       income: try StoredValue.figure(value: l.incomeValue, missing: l.incomeMissing),
                       net: try StoredValue.figure(value: l.netValue, missing: l.netMissing))
        }
        let costs = try await rows("budget_service_costs", as: PlanRows.ServiceCost.self, orderBy: "position").map { c in
            ServiceCost(year: FinancialYear(startYear: c.year), service: c.service, cost: try StoredValue.figure(value: c.costValue, missing: c.costMissing))
        }
        return Budget(missing: try missing.map(StoredValue.missingReason), lines: lines, serviceCosts: costs)
    }

    private func staffing(divisions: [String]) async throws -> [StaffingYear] {
        let all = try await rows("staffing", as: PlanRows.Staffing.self, orderBy: "year", "position")
        return Dictionary(grouping: all, by: \.year).keys.sorted().map { year in
            StaffingYear(year: FinancialYear(startYear: year),
                         fte: all.filter { $0.year == year }.map { (division: $0.division, fte: $0.fte) })
        }
    }
}
