import Foundation

/// Plan files shipped inside the binary's resources, so `serve` on an empty database shows a
/// real plan whatever directory it is started from. `plans/` in the repository links here.
public enum BundledPlans {
    /// Halton Borough Council, Universal & Learning Services Service Plan 2009–12.
    public static let haltonFileName = "halton-uls-2009-12.yaml"

    public static func haltonText() throws -> String {
        guard let url = Bundle.module.url(forResource: "halton-uls-2009-12", withExtension: "yaml", subdirectory: "plans") else {
            throw DatabaseOpenError(message: "the bundled plan \(haltonFileName) is missing from the build's resources")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
