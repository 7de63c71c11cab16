import Foundation
import ServicePlanDomain
import SQLKit

/// Who made a change and through which door.
public struct Actor: Sendable, Hashable {
    public enum Channel: String, Sendable, Codable {
        case form, api, `import`, cli
    }

    /// The user's email, or a description such as `command line (root)` for the CLI.
    public let name: String
    public let via: Channel

    public init(name: String, via: Channel) {
        self.name = name
        self.via = via
    }

    public init(user: User, via: Channel) {
        self.init(name: user.email, via: via)
    }
}

/// One audit record: an item of a plan changed by someone at some time.
public struct AuditRecord: Sendable, Codable, Equatable {
    public let id: Int64
    public let at: String
    public let actor: String
    public let via: String
    public let planCode: String
    public let itemType: String
    public let itemKey: String
    public let action: String
    public let changes: [ItemChange.Field]
}

/// The append-only audit trail. Records are written in the same transaction as the change
/// they describe, so there is never a change without its record or a record without its change.
public enum AuditLog {
    static func append(_ changes: [ItemChange], plan: String, actor: Actor, at: Date, in db: any SQLDatabase) async throws {
        guard !changes.isEmpty else { return }
        let when = Timestamp.string(at)
        // Each record extends the plan's hash chain (`AuditChain`).
        var previous = try await AuditChain.head(plan: plan, in: db)
        for change in changes {
            let json = String(decoding: try JSONEncoder().encode(change.fields), as: UTF8.self)
            let hash = AuditChain.hash(previous: previous, AuditChain.fields(
                at: when, actor: actor.name, via: actor.via.rawValue, plan: plan, itemType: change.itemType, itemKey: change.key,
                action: change.action.rawValue, changes: json))
            try await db.insert(into: "audit_log")
                .columns("at", "actor", "via", "plan_code", "item_type", "item_key", "action", "changes", "hash")
                .values(SQLBind(when), SQLBind(actor.name), SQLBind(actor.via.rawValue), SQLBind(plan),
                        SQLBind(change.itemType), SQLBind(change.key), SQLBind(change.action.rawValue), SQLBind(json), SQLBind(hash))
                .run()
            previous = hash
        }
    }

    struct Row: Codable {
        var id: Int64
        var at: String
        var actor: String
        var via: String
        var planCode: String
        var itemType: String
        var itemKey: String
        var action: String
        var changes: String
    }

    /// The plan's audit version and the national data's import version, in one round trip: what
    /// a cached page that shows both must match. The plan's version is the latest audit record of
    /// any plan of its council, since its report also reads its department's previous plan. (An
    /// `IN` list, not `OR`: each code is then one probe of the `audit_log_item` index.)
    /// The latest id and the number of the audit records of `plan` and of every plan of its
    /// council, and the same of the national data's imports. The count is there because ids are
    /// handed out before commit: a change to one plan can commit after a later-numbered change
    /// to another, leaving the latest id where it was, but never the count.
    public static func versions(plan: String, in database: any Database) async throws -> DataVersions {
        try await database.read { db in
            let row = try await db.raw("""
                SELECT p.latest AS p, p.records AS pn, b.latest AS b, b.records AS bn
                FROM (SELECT MAX(id) AS latest, COUNT(*) AS records FROM audit_log WHERE plan_code IN (
                        SELECT \(bind: plan) UNION
                        SELECT code FROM plans WHERE council_code = (SELECT council_code FROM plans WHERE code = \(bind: plan)))) p,
                     (SELECT MAX(id) AS latest, COUNT(*) AS records FROM benchmark_imports) b
                """).first()
            return DataVersions(plan: try row?.decode(column: "p", as: Int64?.self) ?? 0,
                                benchmarks: try row?.decode(column: "b", as: Int64?.self) ?? 0,
                                planRecords: try row?.decode(column: "pn", as: Int64?.self) ?? 0,
                                benchmarkImports: try row?.decode(column: "bn", as: Int64?.self) ?? 0)
        }
    }

    /// A plan's records, newest first; narrowed to one item when `itemType` and `itemKey` are given.
    public static func records(plan: String, itemType: String? = nil, itemKey: String? = nil,
                               in database: any Database) async throws -> [AuditRecord] {
        try await database.read { db in
            var query = db.select().column("*").from("audit_log").where("plan_code", .equal, plan)
            if let itemType { query = query.where("item_type", .equal, itemType) }
            if let itemKey { query = query.where("item_key", .equal, itemKey) }
            return try await query.orderBy("id", .descending)
                .all(decoding: Row.self, with: ColumnNames.decoder)
                .map { row in
                    AuditRecord(id: row.id, at: row.at, actor: row.actor, via: row.via, planCode: row.planCode,
                                itemType: row.itemType, itemKey: row.itemKey, action: row.action,
                                changes: try JSONDecoder().decode([ItemChange.Field].self, from: Data(row.changes.utf8)))
                }
        }
    }
}
