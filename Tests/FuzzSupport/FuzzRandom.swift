import Foundation

/// A seeded generator (SplitMix64), so every fuzz case can be run again from its seed.
public struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `chance`.
    public mutating func chance(_ chance: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < chance
    }

    public mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &self)]
    }
}

/// How many cases a fuzz test runs, and from which seed. CI runs a bounded, fixed set (the same
/// every run, so a red run can be repeated); `scripts/fuzz` runs many more from a new seed.
///
/// - `SERVICEPLAN_FUZZ_CASES`: cases per fuzz test (each test has its own default);
/// - `SERVICEPLAN_FUZZ_SEED`: the first case's seed (default 2009); case `i` uses seed + i;
/// - `SERVICEPLAN_FUZZ_CASE`: run only case `i` (to reproduce a failure the test reported).
public struct FuzzBudget: Sendable {
    public let seeds: [UInt64]

    public init(defaultCases: Int) {
        let environment = ProcessInfo.processInfo.environment
        let first = environment["SERVICEPLAN_FUZZ_SEED"].flatMap { UInt64($0) } ?? 2009
        if let only = environment["SERVICEPLAN_FUZZ_CASE"].flatMap({ UInt64($0) }) {
            seeds = [first &+ only]
        } else {
            let cases = environment["SERVICEPLAN_FUZZ_CASES"].flatMap { Int($0) } ?? defaultCases
            seeds = (0..<UInt64(max(0, cases))).map { first &+ $0 }
        }
    }

    /// What to quote in a failure so the case can be run alone.
    public static func reproduce(_ seed: UInt64) -> String {
        let first = ProcessInfo.processInfo.environment["SERVICEPLAN_FUZZ_SEED"].flatMap { UInt64($0) } ?? 2009
        return "SERVICEPLAN_FUZZ_SEED=\(first) SERVICEPLAN_FUZZ_CASE=\(seed &- first)"
    }
}

extension FuzzBudget {
    /// With `SERVICEPLAN_FUZZ_DUMP=DIR`, writes a case's input to DIR/case-SEED, to replay by hand.
    public static func dump(_ input: String, seed: UInt64) {
        guard let folder = ProcessInfo.processInfo.environment["SERVICEPLAN_FUZZ_DUMP"] else { return }
        try? input.write(toFile: "\(folder)/case-\(seed)", atomically: true, encoding: .utf8)
    }
}
