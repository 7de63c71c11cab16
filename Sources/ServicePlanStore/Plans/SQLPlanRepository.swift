import Foundation
import ServicePlanDomain
import SQLKit

/// Plans stored in SQL tables (see `Schema001`), on SQLite or PostgreSQL alike.
public struct SQLPlanRepository: PlanRepository {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    static let encoder = ColumnNames.encoder
    static let decoder = ColumnNames.decoder

    public func summaries() async throws -> [PlanSummary] {
        try await summaries(where: nil, range: nil)
    }

    public func summaries(council: String) async throws -> [PlanSummary] {
        try await summaries(where: council, range: nil)
    }

    public func summaries(offset: Int, limit: Int) async throws -> [PlanSummary] {
        try await summaries(where: nil, range: (max(0, offset), max(0, limit)))
    }

    public func planCount() async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT count(*) AS n FROM plans").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func planCodes(withIndicator ref: String) async throws -> [String] {
        try await database.read { db in
            try await db.select().column("plan_code").from("indicators").where("ref", .equal, ref).orderBy("plan_code").all()
                .map { try $0.decode(column: "plan_code", as: String.self) }
        }
    }

    public func planCodes(ownedBy email: String) async throws -> [String] {
        let email = User.normalise(email: email)
        return try await database.read { db in
            // Owners are compared as `User.normalise` compares them: trimmed and lower-cased.
            try await db.raw("""
                SELECT plan_code FROM indicators WHERE LOWER(TRIM(owner)) = \(bind: email)
                UNION SELECT plan_code FROM objectives WHERE LOWER(TRIM(owner)) = \(bind: email)
                ORDER BY plan_code
                """).all().map { try $0.decode(column: "plan_code", as: String.self) }
        }
    }

    /// Only the list's columns, by name: a national body's 5,250 plans decoded whole, through
    /// Codable, took most of the dashboard's first render.
    private func summaries(where council: String?, range: (offset: Int, limit: Int)?) async throws -> [PlanSummary] {
        try await database.read { db in
            var query = db.select().columns("code", "title", "department", "status", "first_year", "last_year").from("plans")
            if let council { query = query.where("council_code", .equal, council) }
            query = query.orderBy("code")
            if let range { query = query.offset(range.offset).limit(range.limit) }
            return try await query.all().map { row in
                PlanSummary(code: try row.decode(column: "code", as: String.self), title: try row.decode(column: "title", as: String.self),
                            department: try row.decode(column: "department", as: String.self),
                            status: try row.decode(column: "status", as: String.self),
                            firstYear: FinancialYear(startYear: try row.decode(column: "first_year", as: Int.self)).label,
                            lastYear: FinancialYear(startYear: try row.decode(column: "last_year", as: Int.self)).label)
            }
        }
    }

    public func indicatorUnits() async throws -> [String: IndicatorUnit] {
        try await database.read { db in
            var units: [String: IndicatorUnit] = [:]
            for row in try await db.raw("SELECT ref, unit FROM indicators ORDER BY plan_code, position").all() {
                units[try row.decode(column: "ref", as: String.self)] = try StoredValue.choice(try row.decode(column: "unit", as: String.self))
            }
            return units
        }
    }

    public func plan(code: String) async throws -> ServicePlan? {
        try await database.read { db in try await PlanLoader(db: db, code: code).load() }
    }

    @discardableResult
    public func replace(_ plan: ServicePlan, actor: Actor) async throws -> [ItemChange] {
        try await database.changingContent { db in
            try await Self.lock(plan.code, in: db)
            let old = try await PlanLoader(db: db, code: plan.code).load()
            return try await Self.write(plan.adoptingIDs(from: old), replacing: old, actor: actor, in: db)
        }
    }

    public func update<T: Sendable>(
        code: String, actor: Actor, renamingIndicators renames: [String: String],
        _ change: @escaping @Sendable (inout ServicePlan) throws -> T
    ) async throws -> PlanUpdate<T> {
        try await database.changingContent { db in
            try await Self.lock(code, in: db)
            guard let old = try await PlanLoader(db: db, code: code).load() else { throw PlanNotFound(code: code) }
            var plan = old
            let result = try change(&plan)
            guard plan.code == code else { throw RuleViolation(value: plan.code, rule: "cannot replace the plan code \(code)") }
            let violations = plan.violations()
            guard violations.isEmpty else { throw PlanRuleViolations(violations: violations) }
            let changes = try await Self.write(plan, replacing: old, actor: actor, renames: renames, in: db)
            // A renamed indicator's return lines are its own: they move with it, so an indicator
            // added later under the old ref starts with none.
            for (from, to) in renames.sorted(by: { $0.key < $1.key }) where from != to {
                try await db.update("return_indicators").set("indicator_ref", to: to)
                    .where("plan_code", .equal, code).where("indicator_ref", .equal, from).run()
            }
            guard let stored = try await PlanLoader(db: db, code: code).load() else { throw PlanNotFound(code: code) }
            return PlanUpdate(plan: stored, result: result, changes: changes)
        }
    }

    public func history(code: String) async throws -> [AuditRecord] {
        try await AuditLog.records(plan: code, in: database)
    }

    public func lastChange(code: String, itemType: String, key: String) async throws -> AuditRecord? {
        try await AuditLog.records(plan: code, itemType: itemType, itemKey: key, in: database).first
    }

    /// Serialises writers of one plan: PostgreSQL locks the plan's row; SQLite's writer already
    /// holds the database for the whole transaction (BEGIN IMMEDIATE).
    static func lock(_ code: String, in db: any SQLDatabase) async throws {
        guard db.dialect.name == "postgresql" else { return }
        try await db.raw("SELECT code FROM plans WHERE code = \(bind: code) FOR UPDATE").run()
    }

    /// Replaces the stored rows, then records what changed against `old`, in the caller's transaction.
    static func write(_ plan: ServicePlan, replacing old: ServicePlan?, actor: Actor, renames: [String: String] = [:],
                              in db: any SQLDatabase) async throws -> [ItemChange] {
        if old == nil {
            try await PlanWriter(db: db, plan: plan).insert()
        } else if let old {
            try await LockedReturnGuard(db: db).apply(plan, replacing: old, renames: renames)
            // The plan's own row stays (its quarterly returns hang from it); everything under it is rewritten.
            for table in ["objectives", "indicators", "equality_actions", "budget_lines", "budget_service_costs", "staffing", "priorities"] {
                try await db.delete(from: table).where("plan_code", .equal, plan.code).run()
            }
            try await PlanWriter(db: db, plan: plan).insert(planRow: false)
        }
        let stored = try await PlanLoader(db: db, code: plan.code).load()
        let changes = ServicePlan.changes(from: old, to: stored, renamingIndicators: renames)
        try await AuditLog.append(changes, plan: plan.code, actor: actor, at: Date(), in: db)
        return changes
    }
}

/// Inserts one plan's rows, parents before children.
private struct PlanWriter {
    let db: any SQLDatabase
    let plan: ServicePlan
    var code: String { plan.code }

    func insert(planRow: Bool = true) async throws {
        let row = PlanRows.Plan(
            code: code, title: plan.title, status: plan.status.rawValue,
            firstYear: plan.period.first.startYear, lastYear: plan.period.last.startYear,
            councilName: plan.council.name, directorate: plan.council.directorate, department: plan.council.department,
            divisions: StoredValue.json(plan.council.divisions), keyAreasOfFocus: StoredValue.json(plan.keyAreasOfFocus),
            notes: StoredValue.json(plan.notes), authorityCode: plan.council.authorityCode,
            neighbours: StoredValue.json(plan.council.neighbours), councilCode: plan.link?.council, departmentCode: plan.link?.department,
            budgetMissing: plan.budget.missing?.rawValue)
        if planRow {
            try await insert("plans", [row])
        } else {
            let values = try SQLPlanRepository.encoder.encode(row).filter { $0.0 != "code" }
            let update = db.update("plans")
            for (column, value) in values { update.set(SQLIdentifier(column), to: value) }
            try await update.where("code", .equal, code).run()
        }
        try await insert("priorities", plan.priorities.map { PlanRows.Priority(planCode: code, number: $0.number, title: $0.title) })
        try await insert("areas_of_focus", plan.priorities.flatMap { p in
            p.areasOfFocus.map { PlanRows.Area(planCode: code, number: $0.number, priorityNumber: p.number, title: $0.title) }
        })
        try await insertObjectives()
        try await insertIndicators()
        try await insert("risks", plan.risks.enumerated().map { position, risk in
            let initial = PlanRows.Assessment(risk.initial), residual = PlanRows.Assessment(risk.residual)
            return PlanRows.Risk(
                id: risk.id, planCode: code, objectiveRef: risk.objectiveRef, position: position, description: risk.description,
                treatment: StoredValue.json(risk.treatment), notes: StoredValue.json(risk.notes), partIi: risk.partII ? 1 : 0,
                initialScore: initial.score, initialLikelihood: initial.likelihood, initialSeverity: initial.severity,
                initialBand: initial.band, initialMissing: initial.missing,
                residualScore: residual.score, residualLikelihood: residual.likelihood, residualSeverity: residual.severity,
                residualBand: residual.band, residualMissing: residual.missing)
        })
        try await insert("equality_actions", plan.equalityActions.enumerated().map { position, action in
            PlanRows.EqualityAction(
                id: action.id, planCode: code, position: position, area: action.area, impact: action.impact.rawValue,
                action: action.action, years: StoredValue.json(action.years.map(\.label)), officers: action.officers,
                partIi: action.partII ? 1 : 0)
        })
        try await insert("budget_lines", plan.budget.lines.enumerated().map { position, line in
            PlanRows.BudgetLine(planCode: code, position: position, year: line.year.startYear, division: line.division,
                                expenditureValue: line.expenditure.number, expenditureMissing: line.expenditure.missingReason?.rawValue,
                                incomeValue: line.income.number, incomeMissing: line.income.missingReason?.rawValue,
                                netValue: line.net.number, netMissing: line.net.missingReason?.rawValue)
        })
        try await insert("budget_service_costs", plan.budget.serviceCosts.enumerated().map { position, cost in
            PlanRows.ServiceCost(planCode: code, position: position, year: cost.year.startYear, service: cost.service,
                                 costValue: cost.cost.number, costMissing: cost.cost.missingReason?.rawValue)
        })
        try await insert("staffing", plan.staffing.flatMap { entry in
            entry.fte.enumerated().map { position, item in
                PlanRows.Staffing(planCode: code, year: entry.year.startYear, division: item.division, position: position, fte: item.fte)
            }
        })
    }

    private func insertObjectives() async throws {
        for (position, o) in plan.objectives.enumerated() {
            let initial = PlanRows.Assessment(o.risk.initial), residual = PlanRows.Assessment(o.risk.residual)
            try await insert("objectives", [PlanRows.Objective(
                planCode: code, ref: o.ref, position: position, title: o.title,
                ecmOutcomes: StoredValue.json(o.ecmOutcomes.map(\.rawValue)), cyppPriorities: StoredValue.json(o.cyppPriorities),
                crossReferences: StoredValue.json(o.crossReferences), responsibleOfficer: o.responsibleOfficer,
                indicatorRefs: StoredValue.json(o.indicatorRefs), notes: StoredValue.json(o.notes),
                owner: o.owner, partIi: o.partII ? 1 : 0,
                initialScore: initial.score, initialLikelihood: initial.likelihood, initialSeverity: initial.severity,
                initialBand: initial.band, initialMissing: initial.missing,
                residualScore: residual.score, residualLikelihood: residual.likelihood, residualSeverity: residual.severity,
                residualBand: residual.band, residualMissing: residual.missing)])
            try await insert("objective_areas", o.areasOfFocus.enumerated().map {
                PlanRows.ObjectiveArea(planCode: code, objectiveRef: o.ref, position: $0.offset, areaNumber: $0.element)
            })
            try await insert("milestone_years", o.milestoneYears.enumerated().map { position, year in
                PlanRows.MilestoneYear(planCode: code, objectiveRef: o.ref, year: year.year.startYear, position: position,
                                       missing: { if case .missing(let r) = year.entries { return r.rawValue }; return nil }())
            })
        }
        // All milestones in one call, so every kept id is written before any new one is assigned.
        try await insert("milestones", plan.objectives.flatMap { o in
            o.milestoneYears.flatMap { year in
                year.milestones.enumerated().map { position, m in
                    PlanRows.Milestone(id: m.id, planCode: code, objectiveRef: o.ref, year: year.year.startYear,
                                       position: position, text: m.text, dueDate: m.due.description)
                }
            }
        })
    }

    private func insertIndicators() async throws {
        try await insert("indicators", plan.indicators.enumerated().map { position, i in
            PlanRows.Indicator(
                planCode: code, ref: i.ref, position: position, title: i.title, category: i.category.rawValue,
                scope: i.scope.rawValue, keyFlag: i.isKey.rawValue, laaFlag: i.inLocalAreaAgreement.rawValue,
                unit: i.unit.rawValue, polarity: i.polarity.rawValue, aggregation: i.aggregation.rawValue, corporatePlan: StoredValue.json(i.corporatePlanCodes),
                baselineYear: i.baseline.year.startYear, baselineValue: i.baseline.value.number,
                baselineMissing: i.baseline.value.missingReason?.rawValue, notes: StoredValue.json(i.notes),
                owner: i.owner, partIi: i.partII ? 1 : 0, profile: i.profile?.stored)
        })
        var figures: [PlanRows.IndicatorFigure] = []
        for i in plan.indicators {
            func add(_ series: String, _ values: [FinancialYear: Figure]) {
                for (year, figure) in values.sorted(by: { $0.key < $1.key }) {
                    figures.append(PlanRows.IndicatorFigure(
                        planCode: code, indicatorRef: i.ref, series: series, year: year.startYear,
                        value: figure.number, missing: figure.missingReason?.rawValue))
                }
            }
            add("target", i.targets)
            add("actual", i.actuals)
            add("quartileTop", i.quartiles.mapValues(\.top))
            add("quartileMiddle", i.quartiles.mapValues(\.middle))
            add("quartileBottom", i.quartiles.mapValues(\.bottom))
        }
        try await insert("indicator_figures", figures)
    }

    /// A row whose `id` is nil leaves it out, so the database assigns one; rows with an id keep
    /// it, which keeps milestone, risk and action ids stable when a plan is rewritten after an edit.
    private func insert<Row: Encodable>(_ table: String, _ rows: [Row]) async throws {
        try await db.insertBatches(rows, into: table, encoder: SQLPlanRepository.encoder, omittingNilIDs: true)
    }
}
