import ArgumentParser
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan plans`: one line per stored plan.
    struct Plans: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plans",
            abstract: "List the stored plans: code, period, status and title, tab-separated.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: ListFormat.help) var format: ListFormat = .text

        func run() async throws {
            let plans = try await database.withStores { try await $0.plans.summaries() }
            if format == .json {
                return ListFormat.printJSON(plans.map {
                    ListJSON.Plan(code: $0.code, title: $0.title, status: $0.status, firstYear: $0.firstYear, lastYear: $0.lastYear)
                })
            }
            for plan in plans {
                print([plan.code, "\(plan.firstYear)–\(plan.lastYear)", plan.status, plan.title].joined(separator: "\t"))
            }
        }
    }
}
