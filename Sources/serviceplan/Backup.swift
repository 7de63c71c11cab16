import ArgumentParser
import Foundation
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan backup FILE`: a consistent snapshot of every table, safe while `serve` runs.
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Write every plan, return, account, benchmark and audit record to FILE, as one consistent snapshot (safe while the server runs). Restore it on either engine with `serviceplan restore`.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("serviceplan: the backup format, JSON Lines with a checksum (the default); sqlite: an ordinary SQLite database any SQLite tool opens. `restore` takes either.", valueName: "format"))
        var format: BackupFileFormat = .serviceplan
        @Argument(help: ArgumentHelp("The backup file to write (replaced if it exists, only once complete).", valueName: "file"))
        var file: String

        func run() async throws {
            let summary = try await refusingBadFiles {
                try await DatabaseBackup.write(from: database.location, to: file, format: format, logger: .quiet)
            }
            print("Backed up \(summary.tables) tables, \(summary.rows) rows from \(summary.engine) (schema \(summary.migrations.last ?? "none")) to \(file)")
        }
    }

    /// `serviceplan restore FILE`: a backup into an empty database, SQLite or PostgreSQL.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Load a backup written by `serviceplan backup` (in either format) into an empty database (--db or --database-url): the way to move from SQLite to PostgreSQL and back. Nothing is written unless all of it loads.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The backup file: a serviceplan backup, or an SQLite database written by `backup --format sqlite`.", valueName: "file"))
        var file: String

        func run() async throws {
            let summary = try await refusingBadFiles { try await DatabaseRestore.restore(from: file, into: database.location, logger: .quiet) }
            print("Restored \(summary.tables) tables, \(summary.rows) rows (backed up from \(summary.engine), schema \(summary.migrations.last ?? "none")) from \(file)")
        }
    }
}

extension BackupFileFormat: ExpressibleByArgument {}

/// A backup file or target refused: its message on standard error and exit status 1.
private func refusingBadFiles<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as BackupError {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}
