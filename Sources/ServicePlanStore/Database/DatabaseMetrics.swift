import Metrics

/// How busy the database is, for `/metrics`: the reads and transactions in progress, waiting
/// for a connection included. On PostgreSQL, held against the pool's size, it shows when an
/// instance runs short of connections; on SQLite, how many wait for the one writer or reader.
enum DatabaseMetrics {
    static func inProgress<T>(_ engine: String, _ kind: String, _ body: () async throws -> T) async throws -> T {
        let meter = Meter(label: "serviceplan_database_operations_in_progress", dimensions: [("engine", engine), ("kind", kind)])
        meter.increment()
        defer { meter.decrement() }
        return try await body()
    }
}
