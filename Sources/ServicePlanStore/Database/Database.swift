import SQLKit

/// An open database, SQLite or PostgreSQL. Everything above it codes against `any SQLDatabase`
/// handed out here; this protocol only decides how connections and transactions are shared.
public protocol Database: Sendable {
    /// `sqlite` or `postgresql`, for messages and health checks.
    var engineName: String { get }

    /// Runs `body` on a consistent snapshot for reading.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body`, which makes one query, outside an explicit transaction: a single statement
    /// reads one snapshot by itself, and BEGIN and COMMIT would be two more round trips on the
    /// lookups every request makes (its user, the content version).
    func readStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` while holding the lock named `key` against every other server on this
    /// database, for steps that read then write outside one transaction (the first start's
    /// bundled plan and first admin). PostgreSQL holds a session advisory lock; SQLite runs
    /// `body` as it is, since one file is served by one process.
    func exclusively<T: Sendable>(key: Int64, _ body: @escaping @Sendable () async throws -> T) async throws -> T

    /// Closes connections. The value must not be used afterwards.
    func close() async
}

extension Database {
    public func exclusively<T: Sendable>(key: Int64, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await body()
    }
}
