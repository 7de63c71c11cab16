import Foundation
import ServicePlanDomain

/// Files shipped inside the binary's resources, so `serve` on an empty database shows a real
/// council and plan whatever directory it is started from. `plans/` in the repository links here.
public enum BundledPlans {
    /// Halton Borough Council, Universal & Learning Services Service Plan 2009–12.
    public static let haltonFileName = "halton-uls-2009-12.yaml"
    /// Halton Borough Council's framework: its corporate plan, directorate, department and board.
    public static let councilFileName = "halton-council.yaml"

    public static func haltonText() throws -> String {
        try text(haltonFileName)
    }

    public static func councilText() throws -> String {
        try text(councilFileName)
    }

    private static func text(_ name: String) throws -> String {
        let stem = String(name.dropLast(".yaml".count))
        guard let url = Bundle.module.url(forResource: stem, withExtension: "yaml", subdirectory: "plans") else {
            throw DatabaseOpenError(message: "the bundled file \(name) is missing from the build's resources")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The bundled council, read once.
    static let halton: CouncilFramework? = try? CouncilFileReader.read(councilText(), file: "plans/\(councilFileName)")

    /// Looks a bundled council up by code: what a plan file read without a database (a test, a
    /// check) resolves `council: HALTON` against. Imports resolve against the stored councils.
    public static func council(_ code: String) -> CouncilFramework? {
        halton.flatMap { $0.code == code ? $0 : nil }
    }
}
