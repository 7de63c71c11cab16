import ArgumentParser
import Foundation
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan benchmark import FILE.csv`: a national dataset for All-England quartiles.
    struct Benchmark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "benchmark", abstract: "National benchmarking data.", subcommands: [Import.self])

        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Load a national dataset (CSV: authority_code,authority_name,indicator_ref,year,value). Bad rows are listed with their line numbers and nothing is written; a value already stored for the same authority, indicator and year is replaced.")

            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The CSV file.") var file: String

            func run() async throws {
                let text: String
                do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                    printError("error: \(file) cannot be read: \(error.localizedDescription)")
                    throw ExitCode.failure
                }
                let rows: [BenchmarkRow]
                do { rows = try BenchmarkCSV.parse(text, file: file) } catch {
                    printError("error: \(file) was not imported; nothing was written.\n\(error)")
                    throw ExitCode.failure
                }
                let count = try await database.withStores { try await $0.benchmarks.importRows(rows) }
                let authorities = Set(rows.map(\.authorityCode)).count, indicators = Set(rows.map(\.indicatorRef)).count
                print("Imported \(count) values: \(authorities) authorities, \(indicators) indicators.")
            }
        }
    }
}
