/// An entry of the risk register (Appendix 1): a risk to an objective and the measures that treat it.
public struct Risk: Hashable, Sendable {
    /// Assigned by storage; nil until the risk is first stored. Stable across edits.
    public var id: Int64?
    public var objectiveRef: String
    public var description: String
    public var treatment: [String]
    public var initial: RiskAssessment
    public var residual: RiskAssessment
    public var notes: [String]
    /// Exempt information (Part II): never shown to the public.
    public var partII: Bool

    public init(id: Int64? = nil, objectiveRef: String, description: String, treatment: [String],
                initial: RiskAssessment, residual: RiskAssessment, notes: [String] = [], partII: Bool = false) {
        self.id = id
        self.objectiveRef = objectiveRef
        self.description = description
        self.treatment = treatment
        self.initial = initial
        self.residual = residual
        self.notes = notes
        self.partII = partII
    }
}
