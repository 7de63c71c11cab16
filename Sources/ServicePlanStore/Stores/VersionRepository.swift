/// The versions a cached page must match: the latest audit record of the plan or of any other
/// plan of its council (a report reads the department's previous plan too), and the national
/// data's latest import. Every change to a plan or its returns appends to the audit trail in the
/// same transaction, so these move whenever a report could differ.
public protocol VersionRepository: Sendable {
    func versions(plan code: String) async throws -> DataVersions

    /// Moves with every committed change to a plan, council, return or the national data
    /// (`ContentVersion`): what a cached page of any kind must match.
    func contentVersion() async throws -> Int64
}

/// See `VersionRepository`.
public struct DataVersions: Sendable, Hashable {
    public let plan: Int64
    public let benchmarks: Int64
    /// How many audit records and imports there are: see `AuditLog.versions`.
    public let planRecords: Int64
    public let benchmarkImports: Int64

    public init(plan: Int64, benchmarks: Int64, planRecords: Int64 = 0, benchmarkImports: Int64 = 0) {
        self.plan = plan
        self.benchmarks = benchmarks
        self.planRecords = planRecords
        self.benchmarkImports = benchmarkImports
    }
}

/// Whether the database answers: for `/healthz` and load balancers.
public protocol HealthCheck: Sendable {
    /// `sqlite` or `postgresql`.
    var engineName: String { get }
    /// Throws when the database does not answer a trivial query.
    func check() async throws
    /// The migrations this release knows that the database has not recorded: empty when the
    /// schema is this release's or newer (a newer release may have migrated it while this one
    /// still serves, as in a rolling upgrade).
    func missingMigrations() async throws -> [String]
}

/// Whether the audit trail is as serviceplan wrote it (`AuditChain`).
public protocol AuditRepository: Sendable {
    /// Every plan's chain, or one plan's, with the first record that breaks it.
    func verify(plan code: String?) async throws -> [AuditChain.Report]
}

/// Serialises a server's first-start steps (loading the bundled plan, creating the first admin)
/// against every other server starting on the same database, so that two servers started at
/// once do not both find the database empty and both fill it.
public protocol StartupLock: Sendable {
    func whileStarting<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T
}
