/// An entry of the risk register (Appendix 1): a risk to an objective and the measures that treat it.
public struct Risk: Hashable, Sendable {
    public var objectiveRef: String
    public var description: String
    public var treatment: [String]
    public var initial: RiskAssessment
    public var residual: RiskAssessment
    public var notes: [String]

    public init(objectiveRef: String, description: String, treatment: [String],
                initial: RiskAssessment, residual: RiskAssessment, notes: [String] = []) {
        self.objectiveRef = objectiveRef
        self.description = description
        self.treatment = treatment
        self.initial = initial
        self.residual = residual
        self.notes = notes
    }
}
