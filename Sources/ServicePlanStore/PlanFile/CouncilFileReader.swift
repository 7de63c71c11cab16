import ServicePlanDomain
import Yams

/// Reads a council file (docs/council-format.md): a council's corporate plan, directorates and
/// departments, and boards, held once for all its service plans. Errors name the file, line
/// and field, as plan files' do.
public enum CouncilFileReader {
    public static let formatTag = "serviceplan-council/1"

    public static func read(_ text: String, file: String) throws(PlanFileError) -> CouncilFramework {
        let (root, r) = try PlanFileReader.compose(text, file: file)
        return try read(root, r, file: file)
    }

    /// `read` of a tree already composed (by `PlanFileReader.compose`, with its reader).
    static func read(_ root: Node, _ r: YAMLReader, file: String) throws(PlanFileError) -> CouncilFramework {
        let path = FieldPath.root
        let fields = try r.map(root, path, allowed: [
            "format", "code", "name", "authorityCode", "neighbours", "corporatePlan", "directorates", "boards", "notes",
        ])
        let format = try fields.required("format", YAMLReader.string)
        guard format == formatTag else {
            throw r.fail(fields.value("format"), path["format"], format, "is not a format this version reads (expected \(formatTag))")
        }
        let council = CouncilFramework(
            code: try fields.required("code", YAMLReader.string),
            name: try fields.required("name", YAMLReader.string),
            authorityCode: try fields.optional("authorityCode", default: nil) { r in
                { n, p throws(PlanFileError) in try PlanFileReader.authorityCode(r)(n, p) }
            },
            neighbours: try fields.optional("neighbours", default: [], PlanFileReader.listOf(PlanFileReader.authorityCode)),
            corporatePlan: try fields.required("corporatePlan") { r in
                { n, p throws(PlanFileError) in
                    let f = try r.map(n, p, allowed: ["title", "period", "priorities"])
                    return CorporatePlan(title: try f.required("title", YAMLReader.string),
                                         period: try f.required("period", PlanFileReader.readPeriod),
                                         priorities: try f.required("priorities", PlanFileReader.listOf(PlanFileReader.readPriority)))
                }
            },
            directorates: try fields.required("directorates", PlanFileReader.listOf { r in
                { n, p throws(PlanFileError) in
                    let f = try r.map(n, p, allowed: ["name", "departments"])
                    return Directorate(name: try f.required("name", YAMLReader.string),
                                       departments: try f.required("departments", PlanFileReader.listOf { r in
                                           { n, p throws(PlanFileError) in
                                               let d = try r.map(n, p, allowed: ["code", "name"])
                                               return Department(code: try d.required("code", YAMLReader.string),
                                                                 name: try d.required("name", YAMLReader.string))
                                           }
                                       }))
                }
            }),
            boards: try fields.optional("boards", default: [], PlanFileReader.listOf { r in
                { n, p throws(PlanFileError) in
                    let f = try r.map(n, p, allowed: ["code", "name", "nameInferred", "departments"])
                    return Board(code: try f.required("code", YAMLReader.string), name: try f.required("name", YAMLReader.string),
                                 nameInferred: try f.optional("nameInferred", default: false, YAMLReader.bool),
                                 departments: try f.required("departments", YAMLReader.strings))
                }
            }),
            notes: try fields.optional("notes", default: [], YAMLReader.strings))
        if let first = council.violations().first {
            throw PlanFileError(file: file, line: r.line(for: first.field), field: first.field, violation: first.violation)
        }
        return council
    }

    /// Which kind of file `text` is, from its `format:` line, so `serviceplan import` takes either.
    /// Read from the file's own top-level `format` field (quoted, commented or CRLF alike); a file
    /// that is not YAML at all goes to the plan reader, which says where it breaks.
    public static func isCouncilFile(_ text: String) -> Bool {
        guard let (root, _) = try? PlanFileReader.compose(text, file: "") else { return false }
        return isCouncilFile(root)
    }

    static func isCouncilFile(_ root: Node) -> Bool {
        let format: Node? = root["format"]
        return format?.string == formatTag
    }
}

/// Writes a council in the canonical council-file form; reading it back gives the same council.
public enum CouncilFileWriter {
    public static func yaml(_ council: CouncilFramework) -> String {
        typealias W = PlanFileWriter
        var top: [(String, Node)] = [("format", W.s(CouncilFileReader.formatTag)), ("code", W.s(council.code)), ("name", W.s(council.name))]
        if let code = council.authorityCode { top.append(("authorityCode", W.s(code))) }
        if !council.neighbours.isEmpty { top.append(("neighbours", W.flowList(council.neighbours))) }
        top.append(("corporatePlan", W.map([
            ("title", W.s(council.corporatePlan.title)),
            ("period", W.flowMap([("from", W.s(council.corporatePlan.period.first.label)), ("to", W.s(council.corporatePlan.period.last.label))])),
            ("priorities", W.priorities(council.corporatePlan.priorities)),
        ])))
        top.append(("directorates", W.list(council.directorates.map { directorate in
            W.map([("name", W.s(directorate.name)),
                   ("departments", W.list(directorate.departments.map { W.map([("code", W.s($0.code)), ("name", W.s($0.name))]) }))])
        })))
        if !council.boards.isEmpty {
            top.append(("boards", W.list(council.boards.map { board in
                W.map([("code", W.s(board.code)), ("name", W.s(board.name))]
                      + (board.nameInferred ? [("nameInferred", W.s("true"))] : [])
                      + [("departments", W.flowList(board.departments))])
            })))
        }
        W.appendNotes(council.notes, to: &top)
        do {
            return try Yams.serialize(node: W.map(top), width: -1, allowUnicode: true, lineBreak: .ln)
        } catch {
            // Built here from strings only; the emitter has nothing to reject.
            preconditionFailure("YAML emitter refused a council tree: \(error)")
        }
    }
}
