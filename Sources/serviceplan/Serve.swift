import ArgumentParser
import Foundation
import ServicePlanDomain
import Hummingbird
import Logging
import ServicePlanStore
import ServicePlanWeb

extension ServicePlanCommand {
    /// `serviceplan serve`: the web application and JSON API.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Run the web application. On an empty database the bundled Halton 2009–12 plan is loaded first.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "Port to listen on.")
        var port: Int = 8080

        @Option(help: "Email of the first admin, created with a one-time password when the database has no users.")
        var adminEmail: String = "admin@serviceplan.local"

        @Flag(help: "Mark cookies Secure: use when the site is served over HTTPS (directly or behind a proxy).")
        var secureCookies = false

        @Option(help: "Hours a browser session lasts after signing in.")
        var sessionHours: Double = 8

        @Flag(help: "On a fresh database, load the Halton plan without its example quarter of returns.")
        var noExampleData = false

        @Option(help: "Amber tolerance: how far short of target, as a fraction of it, still counts as amber.")
        var tolerance: Double = 0.1

        @Option(help: "Working days after a quarter ends by which its return is due.")
        var deadlineDays: Int = 15

        @Option(help: "Data quality: flag a quarter-on-quarter change larger than this fraction of the previous value.")
        var jumpLimit: Double = 0.5

        func run() async throws {
            var logger = Logger(label: "serviceplan")
            logger.logLevel = .info
            let db = try await database.open(logger: logger)
            let repository = SQLPlanRepository(database: db)
            let rules = try StatusRules(tolerance: tolerance)
            if try await PlanImporter(repository: repository).seedIfEmpty(logger: logger) != nil, !noExampleData,
               let plan = try await repository.plan(code: "ULS") {
                try await ExampleQuarter.load(into: db, plan: plan)
                logger.info("Loaded an example quarter (\(ExampleQuarter.quarter.label)), labelled \"\(ExampleQuarter.label)\"")
            }
            let accounts = AccountStore(database: db)
            if try await accounts.userCount() == 0 {
                let password = Secret.password()
                try await accounts.addUser(email: adminEmail, name: "Administrator", role: .admin, department: nil, password: password,
                                           oneTime: true)
                // Shown once, here only: it is stored as a bcrypt hash.
                FileHandleOutput.writeToStandardOutput(
                    "Created the first admin, \(User.normalise(email: adminEmail)), with the one-time password:\n\(password)\n")
            }
            let settings = AppSettings(sessionLifetime: sessionHours * 3600, secureCookies: secureCookies, statusRules: rules,
                                       deadlines: ReturnDeadlines(workingDays: deadlineDays), jumpLimit: jumpLimit)
            let app = try await buildApplication(
                configuration: .init(address: .hostname(host, port: port), serverName: "serviceplan"),
                database: db, logger: logger, settings: settings)
            logger.info("serviceplan: http://\(host):\(port) on \(db.engineName)")
            do {
                try await app.runService()
            } catch {
                await db.close()
                throw error
            }
            await db.close()
        }
    }
}
