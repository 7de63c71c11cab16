/// National benchmarking: All-England quartiles computed from every authority's published value,
/// and where one council stands among them. Pure arithmetic; the data comes from storage.
public enum Benchmarking {
    /// Spreadsheet `QUARTILE.INC`: linear interpolation at position (n − 1)·p of the sorted values.
    /// Nil for no values.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = Double(sorted.count - 1) * p
        let below = Int(position.rounded(.down)), fraction = position - Double(below)
        guard below + 1 < sorted.count else { return sorted[below] }
        return sorted[below] + fraction * (sorted[below + 1] - sorted[below])
    }

    /// Where a value stands: the quartile that holds it, best first. Polarity decides which end
    /// is the top: for a lower-is-better indicator the top quartile is the lowest values.
    public enum Position: String, Choice {
        case top, upperMiddle, lowerMiddle, bottom

        public var label: String {
            switch self {
            case .top: return "Top quartile"
            case .upperMiddle: return "Upper middle quartile"
            case .lowerMiddle: return "Lower middle quartile"
            case .bottom: return "Bottom quartile"
            }
        }
    }

    /// The distribution of one indicator in one year across authorities.
    public struct Distribution: Hashable, Sendable {
        public let count: Int
        /// QUARTILE.INC at 0.25, 0.5 and 0.75 of the values (not adjusted for polarity).
        public let lower: Double
        public let median: Double
        public let upper: Double
        public let minimum: Double
        public let maximum: Double

        public init?(_ values: [Double]) {
            let sorted = values.filter(\.isFinite).sorted()
            guard let lower = quantile(sorted, 0.25), let median = quantile(sorted, 0.5), let upper = quantile(sorted, 0.75) else { return nil }
            count = sorted.count
            self.lower = lower
            self.median = median
            self.upper = upper
            minimum = sorted.first!
            maximum = sorted.last!
        }

        public func position(of value: Double, polarity: Polarity) -> Position {
            switch polarity {
            case .higherIsBetter:
                if value >= upper { return .top }
                if value >= median { return .upperMiddle }
                if value >= lower { return .lowerMiddle }
                return .bottom
            case .lowerIsBetter:
                if value <= lower { return .top }
                if value <= median { return .upperMiddle }
                if value <= upper { return .lowerMiddle }
                return .bottom
            }
        }

        /// The plan's quartile columns: Top, Middle, Bottom thresholds, the top one the best end.
        public func quartiles(polarity: Polarity) -> Quartiles {
            polarity == .higherIsBetter
                ? Quartiles(top: .value(upper), middle: .value(median), bottom: .value(lower))
                : Quartiles(top: .value(lower), middle: .value(median), bottom: .value(upper))
        }
    }

    /// Rank of `value` among `values`, 1 = best, respecting polarity; ties share a rank.
    public static func rank(of value: Double, among values: [Double], polarity: Polarity) -> Int {
        1 + values.filter { polarity.sign * ($0 - value) > 0 }.count
    }
}
