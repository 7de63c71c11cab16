import ServicePlanDomain
import Yams

/// Reads a plan file (docs/plan-format.md) into a `ServicePlan`, checking every field and then
/// every rule that spans the plan. Nothing here touches a database: an import calls this
/// first, so a file with any error writes nothing.
public enum PlanFileReader {
    public static let formatTag = "serviceplan/1"

    /// Parses `text`; `file` is the name used in error messages (`plans/x.yaml`). A plan that
    /// names its council by code (`council: HALTON`) takes the council's details and corporate
    /// priorities from `councils`, which looks a council up by code (by default, the councils
    /// bundled with serviceplan; an import passes the stored ones).
    public static func read(_ text: String, file: String,
                            councils: (String) -> CouncilFramework? = BundledPlans.council) throws(PlanFileError) -> ServicePlan {
        let (root, reader) = try compose(text, file: file)
        return try read(root, reader, file: file, councils: councils)
    }

    /// `read` of a tree already composed (by `compose`, with its reader).
    static func read(_ root: Node, _ reader: YAMLReader, file: String,
                     councils: (String) -> CouncilFramework? = BundledPlans.council) throws(PlanFileError) -> ServicePlan {
        let plan = try readPlan(root, reader, councils: councils)
        if let first = plan.violations().first {
            throw PlanFileError(file: file, line: reader.line(for: first.field), field: first.field, violation: first.violation)
        }
        return plan
    }

    /// The YAML tree of a plan or council file, after the checks every file gets (size, text,
    /// syntax), and the reader that will name lines in its errors.
    static func compose(_ text: String, file: String) throws(PlanFileError) -> (Node, YAMLReader) {
        let reader = YAMLReader(file: file)
        if text.utf8.count > PlanFileText.maximumBytes {
            throw PlanFileError(file: file, line: nil, field: .root, violation: RuleViolation(
                value: nil, rule: "is \(text.utf8.count) bytes; a plan file may have at most \(PlanFileText.maximumBytes)"))
        }
        if let (line, rule) = PlanFileText.problem(text) {
            throw PlanFileError(file: file, line: line, field: .root, violation: RuleViolation(value: nil, rule: rule))
        }
        let root: Node
        do {
            // The basic resolver: every scalar is read as text and parsed by YAMLReader, so
            // Yams' tag resolution (a regular expression per scalar, for ints, floats, booleans
            // and dates nobody reads) was only cost: a sixth of a 2,000-indicator import.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw reader.fail(nil, .root, nil, "the file is empty")
            }
            root = node
        } catch let error as PlanFileError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw PlanFileError(file: file, line: nil, field: .root,
                                violation: RuleViolation(value: nil, rule: "is not valid YAML: \(error)"))
        }
        return (root, reader)
    }

    private static func syntaxError(_ error: YamlError, file: String) -> PlanFileError {
        let (line, problem): (Int?, String)
        switch error {
        case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _), .composer(_, let p, let mark, _):
            (line, problem) = (mark.line, p)
        case .reader(let p, let offset?, _, let yaml):
            // libyaml's reader (bad characters) gives a character offset rather than a mark.
            (line, problem) = (yaml.prefix(offset).count { $0 == "\n" || $0 == "\r\n" } + 1, p)
        case .duplicatedKeysInMapping(let duplicates, let context):
            (line, problem) = (context.mark.line, "the field \(duplicates.joined(separator: ", ")) is given twice in one mapping")
        default:
            (line, problem) = (nil, "\(error)")
        }
        return PlanFileError(file: file, line: line, field: .root,
                             violation: RuleViolation(value: nil, rule: "is not valid YAML: \(problem)"))
    }

    private static func readPlan(_ node: Node, _ r: YAMLReader, councils: (String) -> CouncilFramework?) throws(PlanFileError) -> ServicePlan {
        let root = FieldPath.root
        let fields = try r.map(node, root, allowed: [
            "format", "code", "title", "status", "period", "council", "department", "divisions", "priorities", "keyAreasOfFocus",
            "objectives", "indicators", "risks", "equalityActions", "budget", "staffing", "notes",
        ])
        let format = try fields.required("format", YAMLReader.string)
        guard format == formatTag else {
            throw r.fail(fields.value("format"), root["format"], format, "is not a format this version reads (expected \(formatTag))")
        }
        let code = try fields.required("code", YAMLReader.string)
        do { try ServicePlan.checkCode(code) } catch { throw r.fail(fields.value("code"), root["code"], error) }

        let council: Council, priorities: [CorporatePriority], link: CouncilLink?
        if let councilNode = fields.value("council"), let councilCode = councilNode.scalar?.string {
            // The council held as a record of its own: the plan names it and its department.
            guard let framework = councils(councilCode) else {
                throw r.fail(councilNode, root["council"], councilCode, "is not a council serviceplan holds: import its council file first")
            }
            let departmentCode = try fields.required("department", YAMLReader.string)
            guard let (directorate, department) = framework.department(code: departmentCode) else {
                throw r.fail(fields.value("department"), root["department"], departmentCode,
                             "is not a department of \(framework.name) (its council file lists \(framework.directorates.flatMap(\.departments).map(\.code).joined(separator: ", ")))")
            }
            if let given = fields.value("priorities") {
                throw r.fail(given, root["priorities"], nil, "come from the council file of \(councilCode); leave them out of the plan file")
            }
            let divisions = try fields.optional("divisions", default: [], listOf { r in
                { n, p throws(PlanFileError) in try r.map(n, p, allowed: ["name"]).required("name", YAMLReader.string) }
            })
            council = Council(name: framework.name, directorate: directorate.name, department: department.name, divisions: divisions,
                              authorityCode: framework.authorityCode, neighbours: framework.neighbours)
            priorities = framework.corporatePlan.priorities
            link = CouncilLink(council: framework.code, department: department.code)
        } else {
            for key in ["department", "divisions"] where fields.value(key) != nil {
                throw r.fail(fields.value(key), root[key], nil, "belongs inside the council section (or name the council by its code: council: HALTON)")
            }
            council = try fields.required("council", readCouncil)
            priorities = try fields.required("priorities", listOf(readPriority))
            link = nil
        }
        return ServicePlan(
            code: code,
            title: try fields.required("title", YAMLReader.string),
            status: try fields.required("status") { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
            period: try fields.required("period", readPeriod),
            council: council,
            priorities: priorities,
            keyAreasOfFocus: try fields.optional("keyAreasOfFocus", default: [], YAMLReader.ints),
            objectives: try fields.required("objectives", listOf(readObjective)),
            indicators: try fields.required("indicators", listOf(readIndicator)),
            risks: try fields.optional("risks", default: [], listOf(readRisk)),
            equalityActions: try fields.optional("equalityActions", default: [], listOf(readEqualityAction)),
            budget: try fields.optional("budget", default: .none, readBudget),
            staffing: try fields.optional("staffing", default: [], listOf(readStaffing)),
            notes: try fields.optional("notes", default: [], YAMLReader.strings),
            link: link
        )
    }

    /// Adapts a reader of one item into a reader of a list of them.
    static func listOf<T>(
        _ readItem: @escaping (YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> T
    ) -> (YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> [T] {
        { r in
            { node, path throws(PlanFileError) in
                var out: [T] = []
                for (item, p) in try r.list(node, path) { out.append(try readItem(r)(item, p)) }
                return out
            }
        }
    }

    static func readPeriod(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> PlanPeriod {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["from", "to"])
            let from = try f.required("from", YAMLReader.year)
            let to = try f.required("to", YAMLReader.year)
            do throws(RuleViolation) { return try PlanPeriod(first: from, last: to) } catch { throw r.fail(f.value("to"), path["to"], error) }
        }
    }

    private static func readCouncil(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> Council {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["name", "directorate", "department", "divisions", "authorityCode", "neighbours"])
            let code = authorityCode
            let divisions = try f.optional("divisions", default: [], listOf { r in
                { n, p throws(PlanFileError) in
                    try r.map(n, p, allowed: ["name"]).required("name", YAMLReader.string)
                }
            })
            return Council(
                name: try f.required("name", YAMLReader.string),
                directorate: try f.required("directorate", YAMLReader.string),
                department: try f.required("department", YAMLReader.string),
                divisions: divisions,
                authorityCode: try f.optional("authorityCode", default: nil) { r in { n, p throws(PlanFileError) in try code(r)(n, p) } },
                neighbours: try f.optional("neighbours", default: [], listOf(code)))
        }
    }

    /// An ONS authority code.
    static func authorityCode(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> String {
        { n, p throws(PlanFileError) in
            let text = try r.string(n, p)
            do throws(RuleViolation) { try Council.checkAuthorityCode(text) } catch { throw r.fail(n, p, error) }
            return text
        }
    }

    static func readPriority(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> CorporatePriority {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["number", "title", "areasOfFocus"])
            return CorporatePriority(
                number: try f.required("number", YAMLReader.int),
                title: try f.required("title", YAMLReader.string),
                areasOfFocus: try f.required("areasOfFocus", listOf { r in
                    { n, p throws(PlanFileError) in
                        let a = try r.map(n, p, allowed: ["number", "title"])
                        return AreaOfFocus(number: try a.required("number", YAMLReader.int),
                                           title: try a.required("title", YAMLReader.string))
                    }
                }))
        }
    }
}
