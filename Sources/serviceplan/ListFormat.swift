import ArgumentParser
import ServicePlanStore

/// `--format text|json` for the listing commands (`plans`, `users list`, `audit`, `diff`,
/// `remind --dry-run`): text for people, tab-separated as before; JSON for scripts, one document
/// on standard output with sorted keys, so a script never parses prose.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    static let help = ArgumentHelp("text (tab-separated, for people) or json (one document, for scripts).")

    /// Writes `value` as the JSON document.
    static func printJSON<T: Encodable>(_ value: T) {
        FileHandleOutput.writeToStandardOutput(PlanJSON.string(value))
    }
}

/// The JSON shapes of the listings: stable field names, promised to councils' scripts.
enum ListJSON {
    struct Plan: Encodable { let code, title, status, firstYear, lastYear: String }
    struct User: Encodable { let email, role, name, status: String; let department: String? }
    struct Change: Encodable { let field: String; let old, new: String? }
    struct Record: Encodable { let id: Int64; let at, actor, via, action, itemType, itemKey: String; let changes: [Change] }
    struct SecurityEvent: Encodable { let at, kind, actor, subject, address, detail: String }
    struct Version: Encodable { let number: Int; let at, actor, via: String; let itemsChanged: Int }
    struct Changes: Encodable { let plan: String?; let from, to: String; let changes: [String] }
    struct Reminder: Encodable { let state, to, subject, key: String }
    struct Reminders: Encodable { let day: String; let due, notYetRecorded: Int; let reminders: [Reminder] }
}
