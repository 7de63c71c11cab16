import ServicePlanDomain
import Testing

@Suite struct BenchmarkingTests {
    @Test("quartiles interpolate like QUARTILE.INC at (n − 1)·p", arguments: [
        ([1.0, 2, 3, 4], 0.25, 1.75), ([1.0, 2, 3, 4], 0.5, 2.5), ([1.0, 2, 3, 4], 0.75, 3.25),
        ([7.0], 0.25, 7), ([3.0, 1, 2], 0.5, 2), ([10.0, 20, 30, 40, 50], 0.75, 40), ([1.0, 2], 1, 2), ([1.0, 2], 0, 1),
    ])
    func quantile(values: [Double], p: Double, expected: Double) {
        #expect(Benchmarking.quantile(values.sorted(), p) == expected)
    }

    @Test("no values give no quartiles")
    func empty() {
        #expect(Benchmarking.quantile([], 0.5) == nil)
        #expect(Benchmarking.Distribution([]) == nil)
    }

    @Test("the top quartile is the better end: highest values when higher is better, lowest when lower is", arguments: [
        (90.0, Polarity.higherIsBetter, Benchmarking.Position.top), (60, .higherIsBetter, .upperMiddle), (40, .higherIsBetter, .lowerMiddle),
        (10, .higherIsBetter, .bottom), (10, .lowerIsBetter, .top), (40, .lowerIsBetter, .upperMiddle), (60, .lowerIsBetter, .lowerMiddle),
        (90, .lowerIsBetter, .bottom),
    ])
    func position(value: Double, polarity: Polarity, expected: Benchmarking.Position) throws {
        // 0…100 in tens: lower 25, median 50, upper 75.
        let distribution = try #require(Benchmarking.Distribution(stride(from: 0.0, through: 100, by: 10).map { $0 }))
        #expect(distribution.lower == 25 && distribution.median == 50 && distribution.upper == 75)
        #expect(distribution.position(of: value, polarity: polarity) == expected)
    }

    @Test("rank 1 is best, respecting polarity, and ties share a rank")
    func rank() {
        let values = [10.0, 20, 20, 30]
        #expect(Benchmarking.rank(of: 30, among: values, polarity: .higherIsBetter) == 1)
        #expect(Benchmarking.rank(of: 20, among: values, polarity: .higherIsBetter) == 2)
        #expect(Benchmarking.rank(of: 10, among: values, polarity: .higherIsBetter) == 4)
        #expect(Benchmarking.rank(of: 10, among: values, polarity: .lowerIsBetter) == 1)
        #expect(Benchmarking.rank(of: 20, among: values, polarity: .lowerIsBetter) == 2)
    }

    @Test("the plan's Top, Middle and Bottom columns put the better end on top")
    func planColumns() throws {
        let d = try #require(Benchmarking.Distribution([1, 2, 3, 4, 5]))
        #expect(d.quartiles(polarity: .higherIsBetter) == Quartiles(top: .value(4), middle: .value(3), bottom: .value(2)))
        #expect(d.quartiles(polarity: .lowerIsBetter) == Quartiles(top: .value(2), middle: .value(3), bottom: .value(4)))
    }
}

@Suite struct AuthorityCodeTests {
    @Test("an ONS code is a capital letter and eight ASCII digits; look-alike digits and letters are refused",
          arguments: [("E06000006", true), ("W06000001", true), ("E0600000½", false), ("E0600000٣", false), ("Ｅ06000006", false),
                      ("e06000006", false), ("E0600006", false), ("E060000066", false), ("É06000006", false), ("", false)])
    func authorityCodes(code: String, valid: Bool) {
        #expect(((try? Council.checkAuthorityCode(code)) != nil) == valid, "\(code)")
    }
}
