import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServicePlanStore
import ServicePlanWeb

/// Builds the real application on a fresh SQLite file holding the Halton plan, runs `body`
/// against its router (no port), and closes the database.
func withHaltonApp(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-web-\(UUID().uuidString).sqlite").path
    let database = try await DatabaseLocation.sqlite(path: path).open(logger: logger)
    do {
        _ = try await PlanImporter(repository: SQLPlanRepository(database: database)).seedIfEmpty(logger: logger)
        let app = try await buildApplication(configuration: .init(), stores: Stores(database: database, bcryptCost: 4), logger: logger)
        try await app.test(.router) { client in try await body(client) }
    } catch {
        await database.close()
        throw error
    }
    await database.close()
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
