/// All-England quartile thresholds for one year, as the indicator table prints them: the value
/// marking the top quartile, the middle (median) and the bottom quartile.
public struct Quartiles: Hashable, Sendable {
    public var top: Figure
    public var middle: Figure
    public var bottom: Figure

    public init(top: Figure, middle: Figure, bottom: Figure) {
        self.top = top
        self.middle = middle
        self.bottom = bottom
    }
}
