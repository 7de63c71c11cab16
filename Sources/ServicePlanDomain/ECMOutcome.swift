/// The five Every Child Matters outcomes (Children Act 2004).
public enum ECMOutcome: String, Choice {
    case beHealthy, staySafe, enjoyAndAchieve, makeAPositiveContribution, achieveEconomicWellBeing

    public var label: String {
        switch self {
        case .beHealthy: return "Be Healthy"
        case .staySafe: return "Stay Safe"
        case .enjoyAndAchieve: return "Enjoy and Achieve"
        case .makeAPositiveContribution: return "Make a Positive Contribution"
        case .achieveEconomicWellBeing: return "Achieve Economic Well-Being"
        }
    }
}
