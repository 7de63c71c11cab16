import ArgumentParser
import Foundation
import ServicePlanDomain
import ServicePlanStore
import ServicePlanWeb

extension ServicePlanCommand {
    /// `serviceplan report CODE PERIOD --format html|pdf|csv --output FILE`.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the Quarterly Service Plan Monitoring Report for a plan and quarter (e.g. ULS 2009-10-Q2).")

        enum Format: String, ExpressibleByArgument, CaseIterable { case html, pdf, csv }

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The plan's code, e.g. ULS.") var code: String
        @Argument(help: "The quarter, e.g. 2009-10-Q2.") var period: String
        @Option(help: "html, pdf or csv.") var format: Format = .html
        @Option(help: "The file to write.") var output: String
        @Flag(help: "Only red and amber items (reporting by exception).") var exceptions = false
        @Flag(help: "The public version: published returns only, without Part II items.") var `public` = false
        @Option(help: "Amber tolerance, a fraction of the target (default 0.1).") var tolerance: Double = 0.1

        func validate() throws {
            guard Quarter(period) != nil else { throw ValidationError("\(period) is not a quarter: write it like 2009-10-Q2.") }
        }

        func run() async throws {
            let rules: StatusRules
            do { rules = try StatusRules(tolerance: tolerance) } catch {
                printError("error: --tolerance \(error)")
                throw ExitCode.failure
            }
            let db = try await database.open(logger: .quiet)
            let report: ReportPage
            let builder: ReportBuilder
            do {
                builder = try await ReportBuilder(database: db, rules: rules)
                // The command line is the performance team's tool: it sees everything unless --public.
                let team = User(id: 0, email: "command-line", name: "Command line", role: .admin, department: nil)
                report = try await builder.report(plan: code, quarter: Quarter(period)!, user: team, exceptionsOnly: exceptions,
                                                  publicVersion: self.public)
                await db.close()
            } catch let error as ReportBuilder.Unavailable {
                await db.close()
                printError("error: \(error)")
                throw ExitCode.failure
            }
            switch format {
            case .csv:
                try ReportBuilder.csv(report).write(toFile: output, atomically: true, encoding: .utf8)
            case .html:
                try builder.html(report).write(toFile: output, atomically: true, encoding: .utf8)
            case .pdf:
                try PDFPrinter.print(html: try builder.html(report), to: output)
            }
            print("Wrote \(output)")
        }
    }
}

/// Prints HTML to PDF with headless chromium, the one renderer every Debian machine can install.
enum PDFPrinter {
    static func print(html: String, to output: String) throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            printError("error: PDF needs headless Chromium, which is not installed. Install the Debian package `chromium` (apt-get install chromium), or use --format html.")
            throw ExitCode.failure
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let target = URL(fileURLWithPath: output).standardizedFileURL
        try? FileManager.default.removeItem(at: target)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                             "--print-to-pdf=\(target.path)", page.absoluteString]
        // Chromium leaves a profile folder in TMPDIR: keep it inside ours, which we remove.
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = folder.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        // Chromium exits 0 even when it wrote nothing: check the file itself.
        guard let handle = try? FileHandle(forReadingFrom: target), let head = try? handle.read(upToCount: 4),
              String(decoding: head, as: UTF8.self) == "%PDF" else {
            printError("error: Chromium did not produce a PDF at \(output).")
            throw ExitCode.failure
        }
    }
}
