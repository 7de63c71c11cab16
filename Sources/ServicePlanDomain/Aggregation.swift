/// How an indicator's quarterly figures relate to its annual target.
public enum Aggregation: String, Choice {
    /// Each quarter's value stands for the year (a percentage, a rate): compare it with the target.
    case snapshot
    /// Counts that add up over the year, reported year to date: compare with the target's
    /// pro-rata share, T × q/4.
    case cumulative

    public var label: String { self == .snapshot ? "Snapshot" : "Cumulative (year to date)" }
}
