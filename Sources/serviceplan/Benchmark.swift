import ArgumentParser
import Foundation
import ServicePlanDomain
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan benchmark import FILE.csv`: a national dataset for All-England quartiles.
    struct Benchmark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "benchmark", abstract: "National benchmarking data.", subcommands: [Import.self])

        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Load a national dataset (CSV: authority_code,authority_name,indicator_ref,year,value). Bad rows are listed with their line numbers and nothing is written; a value already stored for the same authority, indicator and year is replaced. The file is read as a stream; on a terminal, progress is shown on standard error.")

            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The CSV file.") var file: String

            func run() async throws {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue,
                      FileManager.default.isReadableFile(atPath: file) else {
                    printError("error: \(file) cannot be read\(isFolder.boolValue ? ": it is a folder" : "")")
                    throw ExitCode.failure
                }
                let progress = ImportProgressLine.forStandardError()
                let summary: BenchmarkImportSummary
                do {
                    summary = try await database.withStores { stores in
                        // Values are checked against the units of the indicators the stored plans define.
                        try await stores.benchmarks.importFile(at: file, name: file, units: try await stores.plans.indicatorUnits(),
                                                               progress: progress?.show)
                    }
                    progress?.clear()
                } catch let error as BenchmarkFileError {
                    progress?.clear()
                    printError("error: \(file) was not imported; nothing was written.\n\(error)")
                    throw ExitCode.failure
                } catch {
                    progress?.clear()   // the error's message starts a line of its own
                    throw error
                }
                print("Imported \(summary.rows) values: \(summary.authorities) authorities, \(summary.indicators) indicators.")
            }
        }
    }
}
