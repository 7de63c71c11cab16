import Foundation

/// Consistent snapshots of the whole database, in the engine-neutral backup format
/// (`BackupFormat`). Restoring is not here: it opens a database of its own (`DatabaseRestore`),
/// since it must build the schema only as far as the backup's.
public protocol BackupRepository: Sendable {
    /// Writes every table, as one snapshot, to the file at `path` (replaced only when complete).
    func write(to path: String, now: Date) async throws -> BackupSummary
}

/// `BackupRepository` over SQL.
public struct SQLBackupRepository: BackupRepository {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func write(to path: String, now: Date = Date()) async throws -> BackupSummary {
        try await DatabaseBackup.write(database, to: path, now: now)
    }
}
