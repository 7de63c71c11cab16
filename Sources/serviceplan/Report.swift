import ArgumentParser
import Foundation
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan report CODE PERIOD --format html|pdf|csv --output FILE`, and the board report,
    /// `serviceplan report --board BOARD PERIOD [--council CODE] …`.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the Quarterly Service Plan Monitoring Report for a plan and quarter (e.g. ULS 2009-10-Q2), or with --board for every plan a board scrutinises (e.g. --board CYP-PPB 2009-10-Q2).")

        enum Format: String, ExpressibleByArgument, CaseIterable { case html, pdf, csv }

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var monitoring: MonitoringOptions
        // Two positions for a plan's report (CODE PERIOD), one for a board's (PERIOD): see `validate`.
        @Argument(help: "The plan's code, e.g. ULS; with --board, the quarter.") var code: String
        @Argument(help: "The quarter, e.g. 2009-10-Q2 (not given with --board).") var quarter: String?
        @Option(help: "A Policy and Performance Board's code, e.g. CYP-PPB: report on every plan it scrutinises.") var board: String?
        @Option(help: "The board's council, e.g. HALTON (needed only when several councils are stored).") var council: String?
        @Option(help: "html, pdf or csv.") var format: Format = .html
        @Option(help: "The file to write.") var output: String
        @Flag(help: "Only red and amber items (reporting by exception).") var exceptions = false
        @Flag(help: "The public version: published returns only, without Part II items.") var `public` = false

        /// The quarter: the second argument for a plan's report, the only one for a board's.
        var period: Quarter {
            get throws { try Quarter.parse(board == nil ? quarter ?? "" : code) }
        }

        func validate() throws {
            if board == nil {
                guard quarter != nil else { throw ValidationError("Give a plan's code and a quarter (ULS 2009-10-Q2), or --board BOARD and a quarter.") }
                guard council == nil else { throw ValidationError("--council goes with --board.") }
            } else if quarter != nil {
                throw ValidationError("With --board give only the quarter: report --board \(board ?? "") 2009-10-Q2.")
            }
            _ = try period
        }

        func run() async throws {
            let configuration = try monitoring.configuration()
            let period = try self.period
            // The command line is the performance team's tool: it sees everything unless --public.
            let team = User(id: 0, email: "command-line", name: "Command line", role: .admin, department: nil)
            do {
                // Refused before any work if the target is a device, FIFO, link or folder, or the database.
                try OutputFile.checkTarget(output)
                if database.location.isStored(at: output) {
                    throw OutputFile.Failure(description: "\(output): that is the database itself; write the report to another file")
                }
                if let board {
                    let report = try await database.withStores { stores in
                        try await ReportBuilder(stores: stores, monitoring: configuration)
                            .boardReport(council: try await councilCode(stores), board: board, quarter: period, user: team,
                                         exceptionsOnly: exceptions, publicVersion: self.public)
                    }
                    try await write(csv: report.csv) { try $0.document(report) }
                } else {
                    let report = try await database.withStores { stores in
                        try await ReportBuilder(stores: stores, monitoring: configuration)
                            .report(plan: code, quarter: period, user: team, exceptionsOnly: exceptions, publicVersion: self.public)
                    }
                    try await write(csv: report.csv) { try $0.document(report) }
                }
            } catch let error as ReportBuilder.Unavailable {
                printError("error: \(error)")
                throw ExitCode.failure
            } catch let error as PDFPrinter.Failure {
                printError("error: \(error)")
                throw ExitCode.failure
            } catch let error as OutputFile.Failure {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            print("Wrote \(output)")
        }

        /// Writes the report to `--output` in `--format`: the CSV, or the standalone HTML document (printed for PDF).
        private func write(csv: String, document: (ReportRenderer) throws -> String) async throws {
            let data: Data
            switch format {
            // For people to open: the byte-order mark makes Excel read UTF-8 (docs/operations.md).
            case .csv: data = Data((CSVWriter.byteOrderMark + csv).utf8)
            case .html: data = Data(try document(try await ReportRenderer.load()).utf8)
            case .pdf: data = try PDFPrinter.pdf(html: try document(try await ReportRenderer.load()))
            }
            // The public version may be shared as it is; the full one holds Part II items and
            // unpublished figures, so it is the owner's only, as a backup is.
            try OutputFile.write(data, to: output, permissions: self.public ? 0o644 : 0o600)
        }

        /// `--council`, or the one council stored.
        private func councilCode(_ stores: Stores) async throws -> String {
            if let council { return council }
            let all = try await stores.councils.councils()
            guard all.count == 1, let only = all.first else {
                throw ReportBuilder.Unavailable(description: all.isEmpty ? "No council is stored: import a council file first."
                                                : "Several councils are stored: name one with --council (\(all.map(\.code).joined(separator: ", "))).")
            }
            return only.code
        }
    }
}
