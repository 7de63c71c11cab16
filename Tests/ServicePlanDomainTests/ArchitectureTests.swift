import Foundation
import Testing

/// docs/architecture.md's table of what each module may import, kept by a test: a file that
/// imports what its module's row forbids fails here, naming the file and the import, and a new
/// module fails until it has a row.
@Suite struct ArchitectureTests {
    /// The modules' rows: what each may import. The domain imports nothing, not even Foundation.
    static let allowed: [String: Set<String>] = [
        "ServicePlanDomain": [],
        "Spreadsheet": ["Foundation", "XMLCoder", "ZIPFoundation"],
        "ServicePlanStore": ["ServicePlanDomain", "Foundation", "Glibc", "Darwin", "Crypto", "HummingbirdBcrypt", "Logging", "Metrics",
                             "NIOCore", "NIOPosix", "NIOSSL", "PostgresKit", "PostgresNIO", "SQLKit", "SQLiteKit", "ServiceLifecycle", "Yams"],
        "ServicePlanReports": ["ServicePlanDomain", "ServicePlanStore", "Spreadsheet", "Foundation", "Mustache"],
        "ServicePlanWeb": ["ServicePlanDomain", "ServicePlanStore", "ServicePlanReports", "Foundation", "Glibc", "Crypto", "HTTPTypes",
                           "Hummingbird", "Logging", "Metrics", "MultipartKit", "Mustache", "NIOCore", "Prometheus"],
        "serviceplan": ["ServicePlanDomain", "ServicePlanStore", "ServicePlanReports", "ServicePlanWeb", "Foundation", "Glibc", "Darwin",
                        "ArgumentParser", "Hummingbird", "Logging", "Metrics", "Prometheus", "ServiceLifecycle"],
    ]

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
    }

    /// Every `import X` (also `@testable`, `public`, `@_exported`) of every Swift file of `module`, by file.
    static func imports(of module: String) throws -> [(file: String, module: String)] {
        let folder = sources.appendingPathComponent(module)
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [(String, String)] = []
        for case let url as URL in files where url.pathExtension == "swift" {
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                guard let match = line.wholeMatch(of: /\s*(@\w+\s+)*((public|package|internal)\s+)?import\s+(\w+).*/) else { continue }
                found.append((url.path.replacingOccurrences(of: sources.path + "/", with: ""), String(match.output.4)))
            }
        }
        return found
    }

    @Test("every module imports only what docs/architecture.md allows it; the domain imports nothing")
    func imports() throws {
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !$0.hasPrefix(".") }
        #expect(Set(modules) == Set(Self.allowed.keys), "a module without a row, or a row without a module")
        for module in modules {
            for (file, imported) in try Self.imports(of: module) {
                #expect(Self.allowed[module]?.contains(imported) == true, "\(file) imports \(imported)")
            }
        }
        #expect(try Self.imports(of: "ServicePlanDomain").isEmpty)
    }

    @Test("only serve's file of the command line imports the web application; the reports never import Hummingbird")
    func webOnlyFromServe() throws {
        let web = try Self.imports(of: "serviceplan").filter { $0.module == "ServicePlanWeb" }.map(\.file)
        #expect(web == ["serviceplan/Serve.swift"])
        #expect(try Self.imports(of: "ServicePlanReports").allSatisfy { $0.module != "Hummingbird" })
    }
}
