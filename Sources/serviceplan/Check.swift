import ArgumentParser
import Foundation
import ServicePlanDomain
import ServicePlanStore
import ServicePlanWeb

extension ServicePlanCommand {
    /// `serviceplan check [CODE] [--period P] [--format text|json]`: data-quality findings.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check plans and their returns against the data-quality rules (docs/data-quality.md). Exits 1 when any finding is an error.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "A plan's code; all plans when left out.") var code: String?
        @Option(help: "Only findings for this quarter (and the plan itself), e.g. 2009-10-Q2.") var period: String?
        @Option(help: "text or json.") var format: Format = .text
        @Option(help: "Flag a quarter-on-quarter change larger than this fraction of the previous value.") var jumpLimit: Double = 0.5
        @Option(help: "Working days after a quarter ends by which its return is due.") var deadlineDays: Int = 15

        func validate() throws {
            if let period, Quarter(period) == nil { throw ValidationError("\(period) is not a quarter: write it like 2009-10-Q2.") }
            guard jumpLimit > 0, jumpLimit.isFinite else { throw ValidationError("--jump-limit must be above 0.") }
        }

        func run() async throws {
            let db = try await database.open(logger: .quiet)
            let plans = SQLPlanRepository(database: db), returns = ReturnRepository(database: db)
            var findings: [Finding] = []
            var codes = try await plans.summaries().map(\.code)
            if let code { codes = [code] }
            for code in codes {
                guard let plan = try await plans.plan(code: code) else {
                    await db.close()
                    printError("error: no plan with code \(code) (see `serviceplan plans`)")
                    throw ExitCode.failure
                }
                var settings = DataQualityChecker.Settings()
                settings.jumpLimit = jumpLimit
                settings.deadlines = ReturnDeadlines(workingDays: deadlineDays)
                findings += DataQualityChecker(settings: settings).check(plan: plan, returns: try await returns.returns(plan: code),
                                                       today: CalendarDate.of(Date()), period: period.flatMap(Quarter.init))
            }
            await db.close()
            switch format {
            case .json:
                FileHandleOutput.writeToStandardOutput(PlanJSON.string(findings))
            case .text:
                for f in findings {
                    print("\(f.severity)\t\(f.dimension)\t\(f.rule)\t\(f.plan)\t\(f.item)\(f.period.map { "\t\($0)" } ?? "\t-")\t\(f.message) Fix: \(f.fix)")
                }
                let errors = findings.filter { $0.severity == FindingSeverity.error.rawValue }.count
                print("\(findings.count) finding\(findings.count == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s").")
            }
            if findings.contains(where: { $0.severity == FindingSeverity.error.rawValue }) { throw ExitCode.failure }
        }
    }
}
