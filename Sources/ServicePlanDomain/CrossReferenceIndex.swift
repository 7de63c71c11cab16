/// The objectives of a council's other plans, by ref, so that an objective's cross-references
/// ("cross-referenced to other CYPD plans PS3, PS5 …") can be followed to the objective they
/// name. Refs are compared without spaces or case: `PS3` finds objective `PS 3`.
public struct CrossReferenceIndex: Hashable, Sendable {
    public struct Target: Hashable, Sendable {
        public let plan: String
        public let ref: String
        public let title: String
        /// A Part II objective is followed by people who may see Part II only.
        public let partII: Bool

        public var reference: ItemReference { .objective(plan: plan, ref: ref) }
    }

    /// Whose plans these are, for messages.
    public let councilName: String
    private var targets: [String: Target] = [:]

    /// Every objective of `plans` except those of the plan `code` itself.
    public init(councilName: String, plans: [ServicePlan], excluding code: String) {
        self.councilName = councilName
        for plan in plans where plan.code != code {
            for objective in plan.objectives {
                targets[Self.key(objective.ref)] = Target(plan: plan.code, ref: objective.ref, title: objective.title,
                                                         partII: objective.partII || plan.isPartII(.objective(plan: plan.code, ref: objective.ref)))
            }
        }
    }

    public static func key(_ ref: String) -> String {
        String(ref.uppercased().filter { !$0.isWhitespace })
    }

    public func resolve(_ ref: String) -> Target? {
        targets[Self.key(ref)]
    }
}
