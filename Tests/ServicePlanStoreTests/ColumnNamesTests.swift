import SQLKit
import Testing
@testable import ServicePlanStore

/// Row structs reach their columns through `ColumnNames`; a wrong name is a row that cannot be
/// read back, so every store test depends on it. These pin the rule itself.
struct ColumnNamesTests {
    @Test("camel-case property names become the snake-case column names the schema uses")
    func snakeCase() {
        #expect(ColumnNames.snakeCase("firstYear") == "first_year")
        #expect(ColumnNames.snakeCase("keyAreasOfFocus") == "key_areas_of_focus")
        #expect(ColumnNames.snakeCase("partIi") == "part_ii")
        #expect(ColumnNames.snakeCase("code") == "code")
        #expect(ColumnNames.snakeCase("Code") == "code")
        #expect(ColumnNames.snakeCase("") == "")
        // Longer than a small string: the byte path writes past 15 bytes correctly.
        #expect(ColumnNames.snakeCase("unforeseenDevelopmentsAndOtherThings") == "unforeseen_developments_and_other_things")
        // Not ASCII: the same rule, on characters.
        #expect(ColumnNames.snakeCase("nameÉtat") == "name_état")
    }

    @Test("a row struct decodes through the custom strategy, nil and all", arguments: TestDatabase.engines)
    func decodesRows(engine: String) async throws {
        let location = try await TestDatabase.emptyLocation(engine)
        defer { Task { await TestDatabase.removeLocation(location) } }
        struct Row: Decodable { var planCode: String; var ownerName: String? }
        let rows = try await TestDatabase.with(location) { database in
            try await database.read { db in
                try await db.raw("SELECT 'ULS' AS plan_code, CAST(NULL AS TEXT) AS owner_name").all(decoding: Row.self, with: ColumnNames.decoder)
            }
        }
        #expect(rows.map(\.planCode) == ["ULS"])
        #expect(rows.count == 1 && rows.first?.ownerName == nil)
    }
}
