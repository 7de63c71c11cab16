import ArgumentParser
import Logging
import ServicePlanDomain
import ServicePlanStore

/// Where every command finds the database: an SQLite file by default, or PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("SQLite database file.", valueName: "path"))
    var sqlitePath: String?

    @Option(name: .customLong("database-url"),
            help: ArgumentHelp("PostgreSQL URL (postgres://user:password@host:port/database) instead of SQLite.", valueName: "url"))
    var databaseURL: String?

    func validate() throws {
        if sqlitePath != nil && databaseURL != nil {
            throw ValidationError("Give either --db or --database-url, not both.")
        }
    }

    var location: DatabaseLocation {
        if let databaseURL { return .postgres(url: databaseURL) }
        return .sqlite(path: sqlitePath ?? DatabaseLocation.defaultSQLitePath)
    }

    private func open(logger: Logger) async throws -> any Database {
        try await location.open(logger: logger)
    }

    /// Opens the database, runs `body` with its stores, and closes it on every path. A broken
    /// rule (`RuleViolation`) is printed as the command's error.
    func withStores<T>(logger: Logger = .quiet, bcryptCost: UInt8 = 12, _ body: (Stores) async throws -> T) async throws -> T {
        let db = try await open(logger: logger)
        do {
            let result = try await body(Stores(database: db, bcryptCost: bcryptCost))
            await db.close()
            return result
        } catch let error as RuleViolation {
            await db.close()
            printError("error: \(error)")
            throw ExitCode.failure
        } catch {
            await db.close()
            throw error
        }
    }
}

/// Writes to standard error, where command-line errors belong.
func printError(_ message: String) {
    var stderr = StandardError()
    print(message, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleOutput.writeToStandardError(string)
    }
}
