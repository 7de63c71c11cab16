import Foundation
import ServicePlanDomain
import SQLKit

/// How far an import of a national dataset has got, for a progress line.
public struct BenchmarkImportProgress: Sendable {
    public enum Stage: Sendable {
        /// Reading, checking and loading rows.
        case reading
        /// Every row is loaded: checking for repeats and storing the values.
        case storing
    }

    public let stage: Stage
    public let bytesRead: Int
    public let totalBytes: Int
    public let rowsChecked: Int
    public let rowsWritten: Int
    public let badRows: Int
    public let elapsed: Duration
}

/// What an import stored.
public struct BenchmarkImportSummary: Sendable, Equatable {
    public let rows: Int
    public let authorities: Int
    public let indicators: Int
}

/// Imports a national dataset file as a stream, in memory that does not grow with the file:
/// the file is read a megabyte at a time, each row is checked as it is read and, while no row
/// has been bad, loaded into a temporary table inside the import's one transaction (COPY on
/// PostgreSQL). Repeats are then found by the database, not in a set of every key, and the
/// values are stored in one statement. Any bad row rolls everything back, so nothing of a bad
/// file is ever visible; every bad row is still reported, up to a thousand.
struct BenchmarkFileImport {
    let database: any Database
    let path: String
    let name: String
    let units: [String: IndicatorUnit]
    let progress: (@Sendable (BenchmarkImportProgress) -> Void)?

    static let chunkBytes = 1 << 20
    static let table = "benchmark_import_rows"
    static let columns = ["authority_code", "authority_name", "indicator_ref", "year", "value", "line"]

    func run() async throws -> BenchmarkImportSummary {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw BenchmarkFileError(file: name, problems: [(0, "cannot be read")])
        }
        defer { try? file.close() }
        let totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let (name, units, progress) = (name, units, progress)
        let clock = ContinuousClock(), started = clock.now
        return try await database.bulkTransaction { db, loader in
            try await Self.createTable(db)
            var counts = Counts()
            try await loader.load(into: Self.table, columns: Self.columns) { sink in
                var reader = CSVRecordReader()
                var checker = BenchmarkRowChecker(units: units)
                var good: [BenchmarkRow] = []
                var lastReport = clock.now
                while true {
                    let chunk = try file.read(upToCount: Self.chunkBytes) ?? Data()
                    counts.bytes += chunk.count
                    let take = { (record: CSVRecordReader.Record) in
                        counts.checked += 1
                        switch checker.check(record) {
                        case .skip: counts.checked -= 1
                        case .row(let row): good.append(row)
                        case .problem(let message): counts.problem(record.line, message)
                        }
                    }
                    if chunk.isEmpty {
                        reader.finish(take)
                    } else {
                        chunk.withUnsafeBytes { reader.read($0.bindMemory(to: UInt8.self), take) }
                    }
                    // Good rows are loaded even after a bad one, so that repeats among them are
                    // reported with the bad rows; a bad row means the transaction is rolled back.
                    for row in good {
                        try await sink.append([.text(row.authorityCode), .text(row.authorityName), .text(row.indicatorRef),
                                               .integer(row.year.startYear), row.value.map(BulkValue.real) ?? .null, .integer(row.line)])
                        counts.note(row)
                    }
                    good.removeAll(keepingCapacity: true)
                    if let progress, clock.now - lastReport > .milliseconds(250) || chunk.isEmpty {
                        lastReport = clock.now
                        progress(counts.report(.reading, total: totalBytes, elapsed: clock.now - started))
                    }
                    if chunk.isEmpty { break }
                }
                if let problem = checker.finish() { counts.problem(problem.line, problem.message) }
            }
            progress?(counts.report(.storing, total: totalBytes, elapsed: clock.now - started))
            let repeats = try await Self.repeats(db)
            guard counts.problems.isEmpty, repeats.total == 0 else {
                let all = (counts.problems + repeats.kept).sorted { $0.line < $1.line }
                let kept = Array(all.prefix(BenchmarkFileError.keptProblems))
                throw BenchmarkFileError(file: name, problems: kept,
                                         more: counts.problems.count + counts.more + repeats.total - kept.count)
            }
            let (authorities, indicators) = try await counts.distinct(db)
            try await Self.store(db)
            try await db.insert(into: "benchmark_imports").columns("at", "rows")
                .values(SQLBind(Timestamp.string(Date())), SQLBind(counts.written)).run()
            try await db.raw("DROP TABLE \(ident: Self.table)").run()
            try await ContentVersion.advance(in: db)
            return BenchmarkImportSummary(rows: counts.written, authorities: authorities, indicators: indicators)
        }
    }

    /// The rows as read, with their lines, and nothing else: no key or index to maintain while
    /// loading. Temporary, so no other connection sees it.
    static func createTable(_ db: any SQLDatabase) async throws {
        let postgres = db.dialect.name == "postgresql"
        try await db.raw("DROP TABLE IF EXISTS \(unsafeRaw: postgres ? "" : "temp.")\(ident: table)").run()
        try await db.raw("""
            CREATE TEMPORARY TABLE \(ident: table) (authority_code TEXT NOT NULL, authority_name TEXT NOT NULL, \
            indicator_ref TEXT NOT NULL, year INTEGER NOT NULL, value \(unsafeRaw: postgres ? "DOUBLE PRECISION" : "REAL"), \
            line BIGINT NOT NULL)\(unsafeRaw: postgres ? " ON COMMIT DROP" : "")
            """).run()
    }

    /// The rows that give an authority's value for an indicator and year a second time: the
    /// first `keptProblems`, each naming the line it repeats, and how many there are in all.
    static func repeats(_ db: any SQLDatabase) async throws -> (kept: [(line: Int, message: String)], total: Int) {
        let any = try await db.raw("""
            SELECT 1 AS found FROM \(ident: table) GROUP BY authority_code, indicator_ref, year HAVING COUNT(*) > 1 LIMIT 1
            """).first()
        guard any != nil else { return ([], 0) }
        let repeated: SQLQueryString = """
            (SELECT line, authority_code, indicator_ref, year,
                    MIN(line) OVER (PARTITION BY authority_code, indicator_ref, year) AS first
             FROM \(ident: table)) r WHERE line <> first
            """
        let total = try await db.raw("SELECT COUNT(*) AS n FROM \(repeated)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            SELECT line, first, authority_code, indicator_ref, year FROM \(repeated)
            ORDER BY line LIMIT \(unsafeRaw: String(BenchmarkFileError.keptProblems))
            """).all()
        var kept: [(line: Int, message: String)] = []
        for row in rows {
            let year = FinancialYear(startYear: try row.decode(column: "year", as: Int.self))
            kept.append((try row.decode(column: "line", as: Int.self),
                         "repeats \(try row.decode(column: "authority_code", as: String.self)) \(try row.decode(column: "indicator_ref", as: String.self)) \(year.label), given on line \(try row.decode(column: "first", as: Int.self))"))
        }
        return (kept, total)
    }

    /// Every loaded row into `benchmark_values` in one statement; a value already stored for the
    /// same authority, indicator and year is replaced. In key order, so that the table's index
    /// grows at one end instead of at random pages (on SQLite, 2.7 s instead of 5.2 s to replace
    /// 700,000 values). A value that has not changed is left alone: a yearly re-publication
    /// revises a few values, and PostgreSQL writes a new row version for every update.
    static func store(_ db: any SQLDatabase) async throws {
        // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
        try await db.raw("""
            INSERT INTO benchmark_values (authority_code, authority_name, indicator_ref, year, value)
            SELECT authority_code, authority_name, indicator_ref, year, value FROM \(ident: table) WHERE true
            ORDER BY indicator_ref, year, authority_code
            ON CONFLICT (authority_code, indicator_ref, year)
            DO UPDATE SET value = excluded.value, authority_name = excluded.authority_name
            WHERE benchmark_values.value IS DISTINCT FROM excluded.value OR benchmark_values.authority_name <> excluded.authority_name
            """).run()
    }

    /// Running totals, kept small: at most `keptProblems` problems, and the distinct authorities
    /// and indicators only while there are few (a national file has hundreds of each); past
    /// `distinctKept` the database counts them instead.
    struct Counts {
        var bytes = 0, checked = 0, written = 0, more = 0
        var problems: [(line: Int, message: String)] = []
        var authorities = Set<String>(), indicators = Set<String>()
        var tooManyToKeep = false
        static let distinctKept = 10_000

        mutating func problem(_ line: Int, _ message: String) {
            if problems.count < BenchmarkFileError.keptProblems { problems.append((line, message)) } else { more += 1 }
        }

        mutating func note(_ row: BenchmarkRow) {
            written += 1
            guard !tooManyToKeep else { return }
            authorities.insert(row.authorityCode)
            indicators.insert(row.indicatorRef)
            if authorities.count + indicators.count > Self.distinctKept {
                (tooManyToKeep, authorities, indicators) = (true, [], [])
            }
        }

        /// How many distinct authorities and indicators were loaded.
        func distinct(_ db: any SQLDatabase) async throws -> (authorities: Int, indicators: Int) {
            guard tooManyToKeep else { return (authorities.count, indicators.count) }
            let row = try await db.raw("""
                SELECT COUNT(DISTINCT authority_code) AS a, COUNT(DISTINCT indicator_ref) AS i FROM \(ident: BenchmarkFileImport.table)
                """).first()
            return (try row?.decode(column: "a", as: Int.self) ?? 0, try row?.decode(column: "i", as: Int.self) ?? 0)
        }

        func report(_ stage: BenchmarkImportProgress.Stage, total: Int, elapsed: Duration) -> BenchmarkImportProgress {
            BenchmarkImportProgress(stage: stage, bytesRead: bytes, totalBytes: total, rowsChecked: checked, rowsWritten: written,
                                    badRows: problems.count + more, elapsed: elapsed)
        }

        func error(file: String) -> BenchmarkFileError {
            BenchmarkFileError(file: file, problems: problems, more: more)
        }
    }
}
