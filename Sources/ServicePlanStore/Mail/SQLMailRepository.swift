import Foundation
import ServicePlanDomain
import SQLKit

/// `MailRepository` over SQL (migration 018).
public struct SQLMailRepository: MailRepository {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    struct Row: Codable {
        var id: Int64
        var key: String
        var toName: String
        var toAddress: String
        var subject: String
        var body: String
        var createdAt: String
        var attempts: Int
        var nextAttemptAt: String
        var lastError: String?
        var sentAt: String?
        var claim: String?

        var entry: OutboxEntry {
            OutboxEntry(id: id, message: MailMessage(key: key, toName: toName, toAddress: toAddress, subject: subject, body: body),
                        createdAt: createdAt, attempts: attempts, nextAttemptAt: nextAttemptAt, lastError: lastError, sentAt: sentAt,
                        claim: claim)
        }
    }

    static let columns = ["id", "key", "to_name", "to_address", "subject", "body", "created_at", "attempts", "next_attempt_at",
                          "last_error", "sent_at", "claim"]

    @discardableResult
    public func enqueue(_ messages: [MailMessage], now: Date) async throws -> [String] {
        guard !messages.isEmpty else { return [] }
        let stamp = Timestamp.string(now)
        return try await database.transaction { db in
            let known = try await Self.recorded(keys: messages.map(\.key), db)
            var added: [String] = []
            for message in messages where !known.contains(message.key) && !added.contains(message.key) {
                // Another server may record the same key between the look-up and this insert:
                // the unique key turns the second insert into nothing rather than a duplicate,
                // and RETURNING tells which insert it was.
                let inserted = try await db.insert(into: "mail_outbox")
                    .columns("key", "to_name", "to_address", "subject", "body", "created_at", "attempts", "next_attempt_at")
                    .values(SQLBind(message.key), SQLBind(message.toName), SQLBind(message.toAddress), SQLBind(message.subject),
                            SQLBind(message.body), SQLBind(stamp), SQLBind(0), SQLBind(stamp))
                    .ignoringConflicts(with: ["key"])
                    .returning("key")
                    .first()
                if inserted != nil { added.append(message.key) }
            }
            return added
        }
    }

    public func recorded(keys: [String]) async throws -> Set<String> {
        try await database.read { db in try await Self.recorded(keys: keys, db) }
    }

    static func recorded(keys: [String], _ db: any SQLDatabase) async throws -> Set<String> {
        var found = Set<String>()
        // In slices: SQLite allows a limited number of bound parameters per statement.
        for start in stride(from: 0, to: keys.count, by: 500) {
            let slice = Array(keys[start..<min(start + 500, keys.count)])
            let rows = try await db.select().column("key").from("mail_outbox").where("key", .in, slice).all()
            for row in rows { found.insert(try row.decode(column: "key", as: String.self)) }
        }
        return found
    }

    public func claimDue(now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxEntry] {
        let claim = Secret.token(), stamp = Timestamp.string(now), until = Timestamp.string(now.addingTimeInterval(lease))
        return try await database.transaction { db in
            let due = try await db.select().column("id").from("mail_outbox")
                .where("sent_at", .is, SQLLiteral.null).where("next_attempt_at", .lessThanOrEqual, stamp)
                .where { $0.where("claimed_until", .is, SQLLiteral.null).orWhere("claimed_until", .lessThan, stamp) }
                // Reset links first: someone is waiting for one, and it lasts only an hour.
                .orderBy(SQLRaw("CASE WHEN key LIKE 'password-reset/%' THEN 0 ELSE 1 END")).orderBy("id")
                .limit(limit).all().map { try $0.decode(column: "id", as: Int64.self) }
            guard !due.isEmpty else { return [] }
            // The conditions again in the UPDATE: on PostgreSQL a row another server claimed in
            // the meantime is re-checked after its lock is released, and then not taken.
            try await db.update("mail_outbox").set("claim", to: claim).set("claimed_until", to: until)
                .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                .where("id", .in, due).where("sent_at", .is, SQLLiteral.null)
                .where { $0.where("claimed_until", .is, SQLLiteral.null).orWhere("claimed_until", .lessThan, stamp) }
                .run()
            return try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("mail_outbox")
                .where("claim", .equal, claim).where("sent_at", .is, SQLLiteral.null).orderBy("id")
                .all(decoding: Row.self, with: ColumnNames.decoder).map(\.entry)
        }
    }

    static let sentResetBody = "(Sent. A password-reset link is not kept once sent.)"

    public func renewClaim(id: Int64, claim: String, now: Date, lease: TimeInterval) async throws -> Bool {
        try await database.transaction { db in
            try await db.update("mail_outbox").set("claimed_until", to: Timestamp.string(now.addingTimeInterval(lease)))
                .where("id", .equal, id).where("claim", .equal, claim).where("sent_at", .is, SQLLiteral.null)
                .returning("id").first() != nil
        }
    }

    public func abandon(id: Int64, reason: String) async throws {
        try await database.transaction { db in
            // Never due again (the year 9999), and the text — a dead link — dropped.
            try await db.update("mail_outbox").set("last_error", to: String(reason.prefix(1000))).set("next_attempt_at", to: "9999-12-31T00:00:00.000Z")
                .set("body", to: "(Not sent: \(reason))").set("claim", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null)
                .where("id", .equal, id).run()
        }
    }

    public func markSent(id: Int64, at: Date) async throws {
        try await database.transaction { db in
            try await db.update("mail_outbox").set("sent_at", to: Timestamp.string(at)).set("last_error", to: SQLLiteral.null)
                .set("claim", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null).where("id", .equal, id).run()
            // A reset link is a key to an account: once handed on, the outbox keeps no copy of it.
            try await db.update("mail_outbox").set("body", to: Self.sentResetBody)
                .where("id", .equal, id).where("key", .like, "password-reset/%").run()
        }
    }

    public func markFailed(id: Int64, error: String, retryAt: Date) async throws {
        try await database.transaction { db in
            try await db.update("mail_outbox").set("last_error", to: String(error.prefix(1000)))
                .set("next_attempt_at", to: Timestamp.string(retryAt))
                .set("claim", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null).where("id", .equal, id).run()
        }
    }

    public func recent(limit: Int) async throws -> [OutboxEntry] {
        try await database.read { db in
            try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("mail_outbox").orderBy("id", .descending)
                .limit(limit).all(decoding: Row.self, with: ColumnNames.decoder).map(\.entry)
        }
    }
}
