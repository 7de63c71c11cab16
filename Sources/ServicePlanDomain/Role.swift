/// What a signed-in person is to the council. The public (not signed in) has no role.
public enum Role: String, Choice {
    /// The corporate performance team: manages users and every plan.
    case admin
    /// A responsible officer: edits the objectives and indicators assigned to them.
    case officer
    /// An operational director: edits everything in their department's plans.
    case director
    /// An elected member: reads everything, Part II included; edits nothing.
    case member

    public var label: String {
        switch self {
        case .admin: return "Performance team (admin)"
        case .officer: return "Responsible officer"
        case .director: return "Operational director"
        case .member: return "Elected member"
        }
    }
}

/// A person who can sign in. `department` is the plan code of a director's or officer's
/// department (`ULS`): a director edits every plan with that code.
public struct User: Hashable, Sendable {
    public var id: Int64
    public var email: String
    public var name: String
    public var role: Role
    public var department: String?
    public var disabled: Bool
    /// Signed in with a one-time password: must choose their own before doing anything else.
    public var mustChangePassword: Bool

    public init(id: Int64, email: String, name: String, role: Role, department: String?, disabled: Bool = false,
                mustChangePassword: Bool = false) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.department = department
        self.disabled = disabled
        self.mustChangePassword = mustChangePassword
    }

    /// An email address as accounts compare them: trimmed, lower-cased.
    public static func normalise(email: String) -> String { email.trimmingSpaces.lowercased() }

    /// A plausible email address: something@domain.tld, no spaces.
    public static func checkEmail(_ email: String) throws(RuleViolation) {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        // No character that mail headers give a meaning (`<>(),;:"` `[]` `\`), nor spaces or
        // controls: the address is written into the To line of reminder and reset emails as is.
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.unicodeScalars.contains(where: { "<>(),;:\"[]\\".unicodeScalars.contains($0) || $0.properties.isWhitespace
                  || $0.properties.generalCategory == .control }) else {
            throw RuleViolation(value: email, rule: "is not an email address")
        }
    }
}
