import ArgumentParser
import ServicePlanStore

/// `--format text|json` for the listing commands (`plans`, `users list`, `audit`, `diff`,
/// `remind --dry-run`): text for people, tab-separated as before; JSON for scripts, one document
/// on standard output with sorted keys, so a script never parses prose.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    static let help = ArgumentHelp("text (tab-separated, for people) or json (one document, for scripts).")

    /// Text for a tab-separated line: control characters (line breaks, tabs, escapes) and
    /// text-direction controls written as `\u{A}`, so a stored value cannot start a line of its own.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let hidden = scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value) || scalar == "\\"
            out += hidden ? (scalar == "\\" ? "\\\\" : "\\u{\(String(scalar.value, radix: 16, uppercase: true))}") : String(scalar)
        }
        return out
    }

    /// Writes `value` as the JSON document.
    static func printJSON<T: Encodable>(_ value: T) {
        FileHandleOutput.writeToStandardOutput(PlanJSON.string(value))
    }
}

/// The JSON shapes of the listings: stable field names, promised to councils' scripts. A value
/// that is absent is `null`, never a missing key, so a script reads every key of every object.
enum ListJSON {
    struct Plan: Encodable { let code, title, status, firstYear, lastYear: String }
    struct User: Encodable {
        let email, role, name, status: String
        let department: String?
        enum CodingKeys: CodingKey { case email, role, name, status, department }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(email, forKey: .email); try c.encode(role, forKey: .role); try c.encode(name, forKey: .name)
            try c.encode(status, forKey: .status); try c.encode(department, forKey: .department)
        }
    }
    struct Change: Encodable {
        let field: String
        let old, new: String?
        enum CodingKeys: CodingKey { case field, old, new }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(field, forKey: .field); try c.encode(old, forKey: .old); try c.encode(new, forKey: .new)
        }
    }
    struct Record: Encodable { let id: Int64; let at, actor, via, action, itemType, itemKey: String; let changes: [Change] }
    struct SecurityEvent: Encodable { let at, kind, actor, subject, address, detail: String }
    struct Version: Encodable { let number: Int; let at, actor, via: String; let itemsChanged: Int }
    /// Two versions of a stored plan (`plan`, `from`, `to` as version numbers) or two plan files
    /// (`fromFile`, `toFile`); the other keys are null.
    struct Changes: Encodable {
        let plan: String?
        let from, to: Int?
        let fromFile, toFile: String?
        let changes: [String]
        enum CodingKeys: CodingKey { case plan, from, to, fromFile, toFile, changes }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(plan, forKey: .plan); try c.encode(from, forKey: .from); try c.encode(to, forKey: .to)
            try c.encode(fromFile, forKey: .fromFile); try c.encode(toFile, forKey: .toFile); try c.encode(changes, forKey: .changes)
        }
    }
    struct Reminder: Encodable { let state, to, subject, key: String }
    struct Reminders: Encodable { let day: String; let due, notYetRecorded: Int; let reminders: [Reminder] }
}
