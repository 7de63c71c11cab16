import SQLKit

/// An open database, SQLite or PostgreSQL. Everything above it codes against `any SQLDatabase`
/// handed out here; this protocol only decides how connections and transactions are shared.
public protocol Database: Sendable {
    /// `sqlite` or `postgresql`, for messages and health checks.
    var engineName: String { get }

    /// Runs `body` on a consistent snapshot for reading.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Closes connections. The value must not be used afterwards.
    func close() async
}
