import Foundation
import ServicePlanDomain
import ServicePlanStore
import SQLKit
import Testing

/// A write that meets another process's long write is refused as busy — nothing written — not a failure.
@Suite struct DatabaseBusyTests {
    @Test("while another connection holds the SQLite file past the busy timeout, a change is refused as busy and nothing is written")
    func busy() async throws {
        let path = TestDatabase.temporaryPath()
        let importer = try await DatabaseLocation.sqlite(path: path).open(logger: TestDatabase.logger)
        let server = try await DatabaseLocation.sqlite(path: path).open(logger: TestDatabase.logger)
        let plans = SQLPlanRepository(database: server)
        _ = try await PlanImporter(repository: plans).seedIfEmpty(logger: TestDatabase.logger)
        let before = try await plans.history(code: "ULS").count
        // The "import" holds the write lock for longer than the server's 5 s busy timeout.
        let holding = Task {
            try await importer.transaction { db in
                try await db.raw("DELETE FROM sign_in_failures").run()
                try await Task.sleep(for: .seconds(7))
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        await #expect(throws: DatabaseBusy.self) {
            _ = try await plans.update(code: "ULS", actor: TestActor.tests) { $0.title += " (edited)" }
        }
        try await holding.value
        #expect(try await plans.history(code: "ULS").count == before)
        await importer.close()
        await server.close()
    }
}
