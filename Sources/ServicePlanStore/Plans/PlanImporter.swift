import Foundation
import Logging
import ServicePlanDomain

/// Imports plan files: read and check everything first, then replace the stored plan in one
/// transaction. A file with any error leaves the database exactly as it was.
public struct PlanImporter: Sendable {
    let repository: any PlanRepository

    public init(repository: any PlanRepository) {
        self.repository = repository
    }

    /// Imports the file at `path`; `path` as given is the name used in error messages.
    @discardableResult
    public func importFile(at path: String, actor: Actor) async throws -> ServicePlan {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw PlanFileError(file: path, line: nil, field: .root,
                                violation: RuleViolation(value: nil, rule: "cannot be read: \(error.localizedDescription)"))
        }
        if let line = PlanFileText.invalidUTF8Line(bytes) {
            throw PlanFileError(file: path, line: line, field: .root,
                                violation: RuleViolation(value: nil, rule: "is not UTF-8 text: save the file as UTF-8"))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return try await importText(text, file: path, actor: actor)
    }

    @discardableResult
    public func importText(_ text: String, file: String, actor: Actor) async throws -> ServicePlan {
        let plan = try PlanFileReader.read(text, file: file)
        try await repository.replace(plan, actor: actor)
        return plan
    }

    /// Loads the bundled Halton plan when the database holds no plan, so a first run shows content.
    /// Returns the code loaded, or nil when plans were already there.
    public func seedIfEmpty(logger: Logger) async throws -> String? {
        guard try await repository.summaries().isEmpty else { return nil }
        let plan = try await importText(try BundledPlans.haltonText(), file: "plans/\(BundledPlans.haltonFileName)",
                                        actor: Actor(name: "serviceplan (bundled plan loaded on first start)", via: .import))
        logger.info("Loaded the bundled plan \(plan.code): \(plan.title)")
        return plan.code
    }
}
