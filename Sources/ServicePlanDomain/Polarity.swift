/// Which way is good for an indicator. Achievement gaps (NI92, NI104, NI105) are lower-is-better.
public enum Polarity: String, Choice {
    case higherIsBetter, lowerIsBetter

    /// +1 when higher is better, −1 when lower is better: multiplies a difference so that
    /// a positive result is always an improvement.
    public var sign: Double { self == .higherIsBetter ? 1 : -1 }

    public var label: String { self == .higherIsBetter ? "Higher is better" : "Lower is better" }
}
