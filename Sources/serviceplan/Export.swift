import ArgumentParser
import ServicePlanStore

extension ExportFormat: ExpressibleByArgument {}

extension ServicePlanCommand {
    /// `serviceplan export CODE [--format yaml|json|csv]`: a stored plan to standard output.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a plan to standard output: YAML (the plan file, to edit and import back), JSON or CSV (the indicator table).")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The plan's code, e.g. ULS.", valueName: "code"))
        var code: String

        @Option(help: "yaml, json or csv.")
        var format: ExportFormat = .yaml

        func run() async throws {
            let db = try await database.open(logger: .quiet)
            let plan = try await SQLPlanRepository(database: db).plan(code: code)
            await db.close()
            guard let plan else {
                printError("error: no plan with code \(code) (see `serviceplan plans`)")
                throw ExitCode.failure
            }
            FileHandleOutput.writeToStandardOutput(format.render(plan))
        }
    }
}
