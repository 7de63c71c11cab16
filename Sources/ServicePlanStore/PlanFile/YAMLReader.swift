import ServicePlanDomain
import Yams

/// Walks a composed YAML tree, reading typed values and turning every problem into a
/// `PlanFileError` that names the line and field. It remembers the line of every field it
/// reads so that rules checked later, on the whole plan, can be reported at a line too.
final class YAMLReader {
    let file: String
    private(set) var lines: [FieldPath: Int] = [:]

    init(file: String) {
        self.file = file
    }

    func fail(_ node: Node?, _ path: FieldPath, _ value: String?, _ rule: String) -> PlanFileError {
        PlanFileError(file: file, line: node?.mark?.line ?? line(for: path), field: path,
                      violation: RuleViolation(value: value, rule: rule))
    }

    func fail(_ node: Node?, _ path: FieldPath, _ violation: RuleViolation) -> PlanFileError {
        PlanFileError(file: file, line: node?.mark?.line ?? line(for: path), field: path, violation: violation)
    }

    /// The line of a field, or of the nearest enclosing field that was read.
    func line(for path: FieldPath) -> Int? {
        var current: FieldPath? = path
        while let p = current {
            if let line = lines[p] { return line }
            current = p.parent
        }
        return nil
    }

    private func note(_ node: Node, _ path: FieldPath) {
        if let line = node.mark?.line, lines[path] == nil { lines[path] = line }
    }

    // MARK: Shapes

    func map(_ node: Node, _ path: FieldPath, allowed: [String]) throws(PlanFileError) -> YAMLMap {
        note(node, path)
        guard let mapping = node.mapping else {
            throw fail(node, path, describe(node), "should be a mapping of \(allowed.joined(separator: ", "))")
        }
        var entries: [(String, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw fail(keyNode, path, describe(keyNode), "is not a field name")
            }
            if !allowed.isEmpty && !allowed.contains(key) {
                throw fail(keyNode, path[key], key, "is not a field here (expected one of \(allowed.joined(separator: ", ")))")
            }
            if entries.contains(where: { $0.0 == key }) {
                throw fail(keyNode, path[key], key, "is given twice")
            }
            entries.append((key, value))
            note(value, path[key])
        }
        return YAMLMap(reader: self, node: node, path: path, entries: entries)
    }

    func list(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> [(Node, FieldPath)] {
        note(node, path)
        guard let sequence = node.sequence else {
            throw fail(node, path, describe(node), "should be a list")
        }
        return sequence.enumerated().map { i, item in
            note(item, path[i])
            return (item, path[i])
        }
    }

    // MARK: Scalars

    func string(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> String {
        note(node, path)
        guard let scalar = node.scalar else {
            throw fail(node, path, describe(node), "should be a single value")
        }
        let text = scalar.string.trimmingSpaces
        guard !text.isEmpty else { throw fail(node, path, nil, "must not be empty") }
        return text
    }

    func int(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> Int {
        let text = try string(node, path)
        guard let value = Int(text) else { throw fail(node, path, text, "is not a whole number") }
        return value
    }

    func number(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> Double {
        let text = try string(node, path)
        guard let value = Figure.decimal(text) else { throw fail(node, path, text, "is not a number up to a trillion") }
        return value
    }

    func choice<T: Choice>(_ node: Node, _ path: FieldPath, as: T.Type = T.self) throws(PlanFileError) -> T {
        let text = try string(node, path)
        do { return try T(parsing: text) } catch { throw fail(node, path, error) }
    }

    func bool(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> Bool {
        let text = try string(node, path)
        switch text {
        case "true": return true
        case "false": return false
        default: throw fail(node, path, text, "is not true or false")
        }
    }

    func email(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> String {
        let text = try string(node, path)
        do { try User.checkEmail(text) } catch { throw fail(node, path, error) }
        return User.normalise(email: text)
    }

    func year(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> FinancialYear {
        let text = try string(node, path)
        guard let year = FinancialYear(text) else {
            throw fail(node, path, text, "is not a financial year (write 2009/10)")
        }
        return year
    }

    func date(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> CalendarDate {
        let text = try string(node, path)
        guard let date = CalendarDate(text) else {
            throw fail(node, path, text, "is not a date (write YYYY-MM-DD, e.g. 2010-03-31)")
        }
        return date
    }

    func figure(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> Figure {
        let text = try string(node, path)
        do { return try Figure(parsing: text) } catch { throw fail(node, path, error) }
    }

    func missingReason(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> MissingReason {
        let text = try string(node, path)
        guard let reason = MissingReason(rawValue: text) else {
            throw fail(node, path, text, "is not one of \(MissingReason.allowedList)")
        }
        return reason
    }

    func strings(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> [String] {
        var out: [String] = []
        for (item, p) in try list(node, path) { out.append(try string(item, p)) }
        return out
    }

    func ints(_ node: Node, _ path: FieldPath) throws(PlanFileError) -> [Int] {
        var out: [Int] = []
        for (item, p) in try list(node, path) { out.append(try int(item, p)) }
        return out
    }

    /// A mapping keyed by financial year (`{2009/10: 40.5}`), in file order.
    func byYear<T>(_ node: Node, _ path: FieldPath,
                   _ read: (Node, FieldPath) throws(PlanFileError) -> T) throws(PlanFileError) -> [FinancialYear: T] {
        let fields = try map(node, path, allowed: [])
        var out: [FinancialYear: T] = [:]
        for (key, value) in fields.entries {
            guard let year = FinancialYear(key) else {
                throw fail(value, path[key], key, "is not a financial year (write 2009/10)")
            }
            guard out[year] == nil else { throw fail(value, path[key], key, "is the same year as another entry") }
            out[year] = try read(value, path[year.label])
        }
        return out
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// The fields of one YAML mapping, read by name.
struct YAMLMap {
    let reader: YAMLReader
    let node: Node
    let path: FieldPath
    let entries: [(key: String, value: Node)]

    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    func required<T>(_ key: String,
                     _ read: (YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> T) throws(PlanFileError) -> T {
        guard let node = value(key) else {
            throw reader.fail(node, path[key], nil, "is required")
        }
        return try read(reader)(node, path[key])
    }

    func optional<T>(_ key: String, default fallback: T,
                     _ read: (YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> T) throws(PlanFileError) -> T {
        guard let node = value(key) else { return fallback }
        return try read(reader)(node, path[key])
    }
}
