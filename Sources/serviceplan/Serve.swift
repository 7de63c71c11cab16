import ArgumentParser
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

        func run() async throws {
            var logger = Logger(label: "serviceplan")
            logger.logLevel = .info
            let db = try await database.open(logger: logger)
            let repository = SQLPlanRepository(database: db)
            _ = try await PlanImporter(repository: repository).seedIfEmpty(logger: logger)
            let app = try await buildApplication(
                configuration: .init(address: .hostname(host, port: port), serverName: "serviceplan"),
                database: db, logger: logger)
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
