import Hummingbird
import Logging
import ServicePlanReports
import ServicePlanStore

/// The composition root: everything the web application needs is built here from its
/// configuration and the stores, and tests call this same function.
public func buildApplication(
    configuration: ApplicationConfiguration,
    stores: Stores,
    logger: Logger,
    settings: AppSettings = AppSettings()
) async throws -> Application<RouterResponder<AppRequestContext>> {
    let router = try await buildRouter(stores: stores, logger: logger, settings: settings)
    return Application(router: router, configuration: configuration, logger: logger)
}

/// The router alone, for `app.test(.router)` and for `buildApplication`. `refusingOtherMethods`
/// false leaves out the 405 answers, so a test sees exactly the API routes that were registered.
public func buildRouter(stores: Stores, logger: Logger, settings: AppSettings,
                        refusingOtherMethods: Bool = true) async throws -> Router<AppRequestContext> {
    let pages = try await PageRenderer.load()
    let reports = try await ReportRenderer.load()
    let plans = stores.plans
    let monitoring = settings.monitoring
    // HEAD answers as GET without the body: calendar clients and link checkers probe with it.
    // (The API's paths keep answering 405 to methods openapi.json does not list, HEAD included.)
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestIDMiddleware())
    if settings.logRequests { router.add(middleware: RequestLogMiddleware(.info)) }
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: PrivateResponseMiddleware())
    router.add(middleware: AuthenticationMiddleware(accounts: stores.accounts, settings: settings))
    router.add(middleware: ErrorPageMiddleware(pages: pages, logger: logger))
    router.add(middleware: RequestPathMiddleware())
    router.add(middleware: BodyLimitMiddleware())
    router.add(middleware: CSRFMiddleware())
    router.add(middleware: PageCacheMiddleware(cache: PageCache(), versions: stores.versions, calendar: monitoring.calendar))
    router.add(middleware: FileMiddleware(PageRenderer.staticFolder, urlBasePath: "/static",
                                          cacheControl: .init([(.text, [.maxAge(3600)])]), logger: logger))
    StylesheetController(stylesheet: reports.stylesheet).add(to: router)
    HealthController(health: stores.health).add(to: router)
    if let registry = settings.metrics { MetricsController(registry: registry).add(to: router) }
    let api = router.group("api/v1")
    let items = ItemService(plans: plans, timeZone: monitoring.calendar.timeZone)
    let returns = ReturnService(plans: plans, returns: stores.returns, monitoring: monitoring, councils: stores.councils,
                                mailWake: settings.mailWake)
    let progress = IndicatorProgress(returns: stores.returns)
    PlanAPIController(plans: plans, councils: stores.councils, progress: progress).add(to: api)
    ItemAPIController(service: items, progress: progress).add(to: api)
    ReturnAPIController(service: returns).add(to: api)
    // Before the return form's `…/returns/{period}/:action`, so `upload` is not read as an action.
    ReturnSheetController(service: returns, pages: pages).add(to: router, api: api)
    ReturnFormController(service: returns, pages: pages).add(to: router)
    BenchmarkController(plans: plans, benchmarks: stores.benchmarks, pages: pages).add(to: router, api: api)
    DataQualityController(plans: plans, returns: stores.returns, pages: pages, monitoring: monitoring, councils: stores.councils)
        .add(to: router, api: api)
    PlanPagesController(plans: plans, pages: pages, returns: stores.returns, monitoring: monitoring, benchmarks: stores.benchmarks,
                        councils: stores.councils)
        .add(to: router)
    CouncilController(councils: stores.councils, plans: plans, returns: stores.returns, pages: pages, monitoring: monitoring)
        .add(to: router, api: api)
    IndicatorSeriesController(plans: plans, returns: stores.returns, councils: stores.councils, benchmarks: stores.benchmarks,
                              pages: pages, monitoring: monitoring)
        .add(to: router, api: api)
    ItemFormController(service: items, plans: plans, pages: pages, returns: stores.returns, benchmarks: stores.benchmarks).add(to: router)
    HistoryController(plans: plans, pages: pages, audit: stores.audit, timeZone: monitoring.calendar.timeZone).add(to: router)
    ReportController(builder: ReportBuilder(stores: stores, monitoring: monitoring), renderer: reports, pages: pages).add(to: router)
    SignInController(accounts: stores.accounts, pages: pages, settings: settings).add(to: router)
    PasswordController(accounts: stores.accounts, pages: pages, clock: settings.now).add(to: router)
    PasswordResetController(accounts: stores.accounts, mail: stores.mail, pages: pages, settings: settings).add(to: router)
    OpenDataController(plans: plans, returns: stores.returns, pages: pages, monitoring: monitoring, licence: settings.openDataLicence, publicURL: settings.publicURL, secureCookies: settings.secureCookies)
        .add(to: router)
    SecurityLogController(accounts: stores.accounts, pages: pages, timeZone: monitoring.calendar.timeZone).add(to: router)
    AccountsController(accounts: stores.accounts, pages: pages).add(to: router)
    CalendarFeedController(accounts: stores.accounts, plans: plans, pages: pages, monitoring: monitoring, secureCookies: settings.secureCookies)
        .add(to: router)
    try OpenAPIController.load().add(to: api)
    if refusingOtherMethods { OpenAPIController.refuseOtherMethods(on: router, under: "/api/v1") }
    return router
}
