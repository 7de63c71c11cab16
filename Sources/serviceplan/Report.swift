import ArgumentParser
import Foundation
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan report CODE PERIOD --format html|pdf|csv --output FILE`.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the Quarterly Service Plan Monitoring Report for a plan and quarter (e.g. ULS 2009-10-Q2).")

        enum Format: String, ExpressibleByArgument, CaseIterable { case html, pdf, csv }

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var monitoring: MonitoringOptions
        @Argument(help: "The plan's code, e.g. ULS.") var code: String
        @Argument(help: "The quarter, e.g. 2009-10-Q2.", transform: Quarter.parse) var period: Quarter
        @Option(help: "html, pdf or csv.") var format: Format = .html
        @Option(help: "The file to write.") var output: String
        @Flag(help: "Only red and amber items (reporting by exception).") var exceptions = false
        @Flag(help: "The public version: published returns only, without Part II items.") var `public` = false

        func run() async throws {
            let configuration = try monitoring.configuration()
            // The command line is the performance team's tool: it sees everything unless --public.
            let team = User(id: 0, email: "command-line", name: "Command line", role: .admin, department: nil)
            do {
                let report = try await database.withStores { stores in
                    try await ReportBuilder(stores: stores, monitoring: configuration)
                        .report(plan: code, quarter: period, user: team, exceptionsOnly: exceptions, publicVersion: self.public)
                }
                switch format {
                case .csv:
                    try report.csv.write(toFile: output, atomically: true, encoding: .utf8)
                case .html:
                    try await ReportRenderer.load().document(report).write(toFile: output, atomically: true, encoding: .utf8)
                case .pdf:
                    try PDFPrinter.print(html: try await ReportRenderer.load().document(report), to: output)
                }
            } catch let error as ReportBuilder.Unavailable {
                printError("error: \(error)")
                throw ExitCode.failure
            } catch let error as PDFPrinter.Failure {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            print("Wrote \(output)")
        }
    }
}
