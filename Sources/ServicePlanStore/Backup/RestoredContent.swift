import ServicePlanDomain
import SQLKit

/// The rules an import applies, applied to what a backup brought: a backup is a file anyone can
/// edit (recomputing its checksum is easy), so a percentage of 1e308 or a council whose plans no
/// longer fit it is refused here, as `serviceplan import` or the API would refuse it, before the
/// restore commits.
enum RestoredContent {
    /// Throws a `BackupError` naming the backup file, the table and the item for the first broken rule.
    static func check(_ db: any SQLDatabase, file: String) async throws {
        func refuse(_ table: String, _ what: String, _ problem: any Error) -> BackupError {
            BackupError(message: "\(file): table \(table): \(what): \(problem); nothing was restored")
        }
        for code in try await db.select().column("code").from("councils").orderBy("code").all().map({ try $0.decode(column: "code", as: String.self) }) {
            guard let council = try await SQLCouncilRepository.load(code, db) else { continue }
            if let broken = council.violations().first { throw refuse("councils", "council \(code)", broken) }
        }
        var units: [String: IndicatorUnit] = [:]
        for code in try await db.select().column("code").from("plans").orderBy("code").all().map({ try $0.decode(column: "code", as: String.self) }) {
            guard let plan = try await PlanLoader(db: db, code: code).load() else { continue }
            if let broken = plan.violations().first { throw refuse("plans", "plan \(code)", broken) }
            for indicator in plan.indicators { units[indicator.ref] = units[indicator.ref] ?? indicator.unit }
            let milestoneIDs = Set(plan.objectives.flatMap { $0.milestoneYears.flatMap(\.milestones) }.compactMap(\.id))
            for quarterly in try await SQLReturnRepository.load(code, quarter: nil, db) {
                let what = "plan \(code), \(quarterly.quarter.identifier)"
                if let broken = quarterly.textViolations().first { throw refuse("quarterly_returns", what, broken) }
                // A locked return shows each line as published: every line must be an item of the plan.
                if quarterly.status.isLocked {
                    if let ref = quarterly.indicators.keys.sorted().first(where: { plan.indicator($0) == nil }) {
                        throw BackupError(message: "\(file): table return_indicators: \(what), \(ref): the plan has no such indicator, "
                                          + "but the \(quarterly.status.rawValue) return reports on it; nothing was restored")
                    }
                    if let id = quarterly.milestones.keys.sorted().first(where: { !milestoneIDs.contains($0) }) {
                        throw BackupError(message: "\(file): table return_milestones: \(what), milestone \(id): the plan has no such milestone, "
                                          + "but the \(quarterly.status.rawValue) return reports on it; nothing was restored")
                    }
                }
                for (ref, entry) in quarterly.indicators.sorted(by: { $0.key < $1.key }) {
                    guard let indicator = plan.indicator(ref) else {
                        // A renamed or deleted indicator's old lines may stay; their figures still must be figures.
                        for value in [entry.actual, entry.numerator, entry.denominator].compactMap({ $0 }) {
                            do { try Figure.checkMagnitude(value) } catch {
                                throw refuse("return_indicators", "plan \(code), \(quarterly.quarter.identifier), \(ref)", error)
                            }
                        }
                        continue
                    }
                    do { _ = try entry.checked(for: indicator) } catch {
                        throw refuse("return_indicators", "plan \(code), \(quarterly.quarter.identifier), \(ref)", error)
                    }
                }
            }
        }
        try await checkAccounts(db, refuse: refuse)
        let values = try await db.select().columns("authority_code", "indicator_ref", "year", "value").from("benchmark_values")
            .where("value", .isNot, SQLLiteral.null).all()
        for row in values {
            let value = try row.decode(column: "value", as: Double.self)
            let ref = try row.decode(column: "indicator_ref", as: String.self)
            let what = "\(try row.decode(column: "authority_code", as: String.self)), \(ref), \(try row.decode(column: "year", as: Int.self))"
            do { try Figure.checkMagnitude(value) } catch { throw refuse("benchmark_values", what, error) }
            // As `benchmark import` judges a value against the unit a stored plan gives its indicator.
            if let unit = units[ref], let problem = BenchmarkRowChecker.unitProblem(value, unit: unit, ref: ref) {
                throw BackupError(message: "\(file): table benchmark_values: \(what): \(problem); nothing was restored")
            }
        }
    }

    /// Accounts and the security log as `users add` and the log itself would have written them:
    /// one account per address (compared as sign-in compares them), names one line, security
    /// events of known kinds with no control or text-direction character to forge a line with.
    private static func checkAccounts(_ db: any SQLDatabase, refuse: (String, String, any Error) -> BackupError) async throws {
        var seen = Set<String>()
        for row in try await db.select().columns("email", "name").from("users").orderBy("id").all() {
            let email = try row.decode(column: "email", as: String.self), name = try row.decode(column: "name", as: String.self)
            do { try User.checkEmail(email) } catch { throw refuse("users", "account \(BackupLines.shown(email))", error) }
            guard email == User.normalise(email: email), seen.insert(email).inserted else {
                throw refuse("users", "account \(BackupLines.shown(email))",
                             RuleViolation(value: nil, rule: "is not an address as sign-in compares them (trimmed, lower case), or is another account's"))
            }
            if name.count > SQLAccountRepository.longestName || TextRules.violation(name, .line, required: true) != nil {
                throw refuse("users", "account \(email)", RuleViolation(value: nil, rule: "the name is not one line of at most \(SQLAccountRepository.longestName) characters"))
            }
        }
        for row in try await db.select().columns("id", "kind", "actor", "subject", "address", "detail").from("security_log").orderBy("id").all() {
            let id = try row.decode(column: "id", as: Int64.self)
            do { _ = try SecurityEvent.kind(try row.decode(column: "kind", as: String.self)) } catch {
                throw refuse("security_log", "event \(id)", error)
            }
            for column in ["actor", "subject", "address", "detail"] where !SecurityEvent.isClipped(try row.decode(column: column, as: String.self)) {
                throw refuse("security_log", "event \(id)", RuleViolation(value: nil, rule: "\(column) holds a control or text-direction character, or is too long"))
            }
        }
    }
}
