import Foundation
import Prometheus
import Hummingbird
import HummingbirdTesting
import Logging
import ServicePlanDomain
import ServicePlanStore
import ServicePlanWeb
import SQLKit
import Testing

/// The Halton plan with one account per kind of person, each with an API token:
/// `owner` owns NI80 and ULS 5; `otherDirector` directs another department.
struct People: Sendable {
    enum Who: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case publicVisitor, member, officer, owner, otherDirector, director, admin
        var testDescription: String { rawValue }
    }

    static let password = "correct horse battery staple"
    static let accounts: [Who: (email: String, role: Role, department: String?)] = [
        .member: ("member@halton.test", .member, nil),
        .officer: ("officer@halton.test", .officer, "ULS"),
        .owner: ("owner@halton.test", .officer, "ULS"),
        .otherDirector: ("otherdirector@halton.test", .director, "XYZ"),
        .director: ("director@halton.test", .director, "ULS"),
        .admin: ("admin@halton.test", .admin, nil),
    ]

    let tokens: [Who: String]
    let database: any Database
    let stores: Stores

    func headers(_ who: Who, json: Bool = false) -> HTTPFields {
        var fields = HTTPFields()
        if let token = tokens[who] { fields[.authorization] = "Bearer \(token)" }
        if json { fields[.contentType] = "application/json" }
        return fields
    }

    var plans: SQLPlanRepository { SQLPlanRepository(database: database) }
    func plan() async throws -> ServicePlan { try #require(try await plans.plan(code: "ULS")) }
    func auditCount() async throws -> Int { try await plans.history(code: "ULS").count }
}

/// The engines the web suite can run on: SQLite always, PostgreSQL when the README's test
/// command provides one.
enum WebEngines {
    static var postgresURL: String? { ProcessInfo.processInfo.environment["SERVICEPLAN_TEST_POSTGRES_URL"] }
    static var all: [String] { postgresURL == nil ? ["sqlite"] : ["sqlite", "postgresql"] }
}

/// Builds the app on a fresh database holding the Halton plan and `People`, and runs `body`.
/// On PostgreSQL the database is made for the test and dropped after it.
func withPeople(engine: String = "sqlite", sessionLifetime: TimeInterval = 3600, monitoring: MonitoringConfiguration = .standard(),
                now: @escaping @Sendable () -> Date = { Date() }, metrics: PrometheusCollectorRegistry? = nil, mail: MailSettings? = nil,
                _ body: @Sendable (People, any TestClientProtocol) async throws -> Void) async throws {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    let database: any Database
    var dropName: String?
    if engine == "postgresql", let url = WebEngines.postgresURL {
        let name = "serviceplan_web_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = try await PostgresDatabase.connect(url: url, logger: logger)
        _ = try await admin.outsideTransaction { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        await admin.close()
        var components = URLComponents(string: url)!
        components.path = "/" + name
        database = try await DatabaseLocation.postgres(url: components.string!).open(logger: logger)
        dropName = name
    } else {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-people-\(UUID().uuidString).sqlite").path
        database = try await DatabaseLocation.sqlite(path: path).open(logger: logger)
    }
    defer {
        if let dropName, let url = WebEngines.postgresURL {
            let quiet = logger
            // Dropped in the background: the test's result does not wait on housekeeping.
            Task {
                guard let admin = try? await PostgresDatabase.connect(url: url, logger: quiet) else { return }
                _ = try? await admin.outsideTransaction { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: dropName)").run() }
                await admin.close()
            }
        }
    }
    do {
        let repository = SQLPlanRepository(database: database)
        _ = try await PlanImporter(stores: Stores(database: database, bcryptCost: 4)).seedIfEmpty(logger: logger)
        _ = try await repository.update(code: "ULS", actor: Actor(name: "fixture", via: .cli)) { plan in
            plan.indicators[plan.indicators.firstIndex { $0.ref == "NI80" }!].owner = "owner@halton.test"
            plan.objectives[plan.objectives.firstIndex { $0.ref == "ULS 5" }!].owner = "owner@halton.test"
        }
        let stores = Stores(database: database, bcryptCost: 4)
        let accounts = stores.accounts
        var tokens: [People.Who: String] = [:]
        for (who, account) in People.accounts {
            try await accounts.addUser(email: account.email, name: who.rawValue, role: account.role,
                                       department: account.department, password: People.password)
            tokens[who] = try await accounts.createToken(email: account.email)
        }
        let people = People(tokens: tokens, database: database, stores: stores)
        let app = try await buildApplication(configuration: .init(), stores: stores, logger: logger,
                                             settings: { var settings = AppSettings(sessionLifetime: sessionLifetime, monitoring: monitoring, now: now)
                                                 settings.metrics = metrics
                                                 settings.mail = mail
                                                 // As `serve --public-url` sets both.
                                                 settings.publicURL = mail?.baseURL
                                                 return settings }())
        try await app.test(.router) { client in try await body(people, client) }
    } catch {
        await database.close()
        throw error
    }
    await database.close()
}

/// A clock a test moves forward instead of sleeping.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0

    func advance(by seconds: TimeInterval) { lock.withLock { offset += seconds } }
    var now: @Sendable () -> Date { { [self] in Date().addingTimeInterval(lock.withLock { offset }) } }
}

/// A browser: cookies kept between requests, and the CSRF token of the last page read.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf = ""

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    var cookieHeader: HTTPFields {
        var fields = HTTPFields()
        if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return fields
    }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader, body: nil)
        remember(response)
        return response
    }

    @discardableResult
    func post(_ uri: String, _ form: [(String, String)], csrf token: String? = nil) async throws -> TestResponse {
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = ([("csrf", token ?? csrf)] + form)
            .map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    func signIn(_ who: People.Who) async throws -> TestResponse {
        try await get("/sign-in")
        return try await post("/sign-in", [("email", People.accounts[who]!.email), ("password", People.password)])
    }

    private func remember(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty || field.value.contains("Expires=Thu, 01 Jan 1970") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        let html = String(buffer: response.body)
        if let range = html.range(of: #"name="csrf" value=""#) {
            csrf = String(html[range.upperBound...].prefix { $0 != "\"" })
        }
        if let range = html.range(of: #"name="version" value=""#) {
            version = String(html[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&quot;", with: "\"")
        }
    }

    var version = ""

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A GET as `who` (no headers for the public): the status and the body as text.
func get(_ client: some TestClientProtocol, _ people: People, _ who: People.Who, _ path: String) async throws -> (HTTPResponse.Status, String) {
    var result: (HTTPResponse.Status, String) = (.ok, "")
    try await client.execute(uri: path, method: .get, headers: people.headers(who)) { result = ($0.status, String(buffer: $0.body)) }
    return result
}
