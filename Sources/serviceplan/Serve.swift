import ArgumentParser
import Foundation
import ServicePlanDomain
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServicePlanReports
import ServicePlanStore
import ServicePlanWeb
import ServiceLifecycle

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

        @Flag(help: "On a fresh database, load the Halton plan without its six example quarters of returns.")
        var noExampleData = false

        @OptionGroup var monitoring: MonitoringOptions

        @Option(help: "How the log is written on standard error: text, or json (one object per line, with each request's id).")
        var logFormat: LogFormat = .text

        @Option(help: "The licence /open-data states, by title (with --open-data-licence-url). Default: Open Government Licence v3.0.")
        var openDataLicenceTitle: String?

        @Option(help: "The address of the licence's text, with --open-data-licence-title.")
        var openDataLicenceUrl: String?

        @OptionGroup var mail: MailOptions

        @Option(help: "Seconds between passes of the mail schedule (reminders due, the outbox), with --sendmail.")
        var mailEvery: Int = 300

        func validate() throws {
            guard (openDataLicenceTitle == nil) == (openDataLicenceUrl == nil) else {
                throw ValidationError("Give --open-data-licence-title and --open-data-licence-url together.")
            }
            if let url = openDataLicenceUrl, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(where: \.isWhitespace) {
                throw ValidationError("--open-data-licence-url must be an http(s) address: \(url)")
            }
            if let title = openDataLicenceTitle, title.trimmingSpaces.isEmpty || title.count > 200 {
                throw ValidationError("--open-data-licence-title must be a title of 1 to 200 characters.")
            }
            guard (1...86_400).contains(mailEvery) else { throw ValidationError("--mail-every must be 1 to 86400 seconds.") }
        }

        func run() async throws {
            if logFormat == .json { LoggingSystem.bootstrap { JSONLogHandler(label: $0) } }
            var logger = Logger(label: "serviceplan")
            logger.logLevel = .info
            var settings = AppSettings(sessionLifetime: sessionHours * 3600, secureCookies: secureCookies,
                                       monitoring: try monitoring.configuration())
            settings.logRequests = true
            if let title = openDataLicenceTitle, let url = openDataLicenceUrl {
                settings.openDataLicence = OpenData.Licence(name: title.trimmingSpaces.anchor.lowercased(), title: title.trimmingSpaces, url: url)
            }
            // One registry for the process: swift-metrics (Hummingbird's request metrics, the
            // stores' own) writes into it, under the names and HELP texts of
            // ServicePlanMetricsFactory, and `/metrics` reads it.
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(ServicePlanMetricsFactory(registry: registry))
            settings.metrics = registry
            let mailSettings = try mail.settings(defaultURL: "http://\(host):\(port)")
            settings.mail = mailSettings
            // Given alone, --public-url still starts the site's absolute links; it is never
            // guessed from the address serve listens on (0.0.0.0 is nobody's address).
            settings.publicURL = mail.publicUrl.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            if mailSettings != nil { settings.mailWake = MailWake() }
            let startLogger = logger
            if case .postgres(let url) = database.location {
                try await servePostgres(url: url, settings: settings, logger: logger)
                return
            }
            try await database.withStores(logger: logger) { stores in
                try await startUp(stores: stores, logger: startLogger)
                let app = try await application(stores: stores, settings: settings, logger: logger)
                let services: [any Service] = [app] + (mailService(stores: stores, settings: settings, logger: logger).map { [$0] } ?? [])
                try await ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                            logger: logger)).run()
            }
        }

        /// The mail schedule, when `--sendmail` is given: a service beside the web application.
        private func mailService(stores: Stores, settings: AppSettings, logger: Logger,
                                 ready: @escaping @Sendable () async -> Void = {}) -> MailService? {
            guard let mail = settings.mail, let wake = settings.mailWake else { return nil }
            logger.info("Mail: reminders \(mail.reminders.daysBefore.map(String.init).joined(separator: ", ")) working days before deadlines, every \(mailEvery) s")
            return MailService(mailer: Mailer(stores: stores, settings: mail, monitoring: settings.monitoring, logger: logger),
                               interval: .seconds(mailEvery), wake: wake, ready: ready)
        }

        private func application(stores: Stores, settings: AppSettings, logger: Logger) async throws -> Application<RouterResponder<AppRequestContext>> {
            try await buildApplication(configuration: .init(address: .hostname(host, port: port), serverName: "serviceplan"),
                                       stores: stores, logger: logger, settings: settings)
        }

        /// Servers started together on one empty database take turns here: the first loads the
        /// plan and creates the admin, the others find both done.
        private func startUp(stores: Stores, logger: Logger) async throws {
            let adminEmail = adminEmail, exampleData = !noExampleData
            try await stores.startup.whileStarting {
                try await Self.firstStart(stores: stores, adminEmail: adminEmail, exampleData: exampleData, logger: logger)
            }
            logger.info("serviceplan: http://\(host):\(port) on \(stores.health.engineName)")
        }

        /// On PostgreSQL the client's run loop is a service of the server's service group, ahead
        /// of the application: it runs before the first query, and on SIGTERM the group stops the
        /// application first (requests in flight finish) and the client after it. Migrations
        /// and the first start run in the server's prelude, once the client runs, before the
        /// port opens.
        private func servePostgres(url: String, settings: AppSettings, logger: Logger) async throws {
            let (db, client) = try await PostgresDatabase.prepare(url: url, logger: logger)
            let stores = Stores(database: db)
            var app = try await application(stores: stores, settings: settings, logger: logger)
            let serve = self
            let started = StartedSignal()
            app.beforeServerStarts {
                await client.running()
                try await db.migrate()
                try await serve.startUp(stores: stores, logger: logger)
                await started.fire()
            }
            let mail = mailService(stores: stores, settings: settings, logger: logger) { await started.wait() }
            let services: [any Service] = [client, app] + (mail.map { [$0] } ?? [])
            let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                          logger: logger))
            do {
                try await group.run()
            } catch let error as RuleViolation {
                printError("error: \(error)")   // as `withStores` reports a broken rule
                throw ExitCode.failure
            }
        }

        /// On an empty database: the bundled plan, its example quarters, and the first admin.
        private static func firstStart(stores: Stores, adminEmail: String, exampleData: Bool, logger: Logger) async throws {
            if try await PlanImporter(stores: stores).seedIfEmpty(logger: logger) != nil, exampleData,
               let plan = try await stores.plans.plan(code: "ULS") {
                try await ExampleReturns.load(into: stores.returns, plan: plan)
                logger.info("Loaded six example quarters (\(ExampleReturns.quarters.first?.label ?? "") to \(ExampleReturns.quarters.last?.label ?? "")), labelled \"\(ExampleReturns.label)\"")
            }
            if try await stores.accounts.userCount() == 0 {
                let password = Secret.password()
                try await stores.accounts.addUser(email: adminEmail, name: "Administrator", role: .admin, department: nil,
                                                  password: password, oneTime: true)
                // Shown once, here only: it is stored as a bcrypt hash.
                FileHandleOutput.writeToStandardOutput(
                    "Created the first admin, \(User.normalise(email: adminEmail)), with the one-time password:\n\(password)\n")
            }
        }
    }
}

/// Fired once the PostgreSQL server has migrated and started up: the mail service waits for it.
/// Waiting polls, so a server that fails to start (and cancels its services) is not held up.
actor StartedSignal {
    private var fired = false

    func fire() { fired = true }

    func wait() async {
        while !fired, !Task.isCancelled { try? await Task.sleep(for: .milliseconds(200)) }
    }
}
