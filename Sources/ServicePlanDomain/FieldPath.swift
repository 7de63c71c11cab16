/// Where in a plan a value sits, written as the plan file writes it: `indicators[3].polarity`.
/// Forms and the file reader both map it back to what the user sees (a line, a form field).
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public private(set) var components: [Component]

    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public static let root = FieldPath()

    public func key(_ name: String) -> FieldPath { FieldPath(components + [.key(name)]) }
    public func index(_ i: Int) -> FieldPath { FieldPath(components + [.index(i)]) }
    public subscript(_ name: String) -> FieldPath { key(name) }
    public subscript(_ i: Int) -> FieldPath { index(i) }

    /// The enclosing path: `indicators[3]` for `indicators[3].polarity`.
    public var parent: FieldPath? {
        components.isEmpty ? nil : FieldPath(Array(components.dropLast()))
    }

    public var description: String {
        var out = ""
        for component in components {
            switch component {
            case .key(let k): out += out.isEmpty ? k : ".\(k)"
            case .index(let i): out += "[\(i)]"
            }
        }
        return out.isEmpty ? "(top level)" : out
    }
}

/// A rule broken at a place in a plan.
public struct PlanViolation: Error, Hashable, Sendable, CustomStringConvertible {
    public let field: FieldPath
    public let violation: RuleViolation

    public init(_ field: FieldPath, _ violation: RuleViolation) {
        self.field = field
        self.violation = violation
    }

    public var description: String { "\(field): \(violation)" }
}
