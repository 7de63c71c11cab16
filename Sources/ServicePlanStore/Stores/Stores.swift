/// Every store the application uses, built once over one database in the composition root
/// (`serviceplan serve`, the commands, the tests). Nothing above this module holds the database
/// itself: it asks these protocols.
public struct Stores: Sendable {
    public let plans: any PlanRepository
    public let returns: any ReturnRepository
    public let benchmarks: any BenchmarkRepository
    public let accounts: any AccountRepository
    public let versions: any VersionRepository
    public let health: any HealthCheck
    public let audit: any AuditRepository
    public let councils: any CouncilRepository
    public let startup: any StartupLock
    public let mail: any MailRepository

    public init(plans: any PlanRepository, returns: any ReturnRepository, benchmarks: any BenchmarkRepository,
                accounts: any AccountRepository, versions: any VersionRepository, health: any HealthCheck, audit: any AuditRepository,
                councils: any CouncilRepository, startup: any StartupLock, mail: any MailRepository) {
        self.plans = plans
        self.returns = returns
        self.benchmarks = benchmarks
        self.accounts = accounts
        self.versions = versions
        self.health = health
        self.audit = audit
        self.councils = councils
        self.startup = startup
        self.mail = mail
    }

    /// The SQL stores over one database. `bcryptCost` 12 in production; tests lower it.
    public init(database: any Database, bcryptCost: UInt8 = 12) {
        self.init(plans: SQLPlanRepository(database: database), returns: SQLReturnRepository(database: database),
                  benchmarks: SQLBenchmarkRepository(database: database),
                  accounts: SQLAccountRepository(database: database, bcryptCost: bcryptCost),
                  versions: SQLVersionRepository(database: database), health: SQLHealthCheck(database: database),
                  audit: SQLAuditRepository(database: database), councils: SQLCouncilRepository(database: database),
                  startup: SQLStartupLock(database: database), mail: SQLMailRepository(database: database))
    }
}

/// `VersionRepository` over SQL: one round trip for both versions.
public struct SQLVersionRepository: VersionRepository {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func versions(plan code: String) async throws -> DataVersions {
        try await AuditLog.versions(plan: code, in: database)
    }

    public func contentVersion() async throws -> Int64 {
        try await ContentVersion.current(in: database)
    }
}

/// `HealthCheck` over SQL: `SELECT 1`.
public struct SQLHealthCheck: HealthCheck {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public var engineName: String { database.engineName }

    public func check() async throws {
        _ = try await database.read { db in try await db.raw("SELECT 1 AS one").all() }
    }

    public func missingMigrations() async throws -> [String] {
        let applied = Set(try await Migrator.applied(in: database))
        return Migrator.all.map(\.name).filter { !applied.contains($0) }
    }
}

/// `AuditRepository` over SQL.
public struct SQLAuditRepository: AuditRepository {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func verify(plan code: String?) async throws -> [AuditChain.Report] {
        try await AuditChain.verify(plan: code, in: database)
    }
}

/// `StartupLock` over the database's own lock: PostgreSQL's advisory lock, shared by every server.
public struct SQLStartupLock: StartupLock {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// "SPSTART" in ASCII; no other lock of serviceplan uses it.
    static let key: Int64 = 0x0053_5053_5441_5254

    public func whileStarting<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await database.exclusively(key: Self.key, body)
    }
}
