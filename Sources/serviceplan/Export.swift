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
            let plan = try await database.withStores { try await $0.plans.plan(code: code) }
            guard let plan else {
                throw ServicePlanCommand.noPlan(code)
            }
            FileHandleOutput.writeToStandardOutput(format.render(plan))
        }
    }
}
