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
            for quarterly in try await SQLReturnRepository.load(code, quarter: nil, db) {
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
}
