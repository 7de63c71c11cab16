import ArgumentParser
import Foundation
import Logging
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan import FILE`: check a plan file and store it, replacing a plan with the same code.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a plan file or a council file (YAML; told apart by its format line); one with the same code is replaced. Nothing is written if the file has an error.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The plan file (docs/plan-format.md) or council file (docs/council-format.md).", valueName: "file"))
        var file: String

        func run() async throws {
            do {
                let imported = try await database.withStores { stores in
                    try await PlanImporter(stores: stores).importAnyFile(at: file, actor: .commandLine(via: .import))
                }
                switch imported {
                case .plan(let plan):
                    print("Imported \(plan.code): \(plan.title) (\(plan.objectives.count) objectives, \(plan.indicators.count) indicators)")
                case .council(let council, let plans):
                    let areas = council.corporatePlan.priorities.flatMap(\.areasOfFocus).count
                    print("Imported council \(council.code): \(council.name) (\(council.corporatePlan.priorities.count) priorities, \(areas) areas of focus, \(council.directorates.flatMap(\.departments).count) departments, \(council.boards.count) boards)"
                          + (plans.isEmpty ? "" : "; plans updated: \(plans.joined(separator: ", "))"))
                }
            } catch let error as PlanFileError {
                printError("error: \(error)")
                throw ExitCode.failure
            }
        }
    }
}

extension Actor {
    /// Changes made from the command line are recorded under the operating-system user who ran it.
    static func commandLine(via: Channel) -> Actor {
        let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
        return Actor(name: "command line (\(user))", via: via)
    }
}

extension Logger {
    /// Command-line runs print their own messages; the libraries' logs only at warning and above.
    static var quiet: Logger {
        var logger = Logger(label: "serviceplan")
        logger.logLevel = .warning
        return logger
    }
}
