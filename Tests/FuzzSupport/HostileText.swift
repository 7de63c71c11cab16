/// Values and edits that have broken parsers before: numbers at and past the edges of a Double,
/// YAML's special scalars and indicators, quoting, control characters, scripts and direction
/// marks, and very long text.
public enum HostileText {
    public static let scalars: [String] = [
        "", " ", "~", "null", "Null", "NULL", "true", "no", "yes", "on", "off",
        "0", "-0", "+1", "1e308", "1.7976931348623157e308", "1e309", "-1e309", "4.9e-324", "1e-400", ".inf", "-.inf", ".nan", "NaN",
        "Infinity", "0x10", "0o17", "0b101", "1_000", "1,000", "12.5%", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999999", "00012", "1.", ".5", "1e", "--1", "2009/10", "2009-10-Q2", "2010/11",
        "Unknown", "TBA", "N/A", "New indicator", "baseline to be established",
        "'", "\"", "'unterminated", "\"unterminated", "\\", "\\u0000", "\t", "a\tb", "#", "# comment", ": ", "- ", "? ", "|", ">",
        "&anchor", "*alias", "*undefined", "!!binary AAAA", "!!str 5", "!!float nan", "!<tag:yaml.org,2002:int> 3", "%YAML 1.1", "---",
        "...", "[", "]", "{", "}", "[1, 2", "{a: 1", "@", "`", ",", "<script>alert(1)</script>", "' OR '1'='1",
        "\u{202E}evil", "\u{FEFF}", "\u{200B}", "é", "e\u{301}", "日本語", "🏫", "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
        "\u{7}", "\u{1B}[31m", "\r", "\u{85}", "\u{2028}", "½", "٣", "𝟘", "Ⅻ", "ｅ", "Ｅ06000006",
        String(repeating: "x", count: 10_000), String(repeating: "9", count: 400), String(repeating: "[", count: 300),
    ]

    /// One random edit of `text`, line-wise or character-wise.
    public static func mutate(_ text: String, using random: inout FuzzRandom) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return random.pick(scalars) }
        let index = Int.random(in: 0..<lines.count, using: &random)
        switch Int.random(in: 0..<11, using: &random) {
        case 0: lines.remove(at: index)
        case 1: lines.insert(lines[index], at: index)
        case 2:
            let other = Int.random(in: 0..<lines.count, using: &random)
            lines.swapAt(index, other)
        case 3: lines[index] = String(repeating: " ", count: Int.random(in: 0...6, using: &random)) + lines[index].drop { $0 == " " }
        case 4:
            // A value replaced: everything after the line's first ": " (or the whole line).
            if let colon = lines[index].range(of: ": ") {
                lines[index] = String(lines[index][..<colon.upperBound]) + random.pick(scalars)
            } else if let dash = lines[index].range(of: "- ") {
                lines[index] = String(lines[index][..<dash.upperBound]) + random.pick(scalars)
            } else {
                lines[index] = random.pick(scalars)
            }
        case 5: lines.insert(random.pick(scalars), at: index)
        case 6:
            // Cut the file somewhere.
            let characters = Array(text)
            return String(characters.prefix(Int.random(in: 0...characters.count, using: &random)))
        case 7:
            // One character replaced, inserted or removed.
            var characters = Array(lines[index])
            let at = Int.random(in: 0...characters.count, using: &random)
            let character = random.pick(Array("\u{0}\t\"':#-&*![]{},|>%@`\\ ~é🏫\r"))
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where at < characters.count: characters[at] = character
            case 1 where at < characters.count: characters.remove(at: at)
            default: characters.insert(character, at: at)
            }
            lines[index] = String(characters)
        case 8: lines = lines.map { $0 + "\r" }
        case 9:
            // A block of lines repeated many times.
            let end = min(lines.count, index + Int.random(in: 1...5, using: &random))
            let block = lines[index..<end]
            lines.insert(contentsOf: Array(repeating: block, count: Int.random(in: 2...50, using: &random)).flatMap { $0 }, at: end)
        default:
            // A digit in the line changed to another number.
            if let digit = lines[index].firstIndex(where: \.isNumber) {
                lines[index].replaceSubrange(digit...digit, with: random.pick(["0", "9", "-1", "99999", "1e308", "0.0001", ".", "-"]))
            } else {
                lines[index] += random.pick(scalars)
            }
        }
        return lines.joined(separator: "\n")
    }
}
