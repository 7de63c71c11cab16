import ServicePlanStore

/// What `serviceplan --version` prints: the release, and the database schema it builds and
/// reads (the newest migration), which is what decides whether a backup restores here.
enum ServicePlanRelease {
    /// Raised with each release that changes a contract or the schema.
    static let version = "0.24.0"

    static var description: String { "serviceplan \(version) (database schema \(Migrator.schema))" }
}
