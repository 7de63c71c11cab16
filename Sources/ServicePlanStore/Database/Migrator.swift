import Foundation
import SQLKit

/// A named change to the schema. Once shipped, a migration is never edited: a later change
/// is a new migration appended to `Migrator.all`.
struct Migration: Sendable {
    let name: String
    let apply: @Sendable (any SQLDatabase) async throws -> Void
}

extension Database {
    /// Brings the schema up to date: what opening a database does, for a database opened
    /// without it (`PostgresDatabase.prepare`, whose client is not running yet).
    public func migrate() async throws {
        try await Migrator(database: self).migrate()
    }
}

/// Applies, in order and each in its own transaction, the migrations not yet recorded in
/// `schema_migrations`. Runs on every start, so a new version upgrades the database in place.
public struct Migrator {
    let database: any Database

    static let all: [Migration] = [
        Migration(name: "001-service-plans", apply: Schema001.apply),
        Migration(name: "002-people-and-audit", apply: Schema002.apply),
        Migration(name: "003-one-time-passwords", apply: Schema003.apply),
        Migration(name: "004-quarterly-returns", apply: Schema004.apply),
        Migration(name: "005-benchmarking", apply: Schema005.apply),
        Migration(name: "006-sign-in-attempts", apply: Schema006.apply),
        Migration(name: "007-audit-hash-chain", apply: Schema007.apply),
        Migration(name: "008-council-framework", apply: Schema008.apply),
        Migration(name: "009-budget", apply: Schema009.apply),
        Migration(name: "010-benchmark-key-order", apply: Schema010.apply),
        Migration(name: "011-content-version", apply: Schema011.apply),
        Migration(name: "012-plan-item-indexes", apply: Schema012.apply),
        Migration(name: "013-indicator-ref-index", apply: Schema013.apply),
        Migration(name: "014-commentary-from-draft", apply: Schema014.apply),
        Migration(name: "015-calendar-feeds", apply: Schema015.apply),
        Migration(name: "016-quarterly-profiles", apply: Schema016.apply),
        Migration(name: "017-security-log", apply: Schema017.apply),
        Migration(name: "018-mail", apply: Schema018.apply),
    ]

    /// The newest migration's name: the database schema this release builds and reads.
    public static var schema: String { all.last?.name ?? "none" }

    /// Applies the first `count` migrations (all of them when nil) that are not yet applied. A
    /// restore stops at the backup's schema, loads its rows, then applies the rest.
    ///
    /// Several servers may start at once on one empty database: each step first takes the
    /// migration lock (on PostgreSQL an advisory lock held to the transaction's end; SQLite's
    /// write transactions are exclusive already), so each migration is applied exactly once and
    /// the others find it recorded.
    func migrate(upTo count: Int? = nil) async throws {
        try await database.transaction { db in
            try await Self.lock(db)
            try await db.create(table: "schema_migrations").ifNotExists()
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("applied_at", type: .text, .notNull)
                .run()
        }
        for migration in Self.all.prefix(count ?? Self.all.count) {
            try await database.transaction { db in
                try await Self.lock(db)
                let done = try await db.select().column("name").from("schema_migrations")
                    .where("name", .equal, migration.name).first()
                guard done == nil else { return }
                try await migration.apply(db)
                try await db.insert(into: "schema_migrations")
                    .columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(ISO8601DateFormatter().string(from: Date())))
                    .run()
            }
        }
    }

    /// Any number that no other advisory lock of serviceplan uses: "SPMIGRAT" in ASCII.
    static let lockKey: Int64 = 0x5350_4D49_4752_4154

    /// Waits for the migration lock, held until the caller's transaction ends (PostgreSQL only).
    static func lock(_ db: any SQLDatabase) async throws {
        guard db.dialect.name == "postgresql" else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(\(bind: lockKey))").run()
    }

    /// Names of the migrations the database has recorded, in the order applied.
    static func applied(in database: any Database) async throws -> [String] {
        try await database.read { db in
            try await db.select().column("name").from("schema_migrations").orderBy("name").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
    }
}
