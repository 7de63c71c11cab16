import ServicePlanDomain
import ServicePlanStore

/// The council's benchmarking settings: its ONS code and its comparison group.
struct BenchmarkingDocument: Codable, Sendable, Equatable {
    var authorityCode: String?
    var neighbours: [String]
}

extension ItemKinds {
    /// Only admins (the performance team) set which authority the council is in national data.
    static let benchmarking = ItemKind<BenchmarkingDocument>(
        type: "plan", noun: "benchmarking settings",
        find: { plan, _ in BenchmarkingDocument(authorityCode: plan.council.authorityCode, neighbours: plan.council.neighbours) },
        // Keyed by the plan's code, as the plan's own audit records are.
        key: { _ in nil },
        canEdit: { user, _, _ in user?.role == .admin && user?.disabled == false },
        canCreate: { _, _, _ in false },
        canDelete: { _, _, _ in false },
        apply: { plan, _, document in
            guard let document else { return nil }
            for (index, code) in ([document.authorityCode].compactMap { $0 } + document.neighbours).enumerated() {
                do throws(RuleViolation) { try Council.checkAuthorityCode(code) } catch {
                    throw PlanViolation(index == 0 && document.authorityCode != nil ? FieldPath.root["authorityCode"] : FieldPath.root["neighbours"], error)
                }
            }
            plan.council.authorityCode = document.authorityCode
            plan.council.neighbours = document.neighbours
            return plan.code
        },
        changesRestrictedFields: { _, _ in false },
        auditKey: { $0 })
}

extension ItemForms {
    static let benchmarking = ItemForm<BenchmarkingDocument>(
        kind: ItemKinds.benchmarking,
        heading: { _ in "Benchmarking settings" },
        values: { d in ["authorityCode": [d.authorityCode ?? ""], "neighbours": [d.neighbours.joined(separator: ", ")]] },
        blank: { _, _ in [:] },
        fields: { v, _, _ in
            [
                FormField("authorityCode", "The council's ONS authority code", value: v.one("authorityCode"),
                          hint: "A capital letter and eight digits, for example E06000006 for Halton", narrow: true),
                FormField("neighbours", "Comparison group (statistical neighbours)", value: v.one("neighbours"),
                          hint: "ONS codes separated by commas, for example E08000011, E08000012"),
            ]
        },
        parse: { v, _, _ in
            var r = FormReader(v)
            let code = r.optional("authorityCode")?.uppercased()
            if let code, (try? Council.checkAuthorityCode(code)) == nil {
                r.errors.append(("authorityCode", "The ONS code must be a capital letter and eight digits, for example E06000006"))
            }
            let neighbours = r.list("neighbours").map { $0.uppercased() }
            if let bad = neighbours.first(where: { (try? Council.checkAuthorityCode($0)) == nil }) {
                r.errors.append(("neighbours", "\(bad) is not an ONS code: write a capital letter and eight digits"))
            }
            guard r.errors.isEmpty else { return (nil, r.errors) }
            return (BenchmarkingDocument(authorityCode: code, neighbours: neighbours), [])
        },
        field: { path in
            guard case .key(let first)? = path.components.first else { return nil }
            return first
        },
        anchor: { _ in "#benchmarking" })
}
