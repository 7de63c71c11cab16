import Foundation
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Plan files written to hurt: refused quickly, with the file and line, and nothing written.
@Suite struct HostilePlanFileTests {
    static func halton() throws -> String { try BundledPlans.haltonText() }

    /// A "billion laughs" of mapping keys: each level's key is a mapping of the level before, twice.
    static func aliasBomb(levels: Int) -> String {
        var text = "format: serviceplan/1\na0: &a0 {x: 1, y: 2}\n"
        for i in 1...levels { text += "a\(i): &a\(i) {? *a\(i - 1) : 1, ? [*a\(i - 1), *a\(i - 1)] : 2}\n" }
        return text
    }

    @Test("nested aliases used as mapping keys are refused at once, naming the line of the first anchor")
    func aliasBomb() throws {
        let error = #expect(throws: PlanFileError.self) { try PlanFileReader.read(Self.aliasBomb(levels: 9), file: "bomb.yaml") }
        #expect(error?.line == 2)
        #expect(error?.description.contains("anchor &a0") == true, "\(String(describing: error))")
    }

    @Test("one long string aliased thousands of times is refused before it is expanded")
    func aliasedString() throws {
        let big = String(repeating: "x", count: 100_000)
        var text = try Self.halton().replacingOccurrences(of: "\nnotes:\n", with: "\nnotes:\n- &big \(big)\n")
        text += (0..<2_000).map { _ in "- *big\n" }.joined()
        let error = #expect(throws: PlanFileError.self) { try PlanFileReader.read(text, file: "big.yaml") }
        #expect(error?.line != nil)
    }

    @Test("a control character YAML's reader refuses is reported with its line (found by PlanFileFuzzTests)")
    func controlCharacter() throws {
        var lines = try Self.halton().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[9] += " \u{7}"
        let error = #expect(throws: PlanFileError.self) { try PlanFileReader.read(lines.joined(separator: "\n"), file: "bell.yaml") }
        #expect(error?.line == 10, "\(String(describing: error))")
    }

    @Test("areas of focus out of number order are refused with their line, since they are stored in number order (found by PlanFileFuzzTests)")
    func areasOutOfOrder() throws {
        let text = try BundledPlans.councilText().replacingOccurrences(of: "    - number: 37\n", with: "    - number: 999997\n")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("999997") }) + 1
        let error = #expect(throws: PlanFileError.self) { try CouncilFileReader.read(text, file: "order.yaml") }
        #expect(error?.line == line + 2, "the next area's number: \(String(describing: error))")
        #expect(error?.description.contains("list areas of focus in number order") == true)
    }

    @Test("a field given twice is refused with its line")
    func duplicateKey() throws {
        let text = try Self.halton().replacingOccurrences(of: "code: ULS\n", with: "code: ULS\ncode: XYZ\n")
        let error = #expect(throws: PlanFileError.self) { try PlanFileReader.read(text, file: "twice.yaml") }
        #expect(error?.line != nil)
        #expect(error?.description.hasPrefix("twice.yaml:") == true)
    }

    @Test("a NUL byte is refused with its line")
    func nul() throws {
        let text = try Self.halton().replacingOccurrences(of: "code: ULS\n", with: "code: U\u{0}LS\n")
        let line = text.prefix { $0 != "\u{0}" }.filter { $0 == "\n" }.count + 1
        let error = #expect(throws: PlanFileError.self) { try PlanFileReader.read(text, file: "nul.yaml") }
        #expect(error?.line == line)
        #expect(error?.description.contains("NUL") == true)
    }

    @Test("a file that is not UTF-8 is refused with the line of the first bad byte, and nothing is written",
          arguments: TestDatabase.engines)
    func notUTF8(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            var bytes = Array(try Self.halton().utf8)
            let at = try #require(bytes.firstIndex(of: UInt8(ascii: "U")))
            bytes[at] = 0xFF
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).yaml").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let repository = SQLPlanRepository(database: database)
            let error = await #expect(throws: PlanFileError.self) {
                try await PlanImporter(repository: repository).importFile(at: path, actor: TestActor.tests)
            }
            #expect(error?.line == bytes[..<at].filter { $0 == UInt8(ascii: "\n") }.count + 1)
            #expect(error?.description.contains("not UTF-8") == true)
            #expect(try await repository.summaries().isEmpty)
        }
    }

    @Test("plain text with & and * inside it is not mistaken for anchors or aliases")
    func ampersands() throws {
        let text = try Self.halton().replacingOccurrences(of: "title: ", with: "title: Children & Young People *draft* ", options: [], range: nil)
        _ = try PlanFileReader.read(text, file: "amp.yaml")
    }
}
