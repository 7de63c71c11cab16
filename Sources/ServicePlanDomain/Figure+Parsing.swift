extension Figure {
    /// The largest magnitude any figure may have: a trillion. Councils' money, counts and rates
    /// are far below it, and every sum, share or forecast made from figures this size stays
    /// finite — so nothing a person types can make a computed number infinite.
    public static let magnitudeLimit = 1e12

    /// A plain decimal as people write figures — `41.2`, `-3`, `1e6`, `1,200` — and nothing else:
    /// not hexadecimal (`0x10`), `inf`, `nan`, or a number beyond `magnitudeLimit`. Nil otherwise.
    public static func decimal(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces
        var scalars = Array(trimmed.unicodeScalars)
        // Thousands separators, as spreadsheets write them: 1,200 or 1,200,000.50.
        if scalars.contains(",") {
            let integer = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
            let head = groups[0].hasPrefix("-") || groups[0].hasPrefix("+") ? groups[0].dropFirst() : groups[0]
            guard (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            scalars.removeAll { $0 == "," }
        }
        var i = 0
        func digits() -> Int {
            let start = i
            while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
            return i - start
        }
        if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" { i += 1 }
        var count = digits()
        if i < scalars.count, scalars[i] == "." { i += 1; count += digits() }
        guard count > 0 else { return nil }
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
            i += 1
            if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == scalars.count, let value = Double(String(String.UnicodeScalarView(scalars))), value.isFinite,
              abs(value) <= magnitudeLimit else { return nil }
        // "-0" (or an underflow such as -1e-400) is zero: PostgreSQL would keep the sign, SQLite not.
        return value == 0 ? 0 : value
    }

    /// Refuses a number that is not finite or is beyond `magnitudeLimit`.
    public static func checkMagnitude(_ value: Double) throws(RuleViolation) {
        guard value.isFinite, abs(value) <= magnitudeLimit else {
            throw RuleViolation(value: value.isFinite ? format(value) : String(describing: value),
                                rule: "is not a figure between −1,000,000,000,000 and 1,000,000,000,000")
        }
    }
}
