/// A council's corporate planning framework, held once for all its service plans: who it is, the
/// corporate plan's priorities and numbered areas of focus that every plan links to, its
/// directorates and departments, and the Policy and Performance Boards that scrutinise them.
public struct CouncilFramework: Hashable, Sendable {
    /// Short code used in URLs, files and plan files (`HALTON`).
    public var code: String
    public var name: String
    public var authorityCode: String?
    public var neighbours: [String]
    public var corporatePlan: CorporatePlan
    public var directorates: [Directorate]
    public var boards: [Board]
    public var notes: [String]

    public init(code: String, name: String, authorityCode: String? = nil, neighbours: [String] = [], corporatePlan: CorporatePlan,
                directorates: [Directorate], boards: [Board] = [], notes: [String] = []) {
        self.code = code
        self.name = name
        self.authorityCode = authorityCode
        self.neighbours = neighbours
        self.corporatePlan = corporatePlan
        self.directorates = directorates
        self.boards = boards
        self.notes = notes
    }

    /// The department with this code and the directorate it sits in.
    public func department(code: String) -> (directorate: Directorate, department: Department)? {
        for directorate in directorates {
            if let department = directorate.departments.first(where: { $0.code == code }) { return (directorate, department) }
        }
        return nil
    }

    /// The boards that scrutinise a department's plans.
    public func boards(scrutinising department: String) -> [Board] {
        boards.filter { $0.departments.contains(department) }
    }

    /// Every rule the council breaks, in file order. Empty means it may be saved.
    public func violations() -> [PlanViolation] {
        var found: [PlanViolation] = []
        let root = FieldPath.root
        func fail(_ path: FieldPath, _ value: String?, _ rule: String) {
            found.append(PlanViolation(path, RuleViolation(value: value, rule: rule)))
        }
        do { try ServicePlan.checkCode(code) } catch { found.append(PlanViolation(root["code"], error)) }
        found += CorporatePriority.orderViolations(corporatePlan.priorities, at: root["corporatePlan"]["priorities"])
        found += textViolations()
        var departments = Set<String>(), directorateNames = Set<String>()
        for (d, directorate) in directorates.enumerated() {
            if !directorateNames.insert(directorate.name).inserted {
                fail(root["directorates"][d]["name"], directorate.name, "is used by another directorate")
            }
            for (i, department) in directorate.departments.enumerated() {
                let path = root["directorates"][d]["departments"][i]["code"]
                do { try ServicePlan.checkCode(department.code) } catch { found.append(PlanViolation(path, error)) }
                if !departments.insert(department.code).inserted { fail(path, department.code, "is used by another department") }
            }
        }
        var boardCodes = Set<String>()
        for (b, board) in boards.enumerated() {
            do { try ServicePlan.checkCode(board.code) } catch { found.append(PlanViolation(root["boards"][b]["code"], error)) }
            if !boardCodes.insert(board.code).inserted { fail(root["boards"][b]["code"], board.code, "is used by another board") }
            var listed = Set<String>()
            for (i, department) in board.departments.enumerated() {
                if !departments.contains(department) {
                    fail(root["boards"][b]["departments"][i], department, "is not a department listed under directorates")
                } else if !listed.insert(department).inserted {
                    fail(root["boards"][b]["departments"][i], department, "is listed twice")
                }
            }
        }
        return found
    }
}

extension CouncilFramework {
    /// Text that breaks a text rule (empty, control characters, too long), as plans are checked.
    func textViolations() -> [PlanViolation] {
        var found: [PlanViolation] = []
        func check(_ text: String, _ kind: TextRules.Kind, _ path: FieldPath) {
            if let v = TextRules.violation(text, kind, required: true) { found.append(PlanViolation(path, v)) }
        }
        let root = FieldPath.root
        check(name, .line, root["name"])
        for (i, note) in notes.enumerated() { check(note, .text, root["notes"][i]) }
        check(corporatePlan.title, .line, root["corporatePlan"]["title"])
        for (p, priority) in corporatePlan.priorities.enumerated() {
            check(priority.title, .line, root["corporatePlan"]["priorities"][p]["title"])
            for (a, area) in priority.areasOfFocus.enumerated() {
                check(area.title, .line, root["corporatePlan"]["priorities"][p]["areasOfFocus"][a]["title"])
            }
        }
        for (d, directorate) in directorates.enumerated() {
            check(directorate.name, .line, root["directorates"][d]["name"])
            for (i, department) in directorate.departments.enumerated() {
                check(department.name, .line, root["directorates"][d]["departments"][i]["name"])
            }
        }
        for (b, board) in boards.enumerated() { check(board.name, .line, root["boards"][b]["name"]) }
        return found
    }
}

/// The council's corporate plan (Halton's Corporate Plan 2006–11): its priorities and their
/// numbered Key Areas of Focus.
public struct CorporatePlan: Hashable, Sendable {
    public var title: String
    public var period: PlanPeriod
    public var priorities: [CorporatePriority]

    public init(title: String, period: PlanPeriod, priorities: [CorporatePriority]) {
        self.title = title
        self.period = period
        self.priorities = priorities
    }
}

/// A directorate and the departments in it, each of which writes a service plan.
public struct Directorate: Hashable, Sendable {
    public var name: String
    public var departments: [Department]

    public init(name: String, departments: [Department]) {
        self.name = name
        self.departments = departments
    }
}

public struct Department: Hashable, Sendable {
    /// The code its plans are filed under (`ULS`).
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A Policy and Performance Board and the departments whose plans it scrutinises.
public struct Board: Hashable, Sendable {
    public var code: String
    public var name: String
    /// True when the name is not stated by the council's documents but inferred (and so shown).
    public var nameInferred: Bool
    public var departments: [String]

    public init(code: String, name: String, nameInferred: Bool = false, departments: [String]) {
        self.code = code
        self.name = name
        self.nameInferred = nameInferred
        self.departments = departments
    }
}

/// Where a plan sits in its council's framework: the council's code and the department's.
public struct CouncilLink: Hashable, Sendable {
    public var council: String
    public var department: String

    public init(council: String, department: String) {
        self.council = council
        self.department = department
    }
}
