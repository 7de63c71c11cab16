import PostgresNIO

/// What an operator needs to read when the database refuses: PostgresNIO's errors describe
/// themselves as "PSQLError – Generic description to prevent accidental leakage of sensitive
/// data" (so a message shown to a web user never carries SQL); its `debugDescription` holds the
/// server's own message and SQLSTATE. The command line and the server's log show this one.
public enum DatabaseErrorMessage {
    /// The detailed text for an operator, or nil when `error` is not a PostgreSQL error.
    public static func forOperator(_ error: any Error) -> String? {
        guard let error = error as? PSQLError else { return nil }
        return String(reflecting: error)
    }
}
