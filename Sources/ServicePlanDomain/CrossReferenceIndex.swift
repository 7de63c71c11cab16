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

        public init(plan: String, ref: String, title: String, partII: Bool) {
            self.plan = plan
            self.ref = ref
            self.title = title
            self.partII = partII
        }
    }

    /// Whose plans these are, for messages.
    public let councilName: String
    private var targets: [String: Target] = [:]

    /// The objectives `targets`, in their plans' code order and each plan's order: where two
    /// share a ref, the later one is found.
    public init(councilName: String, targets: [Target]) {
        self.councilName = councilName
        for target in targets { self.targets[Self.key(target.ref)] = target }
    }

    public static func key(_ ref: String) -> String {
        String(ref.uppercased().filter { !$0.isWhitespace })
    }

    public func resolve(_ ref: String) -> Target? {
        targets[Self.key(ref)]
    }
}
