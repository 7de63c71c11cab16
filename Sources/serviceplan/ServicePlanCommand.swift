import ArgumentParser
import ServicePlanStore

/// `serviceplan`: run the web application and manage plans from the command line.
@main
struct ServicePlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serviceplan",
        abstract: "Council service plans and their quarterly performance monitoring.",
        version: ServicePlanRelease.description,
        subcommands: [Serve.self, Import.self, Export.self, Plans.self, Report.self, Check.self, Benchmark.self, Users.self, Tokens.self, Audit.self, Diff.self, Backup.self, Restore.self, Remind.self, ReturnSheetCommand.self]
    )

    /// As ArgumentParser's own, except that a database error reaches the operator with the
    /// server's message (`DatabaseErrorMessage`), not PostgresNIO's placeholder.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            // What was printed must have arrived: a script reading a token, an export or JSON
            // from a full disk or a closed pipe is told, by the exit status and on standard error.
            if let failure = FileHandleOutput.standardOutputFailure() {
                FileHandleOutput.writeToStandardError("error: cannot write to standard output (\(failure)); what it should have shown is lost\n")
                exit(withError: ExitCode.failure)
            }
        } catch {
            exit(withError: DatabaseErrorMessage.forOperator(error).map(OperatorError.init) ?? error)
        }
    }

    /// A code that names no stored plan: said once for every command (`export`, `audit`, `diff`,
    /// `check`), on standard error, with exit status 1.
    static func noPlan(_ code: String) -> ExitCode {
        printError("error: no plan with code \(code) (see `serviceplan plans`)")
        return ExitCode.failure
    }

    /// An error shown as its detailed text.
    struct OperatorError: Error, CustomStringConvertible {
        let description: String
    }
}
