import Foundation
import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import ServiceLifecycle
import SQLKit

/// PostgreSQL for several server instances sharing one database, through postgres-nio's pooled
/// `PostgresClient`. For a command the client's `run()` loop lives in a task owned by this
/// value (`connect`); for `serve` it is a service of the server's service group (`prepare`).
public final class PostgresDatabase: Database {
    private let client: PostgresClient
    private let runner: Task<Void, Never>?
    private let logger: Logger
    /// The database named in the URL.
    public let databaseName: String?

    public var engineName: String { "postgresql" }

    private init(client: PostgresClient, runner: Task<Void, Never>?, logger: Logger, databaseName: String?) {
        self.client = client
        self.runner = runner
        self.logger = logger
        self.databaseName = databaseName
    }

    /// Connects to `postgres://user:password@host:port/database[?sslmode=disable|prefer|require]`.
    /// Without `sslmode`, TLS is used when the server offers it.
    public static func connect(url: String, logger: Logger) async throws -> PostgresDatabase {
        let configuration = try Self.configuration(url: url)
        try await probe(configuration, url: url, logger: logger)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        // The client's run loop must be going before the first connection is leased: wait until
        // its task has started (a lease made before run() is left waiting on it; a test run once
        // hung with every task suspended and no connection open).
        let (started, signal) = AsyncStream<Void>.makeStream()
        let runner = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        await Task.yield()
        let database = PostgresDatabase(client: client, runner: runner, logger: logger, databaseName: configuration.database)
        do {
            // Fail now, with the server's message, rather than on the first page view.
            _ = try await database.read { db in try await db.raw("SELECT 1 AS one").all() }
        } catch {
            await database.close()
            throw DatabaseOpenError(message: "cannot connect to PostgreSQL at \(Self.redacted(url)): "
                                    + (DatabaseErrorMessage.forOperator(error) ?? String(describing: error)))
        }
        return database
    }

    /// For `serve`: the database, not yet migrated, over a client whose run loop is the returned
    /// service, to be run first in the server's service group. The group starts it before the
    /// server and, on SIGTERM, stops it only after the server has finished its requests in
    /// flight. Queries wait for `PostgresClientService.running()`. The URL and the server are
    /// checked now (a plain connection), so a wrong one fails at once with the server's message.
    public static func prepare(url: String, logger: Logger) async throws -> (PostgresDatabase, PostgresClientService) {
        let configuration = try Self.configuration(url: url)
        try await probe(configuration, url: url, logger: logger)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return (PostgresDatabase(client: client, runner: nil, logger: logger, databaseName: configuration.database),
                PostgresClientService(client: client))
    }

    /// One plain connection before the pool: the pool retries a connection that fails for about
    /// a minute and then reports only that its "circuit breaker tripped", hiding the cause (no
    /// such database, a wrong password, nothing listening). This fails at once, with the cause.
    static func probe(_ configuration: PostgresClient.Configuration, url: String, logger: Logger) async throws {
        do {
            let tls: PostgresConnection.Configuration.TLS
            switch Self.sslMode(url) {
            case "disable": tls = .disable
            case "require", "verify-ca", "verify-full": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            let connection = try await PostgresConnection.connect(
                configuration: .init(host: configuration.host ?? "localhost", port: configuration.port ?? 5432, username: configuration.username,
                                     password: configuration.password, database: configuration.database, tls: tls),
                id: 0, logger: logger)
            try? await connection.close()
        } catch {
            throw DatabaseOpenError(message: "cannot connect to PostgreSQL at \(Self.redacted(url)): "
                                    + (DatabaseErrorMessage.forOperator(error) ?? String(describing: error)))
        }
    }

    static func configuration(url text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), let scheme = url.scheme,
              ["postgres", "postgresql"].contains(scheme), let host = url.host, !host.isEmpty else {
            throw DatabaseOpenError(message: "\(Self.redacted(text)) is not a PostgreSQL URL (postgres://user:password@host:port/database)")
        }
        let sslMode = Self.sslMode(text)
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: throw DatabaseOpenError(message: "sslmode \(sslMode) is not one of disable, prefer, require")
        }
        if let port = url.port, !(1...65_535).contains(port) {
            throw DatabaseOpenError(message: "\(Self.redacted(text)): the port \(port) is not a TCP port (1 to 65535)")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        return PostgresClient.Configuration(
            host: host, port: url.port ?? 5432,
            username: url.user ?? "postgres", password: url.password,
            database: database.isEmpty ? nil : database, tls: tls)
    }

    /// The URL's `sslmode`; `prefer` when it gives none.
    static func sslMode(_ text: String) -> String {
        URLComponents(string: text)?.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
    }

    /// The URL without its password, for messages.
    static func redacted(_ text: String) -> String {
        if var url = URLComponents(string: text), url.host != nil {
            guard url.password != nil else { return text }
            url.password = "***"
            return url.string ?? text
        }
        // A URL that does not parse may still hold a password: everything between the first
        // ":" after the scheme and the last "@" is hidden, so none of it can be shown.
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://").map(\.upperBound) ?? text.startIndex
        guard start < at, let colon = text[start..<at].firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }

    /// A read runs in a REPEATABLE READ, READ ONLY transaction: a page built from several queries
    /// sees one snapshot, never half of a concurrent import.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await DatabaseMetrics.inProgress(engineName, "read") { try await readNow(body) }
    }

    private func readNow<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let db = connection.sql()
            try await db.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func readStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await DatabaseMetrics.inProgress(engineName, "read") {
            try await client.withConnection { connection in try await body(connection.sql()) }
        }
    }

    /// Runs `body` outside any transaction, for statements PostgreSQL refuses inside one
    /// (CREATE DATABASE, DROP DATABASE).
    public func outsideTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection.sql()) }
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(on: { connection in try await body(connection.sql()) })
    }

    private func transaction<T: Sendable>(on body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await DatabaseMetrics.inProgress(engineName, "transaction") { try await transactionNow(on: body) }
    }

    private func transactionNow<T: Sendable>(on body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(connection)
            }
        } catch let error as PostgresTransactionError {
            // postgres-nio wraps whatever the body threw; callers handle their own errors
            // (a stale edit, a locked return) the same on every engine, so unwrap it.
            if let inner = error.closureError ?? error.beginError ?? error.commitError { throw inner }
            throw error
        }
    }

    public func exclusively<T: Sendable>(key: Int64, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        // The lock is held by one pooled connection for the whole of `body`, which uses others;
        // should that connection drop, the server releases the lock with it.
        try await client.withConnection { connection in
            let db = connection.sql()
            try await db.raw("SELECT pg_advisory_lock(\(bind: key))").run()
            do {
                let result = try await body()
                // The work is done: a failed unlock must not fail it (a dropped connection
                // releases the lock anyway).
                _ = try? await db.raw("SELECT pg_advisory_unlock(\(bind: key))").run()
                return result
            } catch {
                try? await db.raw("SELECT pg_advisory_unlock(\(bind: key))").run()
                throw error
            }
        }
    }

    /// A transaction whose bulk loads use `COPY … FROM STDIN` on its own connection.
    func copyTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase, any BulkLoading) async throws -> T) async throws -> T {
        let logger = logger
        return try await transaction(on: { connection in
            try await body(connection.sql(), PostgresCopyLoading(connection: connection, logger: logger))
        })
    }

    /// Ends the client's run loop when this value owns it; a `prepare`d client ends with its
    /// service group.
    public func close() async {
        guard let runner else { return }
        runner.cancel()
        _ = await runner.value
    }
}

/// A `PostgresClient`'s run loop as a service (swift-service-lifecycle), and a way to wait until
/// it runs: a connection leased before `run()` is called waits on it, and postgres-nio warns.
public struct PostgresClientService: Service {
    private let client: PostgresClient
    private let started: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    init(client: PostgresClient) {
        self.client = client
        (started, signal) = AsyncStream<Void>.makeStream()
    }

    public func run() async throws {
        signal.finish()
        await client.run()
    }

    /// Returns once `run()` has begun. One caller only (the server's prelude).
    public func running() async {
        for await _ in started {}
        await Task.yield()
    }
}

/// The database could not be opened; the message says why in a user's terms.
public struct DatabaseOpenError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Bulk loads over `COPY … FROM STDIN` in PostgreSQL's text format, a megabyte at a time.
struct PostgresCopyLoading: BulkLoading {
    let connection: PostgresConnection
    let logger: Logger

    func load(into table: String, columns: [String], _ produce: (any BulkSink) async throws -> Void) async throws {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            let sink = Sink(writer: writer)
            try await produce(sink)
            try await sink.flush()
        }
    }

    final class Sink: BulkSink {
        let writer: PostgresCopyFromWriter
        var buffer = ByteBuffer()
        static let flushBytes = 1 << 20

        init(writer: PostgresCopyFromWriter) {
            self.writer = writer
            buffer.reserveCapacity(Self.flushBytes + 4096)
        }

        func append(_ row: [BulkValue]) async throws {
            for (index, value) in row.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                switch value {
                case .text(let text): Self.writeEscaped(text, to: &buffer)
                case .integer(let number): buffer.writeString(String(number))
                // Swift's shortest round-trip form, which PostgreSQL reads back to the same double.
                case .real(let number): buffer.writeString(number.description)
                case .null: buffer.writeString("\\N")
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
            if buffer.readableBytes >= Self.flushBytes { try await flush() }
        }

        func flush() async throws {
            guard buffer.readableBytes > 0 else { return }
            try await writer.write(buffer)
            buffer.clear()
        }

        /// COPY's text format: a backslash, tab, newline or carriage return in a value is written
        /// as its backslash escape; everything else as it is.
        static func writeEscaped(_ text: String, to buffer: inout ByteBuffer) {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }
}
