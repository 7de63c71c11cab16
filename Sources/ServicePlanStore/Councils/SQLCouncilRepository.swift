import Foundation
import ServicePlanDomain
import SQLKit

/// `CouncilRepository` over SQL: the `councils` table and its children (Schema008).
public struct SQLCouncilRepository: CouncilRepository {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    private static let encoder = SQLPlanRepository.encoder
    private static let decoder = SQLPlanRepository.decoder

    public func councils() async throws -> [CouncilFramework] {
        try await database.read { db in
            var councils: [CouncilFramework] = []
            for row in try await db.select().column("code").from("councils").orderBy("code").all() {
                if let council = try await Self.load(try row.decode(column: "code", as: String.self), db) { councils.append(council) }
            }
            return councils
        }
    }

    public func council(code: String) async throws -> CouncilFramework? {
        try await database.read { db in try await Self.load(code, db) }
    }

    public func planCodes(council code: String) async throws -> [String] {
        try await database.read { db in try await Self.planCodes(code, db) }
    }

    public func crossReferences(for plan: ServicePlan) async throws -> CrossReferenceIndex? {
        guard let link = plan.link else { return nil }
        return try await database.read { db in
            guard let name = try await db.select().column("name").from("councils").where("code", .equal, link.council).first()
                .map({ try $0.decode(column: "name", as: String.self) }) else { return nil }
            let targets = try await db.raw("""
                SELECT o.plan_code, o.ref, o.title, o.part_ii FROM objectives o JOIN plans p ON p.code = o.plan_code
                WHERE p.council_code = \(bind: link.council) AND p.code <> \(bind: plan.code)
                ORDER BY o.plan_code, o.position
                """).all().map { row in
                CrossReferenceIndex.Target(plan: try row.decode(column: "plan_code", as: String.self),
                                           ref: try row.decode(column: "ref", as: String.self),
                                           title: try row.decode(column: "title", as: String.self),
                                           partII: try row.decode(column: "part_ii", as: Int.self) != 0)
            }
            return CrossReferenceIndex(councilName: name, targets: targets)
        }
    }

    private static func planCodes(_ council: String, _ db: any SQLDatabase) async throws -> [String] {
        try await db.select().column("code").from("plans").where("council_code", .equal, council).orderBy("code").all()
            .map { try $0.decode(column: "code", as: String.self) }
    }

    public func replace(_ council: CouncilFramework, actor: Actor) async throws -> [String] {
        let violations = council.violations()
        guard violations.isEmpty else { throw PlanRuleViolations(violations: violations) }
        return try await database.changingContent { db in
            // Linked plans first: each must still fit the council before anything is written.
            var updated: [(old: ServicePlan, new: ServicePlan)] = []
            for code in try await Self.planCodes(council.code, db) {
                try await SQLPlanRepository.lock(code, in: db)
                guard let old = try await PlanLoader(db: db, code: code).load(), let link = old.link else { continue }
                guard let (directorate, department) = council.department(code: link.department) else {
                    throw CouncilChangeRefused(field: "directorates", value: link.department,
                                               rule: "lacks department \(link.department), the department of plan \(code); keep it, or move the plan first")
                }
                var plan = old
                plan.council = Council(name: council.name, directorate: directorate.name, department: department.name,
                                       divisions: old.council.divisions, authorityCode: council.authorityCode, neighbours: council.neighbours)
                plan.priorities = council.corporatePlan.priorities
                if let first = plan.violations().first {
                    throw CouncilChangeRefused(field: "corporatePlan", value: first.violation.value,
                                               rule: "would break plan \(code) at \(first.field): \(first.violation.rule); change the plan first")
                }
                updated.append((old, plan))
            }
            try await db.delete(from: "councils").where("code", .equal, council.code).run()
            try await Self.insert(council, db)
            for (old, plan) in updated where old != plan {
                _ = try await SQLPlanRepository.write(plan, replacing: old, actor: actor, in: db)
            }
            return updated.map(\.new.code)
        }
    }

    private static func insert(_ council: CouncilFramework, _ db: any SQLDatabase) async throws {
        let code = council.code
        try await db.insert(into: "councils").columns("code", "name", "authority_code", "neighbours", "corporate_plan_title",
                                                      "corporate_plan_first_year", "corporate_plan_last_year", "notes")
            .values(SQLBind(code), SQLBind(council.name), SQLBind(council.authorityCode), SQLBind(StoredValue.json(council.neighbours)),
                    SQLBind(council.corporatePlan.title), SQLBind(council.corporatePlan.period.first.startYear),
                    SQLBind(council.corporatePlan.period.last.startYear), SQLBind(StoredValue.json(council.notes)))
            .run()
        let priorities = council.corporatePlan.priorities
        try await db.insertRows(priorities.map { [SQLBind(code), SQLBind($0.number), SQLBind($0.title)] },
                                columns: ["council_code", "number", "title"], into: "council_priorities")
        try await db.insertRows(priorities.flatMap { p in p.areasOfFocus.map { [SQLBind(code), SQLBind($0.number), SQLBind(p.number), SQLBind($0.title)] } },
                                columns: ["council_code", "number", "priority_number", "title"], into: "council_areas")
        try await db.insertRows(council.directorates.enumerated().map { [SQLBind(code), SQLBind($1.name), SQLBind($0)] },
                                columns: ["council_code", "name", "position"], into: "council_directorates")
        var position = 0
        var departments: [[any SQLExpression]] = []
        for directorate in council.directorates {
            for department in directorate.departments {
                departments.append([SQLBind(code), SQLBind(department.code), SQLBind(department.name), SQLBind(directorate.name), SQLBind(position)])
                position += 1
            }
        }
        try await db.insertRows(departments, columns: ["council_code", "code", "name", "directorate", "position"], into: "council_departments")
        try await db.insertRows(council.boards.enumerated().map { i, board in
            [SQLBind(code), SQLBind(board.code), SQLBind(board.name), SQLBind(board.nameInferred ? 1 : 0), SQLBind(StoredValue.json(board.departments)), SQLBind(i)]
        }, columns: ["council_code", "code", "name", "name_inferred", "departments", "position"], into: "council_boards")
    }

    static func load(_ code: String, _ db: any SQLDatabase) async throws -> CouncilFramework? {
        guard let row = try await db.select().column("*").from("councils").where("code", .equal, code).first() else { return nil }
        func rows(_ table: String, orderBy column: String) async throws -> [any SQLRow] {
            try await db.select().column("*").from(table).where("council_code", .equal, code).orderBy(column).all()
        }
        let areas = try await rows("council_areas", orderBy: "number")
        let priorities = try await rows("council_priorities", orderBy: "number").map { p in
            let number = try p.decode(column: "number", as: Int.self)
            return CorporatePriority(number: number, title: try p.decode(column: "title", as: String.self), areasOfFocus: try areas
                .filter { try $0.decode(column: "priority_number", as: Int.self) == number }
                .map { AreaOfFocus(number: try $0.decode(column: "number", as: Int.self), title: try $0.decode(column: "title", as: String.self)) })
        }
        let departments = try await rows("council_departments", orderBy: "position")
        let directorates = try await rows("council_directorates", orderBy: "position").map { d in
            let name = try d.decode(column: "name", as: String.self)
            return Directorate(name: name, departments: try departments
                .filter { try $0.decode(column: "directorate", as: String.self) == name }
                .map { Department(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self)) })
        }
        let boards = try await rows("council_boards", orderBy: "position").map { b in
            Board(code: try b.decode(column: "code", as: String.self), name: try b.decode(column: "name", as: String.self),
                  nameInferred: try b.decode(column: "name_inferred", as: Int.self) == 1,
                  departments: try StoredValue.strings(try b.decode(column: "departments", as: String.self)))
        }
        return CouncilFramework(
            code: code, name: try row.decode(column: "name", as: String.self),
            authorityCode: try row.decode(column: "authority_code", as: String?.self),
            neighbours: try StoredValue.strings(try row.decode(column: "neighbours", as: String.self)),
            corporatePlan: CorporatePlan(title: try row.decode(column: "corporate_plan_title", as: String.self),
                                         period: try PlanPeriod(first: FinancialYear(startYear: try row.decode(column: "corporate_plan_first_year", as: Int.self)),
                                                                last: FinancialYear(startYear: try row.decode(column: "corporate_plan_last_year", as: Int.self))),
                                         priorities: priorities),
            directorates: directorates, boards: boards,
            notes: try StoredValue.strings(try row.decode(column: "notes", as: String.self)))
    }
}

/// A council change refused because a linked plan would no longer fit it; `field` is the
/// council file's top-level field the change is in, so an import can name its line.
public struct CouncilChangeRefused: Error, CustomStringConvertible {
    public let field: String
    public let value: String?
    public let rule: String

    public var description: String { "\(field): \(rule)" }
}
