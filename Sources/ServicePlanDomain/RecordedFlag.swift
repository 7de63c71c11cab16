/// A yes/no fact about an item that the source may not have recorded (the Halton plan marks key
/// indicators by bold underlining, which was lost in extraction): `unknown` is not `no`.
public enum RecordedFlag: String, Choice {
    case yes, no, unknown

    public var label: String {
        switch self {
        case .yes: return "Yes"
        case .no: return "No"
        case .unknown: return "Not known"
        }
    }
}
