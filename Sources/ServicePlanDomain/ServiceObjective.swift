/// A departmental service objective (`ULS 1`) with its milestones per year, owner, risk and
/// the indicators that show progress.
public struct ServiceObjective: Hashable, Sendable {
    public var ref: String
    public var title: String
    /// Key Areas of Focus numbers from the council's corporate plan.
    public var areasOfFocus: [Int]
    public var ecmOutcomes: [ECMOutcome]
    /// Children and Young People's Plan priority codes, e.g. `EA1`.
    public var cyppPriorities: [String]
    /// Codes of objectives in other plans that this one is cross-referenced to, e.g. `PS3`.
    public var crossReferences: [String]
    public var responsibleOfficer: String
    public var risk: RiskProfile
    /// Refs of linked indicators; they may belong to other plans.
    public var indicatorRefs: [String]
    public var milestoneYears: [MilestoneYear]
    public var notes: [String]
    /// Email of the user account that answers for this objective (its responsible officer's account).
    public var owner: String?
    /// Exempt information (Part II): the objective and its milestones are never shown to the public.
    public var partII: Bool

    public init(
        ref: String, title: String, areasOfFocus: [Int], ecmOutcomes: [ECMOutcome] = [],
        cyppPriorities: [String] = [], crossReferences: [String] = [], responsibleOfficer: String,
        risk: RiskProfile, indicatorRefs: [String] = [], milestoneYears: [MilestoneYear], notes: [String] = [],
        owner: String? = nil, partII: Bool = false
    ) {
        self.ref = ref
        self.title = title
        self.areasOfFocus = areasOfFocus
        self.ecmOutcomes = ecmOutcomes
        self.cyppPriorities = cyppPriorities
        self.crossReferences = crossReferences
        self.responsibleOfficer = responsibleOfficer
        self.risk = risk
        self.indicatorRefs = indicatorRefs
        self.milestoneYears = milestoneYears
        self.notes = notes
        self.owner = owner
        self.partII = partII
    }
}

extension ServiceObjective {
    /// This objective with the ids of `current`'s milestones given to milestones sent without
    /// one that have the same year and words (the first unclaimed match), as a plan file's
    /// import does: leaving an id out of an edit must not turn a milestone into a new one.
    public func adoptingMilestoneIDs(from current: ServiceObjective) -> ServiceObjective {
        var objective = self
        var used = Set(milestoneYears.flatMap(\.milestones).compactMap(\.id))
        for y in objective.milestoneYears.indices {
            guard case .listed(var items) = objective.milestoneYears[y].entries else { continue }
            let before = current.milestoneYears.first { $0.year == objective.milestoneYears[y].year }?.milestones ?? []
            for i in items.indices where items[i].id == nil {
                guard let id = before.first(where: { $0.text == items[i].text && $0.id.map { !used.contains($0) } == true })?.id else { continue }
                items[i].id = id
                used.insert(id)
            }
            objective.milestoneYears[y].entries = .listed(items)
        }
        return objective
    }
}
