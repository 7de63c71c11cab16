/// The groups of a service plan's indicator table (section 5.2), in the order plans print them.
public enum IndicatorCategory: String, Choice {
    case corporateHealth, costAndEfficiency, fairAccess, quality, serviceDelivery

    public var label: String {
        switch self {
        case .corporateHealth: return "Corporate Health"
        case .costAndEfficiency: return "Cost & Efficiency"
        case .fairAccess: return "Fair Access"
        case .quality: return "Quality"
        case .serviceDelivery: return "Service Delivery"
        }
    }
}
