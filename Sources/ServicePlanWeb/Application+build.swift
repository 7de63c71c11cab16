import Hummingbird
import Logging
import ServicePlanStore

/// The composition root: everything the web application needs is built here from its
/// configuration, and tests call this same function.
public func buildApplication(
    configuration: ApplicationConfiguration,
    database: any Database,
    logger: Logger,
    settings: AppSettings = AppSettings()
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(database: database, logger: logger, settings: settings)
    return Application(router: router, configuration: configuration, logger: logger)
}

/// The router alone, for `app.test(.router)` and for `buildApplication`.
public func buildRouter(database: any Database, logger: Logger, settings: AppSettings) async throws -> Router<AppRequestContext> {
    let pages = try await PageRenderer.load()
    let plans = SQLPlanRepository(database: database)
    let accounts = AccountStore(database: database, bcryptCost: settings.bcryptCost)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: AuthenticationMiddleware(accounts: accounts, settings: settings))
    router.add(middleware: ErrorPageMiddleware(pages: pages, logger: logger))
    router.add(middleware: CSRFMiddleware())
    router.add(middleware: FileMiddleware(PageRenderer.staticFolder, urlBasePath: "/static",
                                          cacheControl: .init([(.text, [.maxAge(3600)])]), logger: logger))
    HealthController(database: database).add(to: router)
    let api = router.group("api/v1")
    PlanAPIController(plans: plans).add(to: api)
    ItemAPIController(service: ItemService(plans: plans)).add(to: api)
    let returns = ReturnService(plans: plans, returns: ReturnRepository(database: database), rules: settings.statusRules,
                                deadlines: settings.deadlines, dataQuality: settings.dataQuality)
    ReturnAPIController(service: returns).add(to: api)
    ReturnFormController(service: returns, pages: pages).add(to: router)
    BenchmarkController(plans: plans, benchmarks: BenchmarkStore(database: database), pages: pages).add(to: router, api: api)
    DataQualityController(plans: plans, returns: ReturnRepository(database: database), pages: pages, settings: settings)
        .add(to: router, api: api)
    PlanPagesController(plans: plans, pages: pages, returns: ReturnRepository(database: database), settings: settings,
                        benchmarks: BenchmarkStore(database: database)).add(to: router)
    ItemFormController(service: ItemService(plans: plans), plans: plans, pages: pages).add(to: router)
    HistoryController(plans: plans, pages: pages).add(to: router)
    ReportController(builder: ReportBuilder(plans: plans, returns: ReturnRepository(database: database), database: database,
                                            rules: settings.statusRules,
                                            pages: pages, today: settings.today, dataQuality: settings.dataQuality),
                     pages: pages, database: database).add(to: router)
    SignInController(accounts: accounts, pages: pages, settings: settings).add(to: router)
    PasswordController(accounts: accounts, pages: pages).add(to: router)
    return router
}
