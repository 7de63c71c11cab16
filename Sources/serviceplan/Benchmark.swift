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
                let count: Int
                do {
                    count = try await database.withStores { stores in
                        // Values are checked against the units of the indicators the stored plans define.
                        var units: [String: IndicatorUnit] = [:]
                        for summary in try await stores.plans.summaries() {
                            for indicator in try await stores.plans.plan(code: summary.code)?.indicators ?? [] {
                                units[indicator.ref] = indicator.unit
                            }
                        }
                        try BenchmarkCSV.check(rows, units: units, file: file)
                        return try await stores.benchmarks.importRows(rows)
                    }
                } catch let error as BenchmarkFileError {
                    printError("error: \(file) was not imported; nothing was written.\n\(error)")
                    throw ExitCode.failure
                }
                let authorities = Set(rows.map(\.authorityCode)).count, indicators = Set(rows.map(\.indicatorRef)).count
                print("Imported \(count) values: \(authorities) authorities, \(indicators) indicators.")
            }
        }
    }
}
