/// National Indicator Set (`NI80`, prescribed by central government) or a council's own (`ULS LI1`).
public enum IndicatorScope: String, Choice {
    case national, local

    public var label: String { self == .national ? "National" : "Local" }
}
