import ArgumentParser
import Foundation
import ServicePlanDomain
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan check [CODE] [--period P] [--format text|json]`: data-quality findings.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check plans and their returns against the data-quality rules (docs/data-quality.md). Exits 1 when any finding is an error.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var monitoring: MonitoringOptions
        @Argument(help: "A plan's code; all plans when left out.") var code: String?
        @Option(help: "Only findings for this quarter (and the plan itself), e.g. 2009-10-Q2.", transform: Quarter.parse)
        var period: Quarter?
        @Option(help: "text or json.") var format: Format = .text

        func run() async throws {
            let checker = try monitoring.configuration().dataQuality
            let findings: [Finding]? = try await database.withStores { stores in
                var findings: [Finding] = []
                var codes = [String]()
                if let code { codes = [code] } else { codes = try await stores.plans.summaries().map(\.code) }
                for code in codes {
                    guard let plan = try await stores.plans.plan(code: code) else { return nil }
                    findings += checker.check(plan: plan, returns: try await stores.returns.returns(plan: code), period: period,
                                              crossReferences: try await stores.councils.crossReferences(for: plan))
                }
                return findings
            }
            guard let findings else {
                throw ServicePlanCommand.noPlan(code ?? "")
            }
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

extension Quarter {
    /// For `transform:`: a quarter, or argument-parser's error naming the flag.
    static func parse(_ text: String) throws -> Quarter {
        guard let quarter = Quarter(text) else { throw ValidationError("\(text) is not a quarter: write it like 2009-10-Q2.") }
        return quarter
    }
}
