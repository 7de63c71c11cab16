/// Checks on a plan file's raw text before any YAML is parsed: what the YAML library would
/// otherwise stop on without a line, or spend exponential time and memory on.
enum PlanFileText {
    /// The largest plan file read: the Halton plan is 40 KB; a council's largest is a few hundred.
    static let maximumBytes = 5_000_000

    /// The first problem in the raw text, with its line: a NUL character, or a YAML anchor (`&a`)
    /// or alias (`*a`). Plan files never need anchors or aliases, and aliases are how a 500-byte
    /// file expands to gigabytes or takes minutes to read, so they are refused outright.
    static func problem(_ text: String) -> (line: Int, rule: String)? {
        var line = 0
        var blockIndent: Int?    // inside a block scalar (`|` or `>`): lines indented deeper than this
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let content = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if content.utf8.contains(0) { return (line, "contains a NUL character") }
            let indent = content.prefix { $0 == " " }.count
            let body = content.dropFirst(indent)
            if let block = blockIndent {
                if body.isEmpty || indent > block { continue }
                blockIndent = nil
            }
            // Only a line holding `&` or `*` can hold an anchor or alias: the byte test spares
            // the character walk on nearly every line.
            if body.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }), let token = nodeStartToken(body) { return (line, "uses the YAML \(token.first == "&" ? "anchor" : "alias") \(token), which plan files do not allow: write the value out in full") }
            // A line ending in `|` or `>` (with chomping or indentation hints) opens a block scalar.
            let stripped = stripComment(body).trimmingSuffix
            if let last = stripped.split(separator: " ").last, let first = last.first, first == "|" || first == ">",
               last.dropFirst().allSatisfy({ "+-0123456789".contains($0) }) {
                blockIndent = indent
            }
        }
        return nil
    }

    /// An anchor or alias token where a YAML node can start: at the start of the line's content,
    /// after `- `, `: `, `? `, or inside flow collections after `[`, `{` or `,`. Quoted text and
    /// comments are skipped; `&` or `*` inside plain text ("Children & Young People") is not a token.
    static func nodeStartToken(_ body: Substring) -> String? {
        var atNodeStart = true, quote: Character?, previous: Character = " "
        var index = body.startIndex
        while index < body.endIndex {
            let c = body[index]
            if let q = quote {
                if c == q { quote = nil }
                previous = c
                index = body.index(after: index)
                continue
            }
            if c == "#" && (previous == " " || index == body.startIndex) { return nil }
            if atNodeStart && (c == "&" || c == "*") {
                let token = body[index...].prefix { $0 != " " && $0 != "," && $0 != "]" && $0 != "}" }
                if token.count > 1 { return String(token) }
            }
            if atNodeStart && (c == "\"" || c == "'") { quote = c; atNodeStart = false }
            else if c == "[" || c == "{" || c == "," { atNodeStart = true }
            else if (c == "-" || c == ":" || c == "?") {
                let next = body.index(after: index)
                atNodeStart = next == body.endIndex || body[next] == " "
            } else if c != " " { atNodeStart = false }
            previous = c
            index = body.index(after: index)
        }
        return nil
    }

    /// The line without a trailing comment (a `#` after a space, outside quotes).
    static func stripComment(_ body: Substring) -> Substring {
        var quote: Character?, previous: Character = " "
        for index in body.indices {
            let c = body[index]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "#" && previous == " " {
                return body[..<index]
            }
            previous = c
        }
        return body
    }

    /// Where invalid UTF-8 starts in `bytes`, as a line number, or nil when the bytes are UTF-8.
    static func invalidUTF8Line(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8(), line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: return nil
            case .error: return line
            }
        }
    }
}

extension Substring {
    fileprivate var trimmingSuffix: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
