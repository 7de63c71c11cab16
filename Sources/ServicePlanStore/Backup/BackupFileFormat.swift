/// The two files `serviceplan backup` writes. `restore` tells them apart by their first bytes, so
/// it takes either without being told which.
public enum BackupFileFormat: String, CaseIterable, Sendable {
    /// `serviceplan-backup/1` (`BackupFormat`): JSON Lines ending in a checksum, the same whichever
    /// engine wrote it. The default.
    case serviceplan
    /// An ordinary SQLite database holding serviceplan's own schema (`SQLiteBackup`), for the
    /// sqlite3 shell, DB Browser or any other SQLite tool.
    case sqlite
}
