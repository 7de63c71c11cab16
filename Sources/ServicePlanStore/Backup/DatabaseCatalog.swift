import SQLKit

/// What a backup copies: every table the migrations create, in an order in which each table comes
/// after the tables its foreign keys name (so a restore inserts parents first), and how to read a
/// table's columns from either engine. `BackupTests` fails when a migration adds a table this list
/// lacks, so a new table cannot silently fall out of backups.
enum DatabaseCatalog {
    static let tables = [
        "councils", "council_priorities", "council_areas", "council_directorates", "council_departments", "council_boards",
        "plans", "priorities", "areas_of_focus", "objectives", "objective_areas", "milestone_years", "milestones",
        "indicators", "indicator_figures", "risks", "equality_actions", "budget_lines", "budget_service_costs", "staffing",
        "users", "sessions", "api_tokens", "calendar_feeds", "password_resets", "sign_in_failures", "security_log", "mail_outbox", "audit_log",
        "quarterly_returns", "return_indicators", "return_milestones", "return_progress",
        "benchmark_values", "benchmark_imports",
    ]

    /// The bookkeeping table the migrator owns; a backup records its names in its header instead.
    static let migrationsTable = "schema_migrations"

    /// Tables that describe the database rather than hold its content: the migrations (in a
    /// backup's header) and the page cache's counter (`ContentVersion`), made afresh by a restore.
    static let bookkeepingTables = [migrationsTable, "content_version"]

    struct Column: Hashable, Sendable {
        let name: String
        let kind: BackupValue.Kind
    }

    /// The tables present in the database, whatever created them.
    static func presentTables(_ db: any SQLDatabase) async throws -> Set<String> {
        let query: SQLQueryString = db.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        return Set(try await db.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    /// A table's columns in their stored order.
    static func columns(of table: String, _ db: any SQLDatabase) async throws -> [Column] {
        let query: SQLQueryString = db.dialect.name == "sqlite"
            ? "SELECT name, type FROM pragma_table_info(\(bind: table)) ORDER BY cid"
            : """
              SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position
              """
        return try await db.raw(query).all().map { row in
            let name = try row.decode(column: "name", as: String.self), type = try row.decode(column: "type", as: String.self)
            guard let kind = BackupValue.Kind(declaredType: type) else {
                throw BackupError(message: "table \(table), column \(name): type \(type) is not one backups know (integer, real, text)")
            }
            return Column(name: name, kind: kind)
        }
    }

    /// The primary key's columns, in key order; empty when the table has none.
    static func primaryKey(of table: String, _ db: any SQLDatabase) async throws -> [String] {
        if db.dialect.name == "sqlite" {
            return try await db.raw("SELECT name FROM pragma_table_info(\(bind: table)) WHERE pk > 0 ORDER BY pk").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
        return try await db.raw("""
            SELECT a.attname::text AS name FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(\(bind: table)))::regclass AND i.indisprimary
            ORDER BY array_position(i.indkey::int2[], a.attnum)
            """).all().map { try $0.decode(column: "name", as: String.self) }
    }

    /// The last id the table's identity has handed out, which may be above the largest id still
    /// stored (ids are never reused, even after a delete); nil when it has handed out none.
    static func lastIdentity(of table: String, _ db: any SQLDatabase) async throws -> Int64? {
        if db.dialect.name == "sqlite" {
            return try await db.raw("SELECT seq FROM sqlite_sequence WHERE name = \(bind: table)").first()?
                .decode(column: "seq", as: Int64?.self)
        }
        return try await db.raw("SELECT pg_sequence_last_value(pg_get_serial_sequence(\(bind: table), 'id')::regclass) AS seq")
            .first()?.decode(column: "seq", as: Int64?.self)
    }

    /// Sets the table's identity so the next id it hands out is above `last`.
    static func setLastIdentity(of table: String, to last: Int64, _ db: any SQLDatabase) async throws {
        if db.dialect.name == "sqlite" {
            try await db.raw("DELETE FROM sqlite_sequence WHERE name = \(bind: table)").run()
            try await db.raw("INSERT INTO sqlite_sequence (name, seq) VALUES (\(bind: table), \(bind: last))").run()
        } else {
            try await db.raw("SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), \(bind: last), true)").run()
        }
    }

    /// Orders by a column the same way on both engines, so either writes the same file: bytes for
    /// text (SQLite's BINARY; PostgreSQL's "C" rather than the server's locale), NULLs first.
    static func ordering(_ column: String, kind: BackupValue.Kind, _ db: any SQLDatabase) -> any SQLExpression {
        guard db.dialect.name == "postgresql" else { return SQLIdentifier(column) }
        return kind == .text ? SQLRaw("\(quoted(column)) COLLATE \"C\" NULLS FIRST") : SQLRaw("\(quoted(column)) NULLS FIRST")
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether the table's key is a database-assigned `id`.
    static func hasIdentity(_ columns: [Column], primaryKey: [String]) -> Bool {
        primaryKey == ["id"] && columns.contains { $0.name == "id" && $0.kind == .integer }
    }
}
