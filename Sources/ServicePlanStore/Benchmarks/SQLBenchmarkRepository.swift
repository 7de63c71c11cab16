import Foundation
import ServicePlanDomain
import SQLKit

/// National datasets in SQL: every authority's value per indicator and year.
public struct SQLBenchmarkRepository: BenchmarkRepository {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Stores the rows in one transaction; a row for an authority, indicator and year already
    /// stored replaces its value. Returns how many rows were written.
    @discardableResult
    public func importRows(_ rows: [BenchmarkRow]) async throws -> Int {
        try await database.changingContent { db in
            try await db.insertBatches(rows.map(ValueRow.init), into: "benchmark_values", encoder: Self.encoder) {
                $0.onConflict(with: ["authority_code", "indicator_ref", "year"]) {
                    $0.set(excludedValueOf: "value").set(excludedValueOf: "authority_name")
                }
            }
            try await db.insert(into: "benchmark_imports").columns("at", "rows")
                .values(SQLBind(Timestamp.string(Date())), SQLBind(rows.count)).run()
            return rows.count
        }
    }

    public func importFile(at path: String, name: String, units: [String: IndicatorUnit],
                           progress: (@Sendable (BenchmarkImportProgress) -> Void)?) async throws -> BenchmarkImportSummary {
        try await BenchmarkFileImport(database: database, path: path, name: name, units: units, progress: progress).run()
    }

    /// Column names are spelt out in `ValueRow.CodingKeys`: converting 3.5 million keys to snake
    /// case was most of a 700,000-row import's time.
    static let encoder = SQLQueryEncoder(nilEncodingStrategy: .asNil)

    /// One row of `benchmark_values`; a value the dataset leaves blank is stored as NULL.
    struct ValueRow: Encodable {
        let authorityCode: String
        let authorityName: String
        let indicatorRef: String
        let year: Int
        let value: Double?

        enum CodingKeys: String, CodingKey {
            case authorityCode = "authority_code", authorityName = "authority_name", indicatorRef = "indicator_ref", year, value
        }

        init(_ row: BenchmarkRow) {
            (authorityCode, authorityName, indicatorRef, year, value) = (row.authorityCode, row.authorityName, row.indicatorRef,
                                                                         row.year.startYear, row.value)
        }
    }

    /// The published values (not the unpublished ones) for an indicator and year.
    public func values(indicator ref: String, year: FinancialYear) async throws -> [BenchmarkValue] {
        try await database.read { db in
            try await db.select().columns("authority_code", "authority_name", "value").from("benchmark_values")
                .where("indicator_ref", .equal, ref).where("year", .equal, year.startYear).where("value", .isNot, SQLLiteral.null)
                .orderBy("authority_code")
                .all().map { row in
                    BenchmarkValue(authorityCode: try row.decode(column: "authority_code", as: String.self),
                          authorityName: try row.decode(column: "authority_name", as: String.self),
                          value: try row.decode(column: "value", as: Double.self))
                }
        }
    }

    /// The years that have any published value for an indicator, oldest first.
    public func years(indicator ref: String) async throws -> [FinancialYear] {
        try await database.read { db in
            try await db.select().distinct().column("year").from("benchmark_values")
                .where("indicator_ref", .equal, ref).where("value", .isNot, SQLLiteral.null).orderBy("year")
                .all().map { FinancialYear(startYear: try $0.decode(column: "year", as: Int.self)) }
        }
    }

    public func count() async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("benchmark_values")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}

/// One indicator's benchmark for a year, and where a council stands in it.
public struct BenchmarkResult: Sendable, Codable, Equatable {
    public struct QuartileValues: Sendable, Codable, Equatable {
        public let lower: Double
        public let median: Double
        public let upper: Double

        public init(lower: Double, median: Double, upper: Double) {
            self.lower = lower
            self.median = median
            self.upper = upper
        }
    }

    public struct CouncilPosition: Sendable, Codable, Equatable {
        public let code: String
        public let value: Double
        public let rank: Int
        public let quartile: String

        public init(code: String, value: Double, rank: Int, quartile: String) {
            self.code = code
            self.value = value
            self.rank = rank
            self.quartile = quartile
        }
    }

    public struct GroupPosition: Sendable, Codable, Equatable {
        public let authorities: [String]
        public let count: Int
        public let median: Double?
        public let rank: Int?
    }

    public let indicator: String
    public let year: String
    public let polarity: String
    public let count: Int
    public let quartiles: QuartileValues
    public let council: CouncilPosition?
    public let neighbours: GroupPosition?

    /// Nil when no authority has a published value.
    public init?(indicator: Indicator?, ref: String, year: FinancialYear, values: [BenchmarkValue], council: Council?) {
        guard let distribution = Benchmarking.Distribution(values.map(\.value)) else { return nil }
        let polarity = indicator?.polarity ?? .higherIsBetter
        self.indicator = ref
        self.year = year.label
        self.polarity = polarity.rawValue
        count = distribution.count
        quartiles = QuartileValues(lower: distribution.lower, median: distribution.median, upper: distribution.upper)
        let all = values.map(\.value)
        if let code = council?.authorityCode, let own = values.first(where: { $0.authorityCode == code }) {
            self.council = CouncilPosition(code: code, value: own.value, rank: Benchmarking.rank(of: own.value, among: all, polarity: polarity),
                                           quartile: distribution.position(of: own.value, polarity: polarity).rawValue)
        } else {
            self.council = nil
        }
        if let council, !council.neighbours.isEmpty {
            let codes = Set(council.neighbours + (council.authorityCode.map { [$0] } ?? []))
            let group = values.filter { codes.contains($0.authorityCode) }.map(\.value)
            neighbours = GroupPosition(authorities: council.neighbours, count: group.count,
                                       median: Benchmarking.quantile(group.sorted(), 0.5),
                                       rank: self.council.map { Benchmarking.rank(of: $0.value, among: group, polarity: polarity) })
        } else {
            neighbours = nil
        }
    }
}
