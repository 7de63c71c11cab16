import ArgumentParser
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan plans`: one line per stored plan.
    struct Plans: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plans",
            abstract: "List the stored plans: code, period, status and title, tab-separated.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try await database.open(logger: .quiet)
            let plans = try await SQLPlanRepository(database: db).summaries()
            await db.close()
            for plan in plans {
                print([plan.code, "\(plan.firstYear)–\(plan.lastYear)", plan.status, plan.title].joined(separator: "\t"))
            }
        }
    }
}
