import ServicePlanDomain

/// A status as reports show it: a shape and a word, so it reads in greyscale print and to
/// screen readers alike — never colour alone. The shape is decoration (`aria-hidden`).
public struct StatusSymbol: Sendable {
    public let label: String
    public let shape: String
    public let cssClass: String

    /// Circle for on target, triangle for slightly off, square for off target, dash for none.
    public init(_ status: RAGStatus?) {
        switch status {
        case .green?: (label, shape, cssClass) = ("On target", "●", "status-green")
        case .amber?: (label, shape, cssClass) = ("Slightly off target", "▲", "status-amber")
        case .red?: (label, shape, cssClass) = ("Off target", "■", "status-red")
        case .noTarget?: (label, shape, cssClass) = ("No target", "–", "status-none")
        case nil: (label, shape, cssClass) = ("No figure yet", "○", "status-none")
        }
    }

    public init(_ status: MilestoneStatus?) {
        switch status {
        case .complete?: (label, shape, cssClass) = ("Complete", "★", "status-complete")
        case .green?: (label, shape, cssClass) = ("On course", "●", "status-green")
        case .amber?: (label, shape, cssClass) = ("Unclear", "▲", "status-amber")
        case .red?: (label, shape, cssClass) = ("Will not be achieved in time", "■", "status-red")
        case nil: (label, shape, cssClass) = ("Not reported", "○", "status-none")
        }
    }

    public init(_ direction: Direction) {
        switch direction {
        case .better: (label, shape, cssClass) = ("Better", "↑", "direction")
        case .same: (label, shape, cssClass) = ("The same", "→", "direction")
        case .worse: (label, shape, cssClass) = ("Worse", "↓", "direction")
        case .notComparable: (label, shape, cssClass) = ("Not comparable", "–", "direction")
        }
    }
}
