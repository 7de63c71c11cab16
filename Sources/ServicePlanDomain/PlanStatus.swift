/// Where a plan is in its approval: Halton's 2009–12 plan is an "Executive Board Draft".
public enum PlanStatus: String, Choice {
    case draft, approved

    public var label: String { self == .draft ? "Draft" : "Approved" }
}
