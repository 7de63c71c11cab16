import ServicePlanDomain

/// What the rest of the system may ask of national benchmarking data. Implemented over SQL by
/// `SQLBenchmarkRepository`.
public protocol BenchmarkRepository: Sendable {
    /// Stores the rows in one transaction, replacing values already stored for the same
    /// authority, indicator and year. Returns how many rows were written.
    @discardableResult
    func importRows(_ rows: [BenchmarkRow]) async throws -> Int
    /// Imports the national dataset file at `path` as a stream, in memory that does not grow
    /// with the file, checking each value against `units` (by indicator ref). Throws
    /// `BenchmarkFileError`, naming `name` and each bad row's line, and writes nothing when any
    /// row is bad or repeated. `progress` is called a few times a second.
    func importFile(at path: String, name: String, units: [String: IndicatorUnit],
                    progress: (@Sendable (BenchmarkImportProgress) -> Void)?) async throws -> BenchmarkImportSummary
    /// The published values for an indicator and year.
    func values(indicator ref: String, year: FinancialYear) async throws -> [BenchmarkValue]
    /// The years that have any published value for an indicator, oldest first.
    func years(indicator ref: String) async throws -> [FinancialYear]
    /// How many values are stored.
    func count() async throws -> Int
}

/// One authority's published value for an indicator and year.
public struct BenchmarkValue: Sendable, Hashable, Codable {
    public let authorityCode: String
    public let authorityName: String
    public let value: Double

    public init(authorityCode: String, authorityName: String, value: Double) {
        self.authorityCode = authorityCode
        self.authorityName = authorityName
        self.value = value
    }
}

/// A plan whose quartiles were replaced by ones computed from national data, and where each came from.
public struct ComputedQuartiles: Sendable {
    /// One computed figure: the indicator, the year and how many authorities it rests on.
    public struct Source: Sendable, Hashable {
        public let indicator: ItemReference
        public let year: FinancialYear
        public let authorities: Int
    }

    public let plan: ServicePlan
    /// Ordered by indicator ref, then year.
    public let sources: [Source]
}

extension BenchmarkRepository {
    /// `plan` with its quartiles replaced, for each indicator and year in `years` (and every year
    /// the plan already has quartiles for) that has national data, by the quartiles computed from
    /// that data, the top quartile at the better end. With `ref`, that indicator's only.
    public func computeQuartiles(_ plan: ServicePlan, years: [FinancialYear], indicator ref: String? = nil) async throws -> ComputedQuartiles {
        var plan = plan
        var sources: [ComputedQuartiles.Source] = []
        for i in plan.indicators.indices where ref == nil || plan.indicators[i].ref == ref {
            for year in Set(years + plan.indicators[i].quartiles.keys) {
                let values = try await self.values(indicator: plan.indicators[i].ref, year: year)
                guard let distribution = Benchmarking.Distribution(values.map(\.value)) else { continue }
                plan.indicators[i].quartiles[year] = distribution.quartiles(polarity: plan.indicators[i].polarity)
                sources.append(.init(indicator: .indicator(plan: plan.code, ref: plan.indicators[i].ref), year: year,
                                     authorities: distribution.count))
            }
        }
        sources.sort { ($0.indicator.name, $0.year) < ($1.indicator.name, $1.year) }
        return ComputedQuartiles(plan: plan, sources: sources)
    }
}
