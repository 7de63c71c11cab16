import Crypto
import Foundation
import SQLKit

/// What makes the audit trail tamper-evident. Each record carries a SHA-256 hash over the hash of
/// the plan's record before it and its own content, so a record edited, deleted, inserted or
/// reordered behind the application's back breaks the chain from that point on. `verify` walks
/// it; `serviceplan audit verify` and the history page report the first record that breaks it.
///
/// A chain is per plan (a plan's records only), in id order. Removing the newest records of a
/// plan cannot be seen from inside the database: `verify` prints each plan's head hash, which a
/// council can note outside it (in the minutes of the board that reads the report).
public enum AuditChain {
    /// The hash of a record: SHA-256 over the previous record's hash (empty for a plan's first
    /// record) and each field of the record as stored. Every field is written with its length
    /// first, so no choice of text in one field can imitate another record.
    static func hash(previous: String, _ fields: [String]) -> String {
        var data = Data()
        for field in [previous] + fields {
            let bytes = Data(field.utf8)
            data.append(contentsOf: "\(bytes.count):".utf8)
            data.append(bytes)
        }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The fields a record's hash covers, in order: everything but its id and its hash.
    static func fields(at: String, actor: String, via: String, plan: String, itemType: String, itemKey: String, action: String,
                       changes: String) -> [String] {
        [at, actor, via, plan, itemType, itemKey, action, changes]
    }

    /// The hash of the plan's newest record, or "" when it has none, read in the caller's
    /// transaction. On PostgreSQL appends to one plan's chain are serialised by a lock held until
    /// the transaction ends (SQLite's writer already holds the whole database).
    static func head(plan: String, in db: any SQLDatabase) async throws -> String {
        if db.dialect.name == "postgresql" {
            try await db.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "audit " + plan)))").run()
        }
        let row = try await db.select().column("hash").from("audit_log").where("plan_code", .equal, plan)
            .orderBy("id", .descending).limit(1).first()
        return try row?.decode(column: "hash", as: String?.self) ?? ""
    }

    /// One plan's chain as `verify` found it.
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public let plan: String
        public let records: Int
        /// The newest record's hash: note it outside the database to catch removal of the newest records.
        public let head: String
        /// The first record that breaks the chain, nil when it verifies.
        public let firstBad: BadRecord?

        public var verifies: Bool { firstBad == nil }

        public var description: String {
            if let firstBad { return "\(plan): \(firstBad)" }
            return "\(plan): \(records) record\(records == 1 ? "" : "s"), the chain verifies (head \(head.prefix(16)))"
        }
    }

    /// A record whose stored hash is not the hash of its content and the record before it.
    public struct BadRecord: Sendable, Equatable, CustomStringConvertible {
        public let id: Int64
        public let at: String
        public let description: String
    }

    /// Checks every plan's chain, or one plan's.
    public static func verify(plan: String? = nil, in database: any Database) async throws -> [Report] {
        try await database.read { db in
            var query = db.select().columns("id", "at", "actor", "via", "plan_code", "item_type", "item_key", "action", "changes", "hash")
                .from("audit_log")
            if let plan { query = query.where("plan_code", .equal, plan) }
            let rows = try await query.orderBy("id").all()
            var reports: [String: (records: Int, head: String, bad: BadRecord?)] = [:]
            var order: [String] = []
            for row in rows {
                let code = try row.decode(column: "plan_code", as: String.self)
                if reports[code] == nil { reports[code] = (0, "", nil); order.append(code) }
                guard var state = reports[code] else { continue }
                let id = try row.decode(column: "id", as: Int64.self), at = try row.decode(column: "at", as: String.self)
                let stored = try row.decode(column: "hash", as: String?.self) ?? ""
                let expected = hash(previous: state.head, fields(
                    at: at, actor: try row.decode(column: "actor", as: String.self), via: try row.decode(column: "via", as: String.self),
                    plan: code, itemType: try row.decode(column: "item_type", as: String.self),
                    itemKey: try row.decode(column: "item_key", as: String.self), action: try row.decode(column: "action", as: String.self),
                    changes: try row.decode(column: "changes", as: String.self)))
                if state.bad == nil && stored != expected {
                    state.bad = BadRecord(id: id, at: at, description: "audit record \(id) (\(at)) does not follow from the record before it: "
                        + "it was changed, or a record before it was removed, inserted or reordered, outside serviceplan")
                }
                state.records += 1
                state.head = stored
                reports[code] = state
            }
            // Every stored plan has records from its import on: one with none lost its whole trail
            // outside serviceplan, which is the one removal its own chain cannot show.
            var stored = db.select().column("code").from("plans")
            if let plan { stored = stored.where("code", .equal, plan) }
            let codes = try await stored.orderBy("code").all().map { try $0.decode(column: "code", as: String.self) }
            if let plan, codes.isEmpty, order.isEmpty { throw PlanNotFound(code: plan) }
            for code in codes where reports[code] == nil {
                reports[code] = (0, "", BadRecord(id: 0, at: "", description: "has no audit records: every stored plan has at least "
                                                  + "the record of its import, so its whole trail was deleted outside serviceplan"))
                order.append(code)
            }
            return order.compactMap { code in reports[code].map { Report(plan: code, records: $0.records, head: $0.head, firstBad: $0.bad) } }
        }
    }
}
