/// How an indicator stands against its target. Shown with words and shapes, never colour alone.
public enum RAGStatus: String, Choice {
    case green, amber, red
    /// The target is missing (TBA, N/A, baseline to be established): never green.
    case noTarget

    public var label: String {
        switch self {
        case .green: return "On target"
        case .amber: return "Slightly off target"
        case .red: return "Off target"
        case .noTarget: return "No target"
        }
    }
}

/// Direction of travel: the actual against a comparison value (same quarter last year, or the
/// previous quarter).
public enum Direction: String, Choice {
    case better, same, worse, notComparable

    public var label: String {
        switch self {
        case .better: return "Better"
        case .same: return "The same"
        case .worse: return "Worse"
        case .notComparable: return "Not comparable"
        }
    }
}
