import Foundation
import ServicePlanDomain
@testable import ServicePlanStore
import Testing

/// The council as a record of its own: its file, its storage, and the plans that name it.
@Suite struct CouncilFileTests {
    static func council() throws -> String { try BundledPlans.councilText() }

    @Test("the bundled Halton council file reads and writes back byte for byte, with the seed's 6 priorities and 40 areas")
    func haltonCouncil() throws {
        let council = try CouncilFileReader.read(Self.council(), file: "halton-council.yaml")
        #expect(CouncilFileWriter.yaml(council) == (try Self.council()))
        #expect(council.code == "HALTON" && council.authorityCode == "E06000006")
        #expect(council.corporatePlan.priorities.count == 6)
        #expect(council.corporatePlan.priorities.flatMap(\.areasOfFocus).map(\.number) == Array(1...40))
        #expect(council.department(code: "ULS")?.directorate.name == "Children and Young People Directorate")
        #expect(council.boards(scrutinising: "ULS").map(\.nameInferred) == [true], "the seed does not name the board")
    }

    /// One damaged council file per kind of error: each names the file, the line and the field.
    @Test("a damaged council file is refused with file:line:field", arguments: [
        ("format: serviceplan-council/1\n", "format: serviceplan-council/9\n", "format", "is not a format this version reads"),
        ("name: Halton Borough Council\n", "name: Halton Borough Council\nmayor: nobody\n", "mayor", "is not a field here"),
        ("authorityCode: E06000006\n", "authorityCode: E0600000X\n", "authorityCode", "is not an ONS authority code"),
        ("  period: {from: 2006/07, to: 2010/11}\n", "  period: {from: 2006/07, to: 2020/21}\n", "corporatePlan.period.to", "makes the period longer than 5 years"),
        ("    - number: 38\n", "    - number: 36\n", "corporatePlan.priorities[5].areasOfFocus[", "is used by another area of focus"),
        ("  - code: ULS\n    name: Universal & Learning Services\n", "  - code: ULS\n    name: Universal & Learning Services\n  - code: ULS\n    name: Again\n",
         "directorates[0].departments[1].code", "is used by another department"),
        ("  departments: [ULS]\n", "  departments: [ULS, PS]\n", "boards[0].departments[1]", "is not a department listed under directorates"),
        // Found by a hostile review: each reached the database as a raw constraint error, or was stored.
        ("  departments: [ULS]\n", "  departments: [ULS, ULS]\n", "boards[0].departments[1]", "is listed twice"),
        ("directorates:\n- name: Children and Young People Directorate\n", "directorates:\n- name: Children and Young People Directorate\n  departments: []\n- name: Children and Young People Directorate\n",
         "directorates[1].name", "is used by another directorate"),
        ("name: Halton Borough Council\n", "name: \"Halton\\0Borough Council\"\n", "name", "a NUL character"),
        ("    - number: 40\n", "    - number: 3000000000\n", "corporatePlan.priorities[5].areasOfFocus[", "is not a number from 1 to 999,999"),
    ])
    func damaged(find: String, replace: String, field: String, rule: String) throws {
        let text = try Self.council()
        #expect(text.contains(find), "the fixture changed: \(find)")
        let damaged = text.replacingOccurrences(of: find, with: replace)
        let error = #expect(throws: PlanFileError.self) { try CouncilFileReader.read(damaged, file: "council.yaml") }
        #expect(error?.line != nil, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("council.yaml:") == true)
        #expect(error?.field.description.hasPrefix(field) == true || error?.description.contains(field) == true, "\(String(describing: error))")
        #expect(error?.description.contains(rule) == true, "\(String(describing: error))")
    }

    @Test("a council file is told from a plan file by its own format field, however it is written")
    func councilFileDetection() throws {
        let text = try Self.council()
        #expect(CouncilFileReader.isCouncilFile(text))
        #expect(CouncilFileReader.isCouncilFile(text.replacingOccurrences(of: "\n", with: "\r\n")))
        #expect(CouncilFileReader.isCouncilFile(text.replacingOccurrences(of: "format: serviceplan-council/1", with: "format: \"serviceplan-council/1\"  # a comment")))
        #expect(!CouncilFileReader.isCouncilFile(try BundledPlans.haltonText() + "- '  format: serviceplan-council/1'\n"))
    }

    @Test("a plan naming a council, a department or priorities the council does not allow is refused with its line")
    func planAgainstCouncil() throws {
        let plan = try BundledPlans.haltonText()
        let none: (String) -> CouncilFramework? = { _ in nil }
        let cases: [(String, (String) -> CouncilFramework?, Int, String)] = [
            (plan, none, 6, "is not a council serviceplan holds"),
            (plan.replacingOccurrences(of: "department: ULS\n", with: "department: XYZ\n"), BundledPlans.council, 7, "is not a department of Halton Borough Council"),
            (plan.replacingOccurrences(of: "keyAreasOfFocus: [13, 17]\n", with: "priorities: []\nkeyAreasOfFocus: [13, 17]\n"), BundledPlans.council, 12,
             "come from the council file of HALTON"),
            (plan.replacingOccurrences(of: "keyAreasOfFocus: [13, 17]\n", with: "keyAreasOfFocus: [13, 41]\n"), BundledPlans.council, 12,
             "is not an area of focus"),
        ]
        for (text, councils, line, rule) in cases {
            let error = #expect(throws: PlanFileError.self) { try PlanFileReader.read(text, file: "plan.yaml", councils: councils) }
            #expect(error?.line == line && error?.description.contains(rule) == true, "\(String(describing: error))")
        }
    }

    @Test("a plan file that carries its own council section still imports, standing alone", arguments: TestDatabase.engines)
    func legacyPlanFile(engine: String) async throws {
        var plan = try PlanFileReader.read(try BundledPlans.haltonText(), file: "uls.yaml")
        plan.link = nil
        let legacy = PlanFileWriter.yaml(plan)
        #expect(legacy.contains("council:\n  name: Halton Borough Council\n") && legacy.contains("\npriorities:\n"))
        try await TestDatabase.with(engine) { database in
            let stores = Stores(database: database, bcryptCost: 4)
            let stored = try await PlanImporter(stores: stores).importText(legacy, file: "legacy.yaml", actor: TestActor.tests)
            #expect(stored.link == nil)
            #expect(PlanFileWriter.yaml(try #require(try await stores.plans.plan(code: "ULS"))) == legacy)
            #expect(try await stores.councils.councils().isEmpty)
        }
    }

    @Test("re-importing the council updates its linked plans (audited); removing an area a plan uses is refused and writes nothing",
          arguments: TestDatabase.engines)
    func councilChangesReachPlans(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let stores = Stores(database: database, bcryptCost: 4)
            let importer = PlanImporter(stores: stores)
            _ = try await importer.seedIfEmpty(logger: TestDatabase.logger)
            #expect(try await stores.councils.planCodes(council: "HALTON") == ["ULS"])
            let before = try await stores.plans.history(code: "ULS").count

            let renamed = try Self.council().replacingOccurrences(of: "name: Halton Borough Council", with: "name: Halton Borough Council (renamed)")
            guard case .council(_, let plans) = try await importer.importAny(renamed, file: "council.yaml", actor: TestActor.tests) else {
                Issue.record("not read as a council file")
                return
            }
            #expect(plans == ["ULS"])
            #expect(try await stores.plans.plan(code: "ULS")?.council.name == "Halton Borough Council (renamed)")
            #expect(try await stores.plans.history(code: "ULS").count > before, "the plan's change is in its audit trail")

            // ULS 1 serves area 13; a council without it would leave the plan pointing nowhere.
            let withoutArea13 = renamed.replacing(#/    - number: 13\n      title: [^\n]*\n/#, with: "")
            let error = await #expect(throws: PlanFileError.self) { try await importer.importAny(withoutArea13, file: "council.yaml", actor: TestActor.tests) }
            #expect(error?.description.hasPrefix("council.yaml:6: corporatePlan:") == true, "\(String(describing: error))")
            #expect(error?.description.contains("would break plan ULS") == true, "\(String(describing: error))")
            let withoutULS = renamed.replacingOccurrences(of: "  - code: ULS\n    name: Universal & Learning Services\n",
                                                          with: "  - code: PS\n    name: Preventative Services\n")
                .replacingOccurrences(of: "  departments: [ULS]\n", with: "  departments: [PS]\n")
            let departmentGone = await #expect(throws: PlanFileError.self) { try await importer.importAny(withoutULS, file: "council.yaml", actor: TestActor.tests) }
            #expect(departmentGone?.description.contains("lacks department ULS, the department of plan ULS") == true, "\(String(describing: departmentGone))")
            #expect(try await stores.councils.council(code: "HALTON")?.corporatePlan.priorities.flatMap(\.areasOfFocus).count == 40)
        }
    }
}

@Suite struct PlanSeriesTests {
    @Test("a second plan of the same department whose period overlaps is refused at its period line; the next three-year plan is taken",
          arguments: TestDatabase.engines)
    func overlappingPlans(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let stores = Stores(database: database, bcryptCost: 4)
            let importer = PlanImporter(stores: stores)
            _ = try await importer.seedIfEmpty(logger: TestDatabase.logger)
            // Another ULS plan: the Halton plan's council and department, without items tied to its years.
            func plan(_ code: String, from first: Int) throws -> String {
                var plan = try PlanFileReader.read(try BundledPlans.haltonText(), file: "uls.yaml")
                plan.code = code
                plan.period = try PlanPeriod(first: FinancialYear(startYear: first), last: FinancialYear(startYear: first + 2))
                plan.objectives = []
                plan.indicators = []
                plan.risks = []
                plan.equalityActions = []
                plan.staffing = []
                plan.keyAreasOfFocus = []
                return PlanFileWriter.yaml(plan)
            }
            let error = await #expect(throws: PlanFileError.self) {
                try await importer.importText(try plan("ULS1113", from: 2011), file: "uls-2011.yaml", actor: TestActor.tests)
            }
            #expect(error?.line == 5 && error?.description.contains("overlaps plan ULS (2009/10–2011/12)") == true, "\(String(describing: error))")
            #expect(try await stores.plans.summaries().map(\.code) == ["ULS"])
            _ = try await importer.importText(try plan("ULS1214", from: 2012), file: "uls-2012.yaml", actor: TestActor.tests)
            #expect(try await stores.councils.planCodes(council: "HALTON") == ["ULS", "ULS1214"])
        }
    }
}

@Suite struct ForeignIDTests {
    @Test("a new plan carrying another plan's item ids is stored with ids of its own, not a key clash (found writing CrossReferenceTests)",
          arguments: TestDatabase.engines)
    func copiedPlanGetsItsOwnIDs(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let stores = Stores(database: database, bcryptCost: 4)
            _ = try await PlanImporter(stores: stores).seedIfEmpty(logger: TestDatabase.logger)
            var copy = try #require(try await stores.plans.plan(code: "ULS"))
            let originalIDs = Set(copy.risks.compactMap(\.id) + copy.equalityActions.compactMap(\.id))
            copy.code = "COPY"
            try await stores.plans.replace(copy, actor: TestActor.tests)
            let stored = try #require(try await stores.plans.plan(code: "COPY"))
            #expect(stored.risks.count == copy.risks.count && stored.risks.allSatisfy { $0.id != nil })
            #expect(Set(stored.risks.compactMap(\.id)).isDisjoint(with: originalIDs))
            #expect(try await stores.plans.plan(code: "ULS")?.risks.count == copy.risks.count, "the original keeps its items")
        }
    }
}
