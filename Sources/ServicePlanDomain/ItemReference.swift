/// Names one item of one plan: what findings point at, what links are built from and what Part II
/// visibility is decided on. Layers pass these instead of strings joined by separators, so no
/// code has to guess an item's kind from how its ref is spelt.
public indirect enum ItemReference: Hashable, Sendable {
    case plan(String)
    case objective(plan: String, ref: String)
    case milestone(plan: String, objective: String, id: Int64)
    case indicator(plan: String, ref: String)
    case risk(plan: String, id: Int64)
    case equalityAction(plan: String, id: Int64)
    /// A whole quarterly return.
    case quarterlyReturn(plan: String, quarter: Quarter)
    /// One line of a quarterly return: an indicator's actual or a milestone's status in that quarter.
    case returnLine(quarter: Quarter, item: ItemReference)

    /// The plan's code.
    public var plan: String {
        switch self {
        case .plan(let code): return code
        case .objective(let code, _), .indicator(let code, _): return code
        case .milestone(let code, _, _): return code
        case .risk(let code, _), .equalityAction(let code, _): return code
        case .quarterlyReturn(let code, _): return code
        case .returnLine(_, let item): return item.plan
        }
    }

    /// The quarter, for a return or one of its lines.
    public var quarter: Quarter? {
        switch self {
        case .quarterlyReturn(_, let q), .returnLine(let q, _): return q
        default: return nil
        }
    }

    /// The item itself, without the quarter of a return line.
    public var item: ItemReference {
        if case .returnLine(_, let item) = self { return item.item }
        return self
    }

    /// The item as a person names it: `NI80`, `ULS 1`, `milestone 12 (ULS 1)`, `return`.
    public var name: String {
        switch self {
        case .plan(let code): return code
        case .objective(_, let ref), .indicator(_, let ref): return ref
        case .milestone(_, let objective, let id): return "milestone \(id) (\(objective))"
        case .risk(_, let id): return "risk \(id)"
        case .equalityAction(_, let id): return "equality action \(id)"
        case .quarterlyReturn: return "return"
        case .returnLine(_, let item): return item.name
        }
    }
}

extension ServicePlan {
    /// Whether the item is exempt from publication (Part II), directly or through the objective
    /// it belongs to. The one place that decides it for a reference: findings, links and lists
    /// shown to the public ask here.
    public func isPartII(_ reference: ItemReference) -> Bool {
        switch reference {
        case .plan, .quarterlyReturn: return false
        case .objective(_, let ref): return objective(ref)?.partII ?? false
        case .milestone(_, let objectiveRef, _): return objective(objectiveRef)?.partII ?? false
        case .indicator(_, let ref): return indicator(ref)?.partII ?? false
        case .risk(_, let id):
            guard let risk = risks.first(where: { $0.id == id }) else { return false }
            return risk.partII || (objective(risk.objectiveRef)?.partII ?? false)
        case .equalityAction(_, let id): return equalityActions.first { $0.id == id }?.partII ?? false
        case .returnLine(_, let item): return isPartII(item)
        }
    }
}
