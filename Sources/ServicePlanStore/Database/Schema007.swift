import SQLKit

/// The audit trail becomes a hash chain: each record stores the hash of its content and the
/// record before it (`AuditChain`). Records written before this migration are chained here, in
/// id order, as they stand.
enum Schema007 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "audit_log").column("hash", type: .text).run()
        try await chainExisting(db)
    }

    /// Gives every record its hash, in id order, as the records stand.
    static func chainExisting(_ db: any SQLDatabase) async throws {
        let rows = try await db.select().columns("id", "at", "actor", "via", "plan_code", "item_type", "item_key", "action", "changes")
            .from("audit_log").orderBy("id").all()
        var heads: [String: String] = [:]
        for row in rows {
            let plan = try row.decode(column: "plan_code", as: String.self)
            let hash = AuditChain.hash(previous: heads[plan] ?? "", AuditChain.fields(
                at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                via: try row.decode(column: "via", as: String.self), plan: plan,
                itemType: try row.decode(column: "item_type", as: String.self), itemKey: try row.decode(column: "item_key", as: String.self),
                action: try row.decode(column: "action", as: String.self), changes: try row.decode(column: "changes", as: String.self)))
            // The one update the audit trail ever receives: giving old records their place in the chain.
            try await db.update("audit_log").set("hash", to: hash).where("id", .equal, try row.decode(column: "id", as: Int64.self)).run()
            heads[plan] = hash
        }
    }
}
