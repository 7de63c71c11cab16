import ArgumentParser

/// `serviceplan`: run the web application and manage plans from the command line.
@main
struct ServicePlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serviceplan",
        abstract: "Council service plans and their quarterly performance monitoring.",
        subcommands: [Serve.self, Import.self, Export.self, Plans.self, Report.self, Check.self, Benchmark.self, Users.self, Tokens.self, Audit.self, Backup.self, Restore.self]
    )
}
