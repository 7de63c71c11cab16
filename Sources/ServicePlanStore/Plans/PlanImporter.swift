import Foundation
import Logging
import ServicePlanDomain

/// Imports plan files and council files: read and check everything first, then store it in one
/// transaction. A file with any error leaves the database exactly as it was.
public struct PlanImporter: Sendable {
    let repository: any PlanRepository
    /// Where plans that name their council by code find it; without it, the bundled councils.
    let councils: (any CouncilRepository)?

    public init(repository: any PlanRepository, councils: (any CouncilRepository)? = nil) {
        self.repository = repository
        self.councils = councils
    }

    public init(stores: Stores) {
        self.init(repository: stores.plans, councils: stores.councils)
    }

    /// What a file turned out to be.
    public enum Imported: Sendable {
        case plan(ServicePlan)
        /// A council, and the codes of the stored plans linked to it (updated with it).
        case council(CouncilFramework, plans: [String])
    }

    /// Imports the plan or council file at `path`; `path` as given is the name used in messages.
    public func importAnyFile(at path: String, actor: Actor) async throws -> Imported {
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
        return try await importAny(String(decoding: bytes, as: UTF8.self), file: path, actor: actor)
    }

    /// Tells a council file (`format: serviceplan-council/1`) from a plan file and imports it.
    public func importAny(_ text: String, file: String, actor: Actor) async throws -> Imported {
        // Composed once, for telling the kinds apart and for reading: a plan file near the size
        // limit takes seconds to compose.
        let (root, reader) = try PlanFileReader.compose(text, file: file)
        guard CouncilFileReader.isCouncilFile(root) else {
            return .plan(try await importPlan(text, file: file, actor: actor) { councils throws(PlanFileError) in
                try PlanFileReader.read(root, reader, file: file, councils: councils)
            })
        }
        guard let councils else {
            throw PlanFileError(file: file, line: 1, field: .root, violation: RuleViolation(value: nil, rule: "is a council file; this store holds no councils"))
        }
        let council = try CouncilFileReader.read(root, reader, file: file)
        do {
            return .council(council, plans: try await councils.replace(council, actor: actor))
        } catch let refused as CouncilChangeRefused {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("\(refused.field):") }.map { $0 + 1 }
            throw PlanFileError(file: file, line: line, field: FieldPath.root[refused.field], violation: RuleViolation(value: refused.value, rule: refused.rule))
        }
    }

    /// Imports the plan file at `path`; `path` as given is the name used in error messages.
    @discardableResult
    public func importFile(at path: String, actor: Actor) async throws -> ServicePlan {
        switch try await importAnyFile(at: path, actor: actor) {
        case .plan(let plan): return plan
        case .council: throw PlanFileError(file: path, line: 1, field: .root, violation: RuleViolation(value: nil, rule: "is a council file, not a plan file"))
        }
    }

    @discardableResult
    public func importText(_ text: String, file: String, actor: Actor) async throws -> ServicePlan {
        try await importPlan(text, file: file, actor: actor) { councils throws(PlanFileError) in
            try PlanFileReader.read(text, file: file, councils: councils)
        }
    }

    /// Imports the plan `read` makes of `text`, given how to look councils up.
    private func importPlan(_ text: String, file: String, actor: Actor,
                            read: ((String) -> CouncilFramework?) throws(PlanFileError) -> ServicePlan) async throws -> ServicePlan {
        guard let councils else {
            let plan = try read(BundledPlans.council)
            try await repository.replace(plan, actor: actor)
            return plan
        }
        // A stored council first; failing that, one bundled with serviceplan (Halton), which is
        // then stored with the plan, so the shipped plan imports into a new database on its own.
        let stored = try await councils.councils()
        let plan = try read { code in stored.first { $0.code == code } ?? BundledPlans.council(code) }
        if let link = plan.link {
            // A department has one plan at a time: a new three-year plan follows the last one.
            for code in try await councils.planCodes(council: link.council) where code != plan.code {
                guard let other = try await repository.plan(code: code), other.link?.department == link.department,
                      other.period.overlaps(plan.period) else { continue }
                let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("period:") }.map { $0 + 1 }
                throw PlanFileError(file: file, line: line, field: FieldPath.root["period"], violation: RuleViolation(
                    value: "\(plan.period.first.label)–\(plan.period.last.label)",
                    rule: "overlaps plan \(other.code) (\(other.period.first.label)–\(other.period.last.label)) of the same department; a department has one plan at a time"))
            }
        }
        if let link = plan.link, !stored.contains(where: { $0.code == link.council }), let bundled = BundledPlans.council(link.council) {
            try await councils.replace(bundled, actor: actor)
        }
        try await repository.replace(plan, actor: actor)
        return plan
    }

    /// Loads the bundled Halton plan, and with it the Halton council, when the database holds no
    /// plan, so a first run shows content. Returns the plan's code, or nil when plans were already there.
    public func seedIfEmpty(logger: Logger) async throws -> String? {
        guard try await repository.planCount() == 0 else { return nil }
        let actor = Actor(name: "serviceplan (bundled plan loaded on first start)", via: .import)
        let plan = try await importText(try BundledPlans.haltonText(), file: "plans/\(BundledPlans.haltonFileName)", actor: actor)
        logger.info("Loaded the bundled plan \(plan.code): \(plan.title)")
        return plan.code
    }
}
