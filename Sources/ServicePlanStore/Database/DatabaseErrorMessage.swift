import PostgresNIO
import SQLiteKit

/// What an operator needs to read when the database refuses, in words: PostgresNIO's errors
/// describe themselves as "PSQLError – Generic description to prevent accidental leakage of
/// sensitive data" (so a message shown to a web user never carries SQL) and their
/// `debugDescription` is a dump of the driver's internals; SQLiteNIO's read `cantOpen: …`. The
/// command line and the server's log show this text instead.
public enum DatabaseErrorMessage {
    /// The text for an operator, or nil when `error` is not a database driver's error.
    public static func forOperator(_ error: any Error) -> String? {
        switch error {
        case let error as PSQLError: return postgres(error)
        case let error as SQLiteError: return sqlite(error)
        default: return nil
        }
    }

    /// The server's own message with its SQLSTATE (`relation "x" does not exist (SQLSTATE
    /// 42P01)`), or what failed on the way to it.
    static func postgres(_ error: PSQLError) -> String {
        if let info = error.serverInfo, let message = info[.message] {
            var text = "the PostgreSQL server said: \(message)"
            if let state = info[.sqlState] { text += " (SQLSTATE \(state))" }
            if let detail = info[.detail] { text += ". \(detail)" }
            if let hint = info[.hint] { text += ". Hint: \(hint)" }
            return text
        }
        let cause = error.underlying.map { ": " + plain($0) } ?? ""
        switch error.code {
        case .connectionError: return "cannot reach the PostgreSQL server\(cause)"
        case .sslUnsupported: return "the PostgreSQL server does not offer TLS (add ?sslmode=disable for a local server)"
        case .serverClosedConnection, .uncleanShutdown: return "the PostgreSQL server closed the connection\(cause)"
        case .authMechanismRequiresPassword: return "the PostgreSQL server asks for a password: put one in the URL"
        case .unsupportedAuthMechanism: return "the PostgreSQL server asks for a sign-in method serviceplan does not support\(cause)"
        case .poolClosed, .clientClosedConnection: return "the connection to PostgreSQL was closed while serviceplan stopped"
        case .queryCancelled: return "the PostgreSQL statement was cancelled"
        default: return "PostgreSQL failed (\(error.code))\(cause)"
        }
    }

    /// SQLite's own message and what it means for the file.
    static func sqlite(_ error: SQLiteError) -> String {
        switch error.reason {
        case .cantOpen, .cantOpenDirectory, .cantOpenInvalidPath, .cantOpenUnfollowedSymlink: return "SQLite cannot open the file (\(error.message)): check that its folder exists and is writable"
        case .readOnly: return "SQLite cannot write the file (\(error.message)): it or its folder is read-only"
        case .full: return "SQLite found the disk full (\(error.message)); nothing was written"
        case .corrupt, .corruptIndex, .notADatabase: return "the file is not an intact SQLite database (\(error.message))"
        case .permission: return "SQLite was refused access to the file (\(error.message))"
        default: return "SQLite failed: \(error.message)"
        }
    }

    /// Any other error's own words, without a type's dump where one would appear.
    static func plain(_ error: any Error) -> String {
        // NIO's connection errors describe themselves as internal dumps
        // (`SingleConnectionFailure(target: …, error: …)`): the operator needs the cause.
        let text = String(describing: error)
        if text.contains("Connection refused") { return "connection refused (is PostgreSQL running, and listening on that host and port?)" }
        if text.contains("UnknownHost") { return "the host name is not known" }
        if text.contains("Connection timed out") || text.contains("connectTimeout") { return "the connection timed out" }
        if text.contains("Network is unreachable") { return "the network is unreachable" }
        return text
    }
}
