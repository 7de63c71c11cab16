import Foundation

/// A byte scan of a part before XMLCoder reads it: XMLCoder builds the whole tree in memory and
/// walks it recursively, so a part nested thousands deep would overflow the stack, and one of a
/// million tiny elements would take half a minute and hundreds of megabytes. Both are refused
/// here, in one pass and fixed memory, along with any encoding but UTF-8 (a UTF-16 part could hide
/// a DOCTYPE from the byte search for one).
enum XMLShape {
    static func check(_ data: Data, path: String, limits: ReadLimits) throws(XLSXReadError) {
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) || data.prefix(64).contains(0) {
            throw .malformedXML(path: path, reason: "it is not UTF-8 text")
        }
        if data.starts(with: Array("<?xml".utf8)), let end = data.prefix(300).range(of: Data("?>".utf8)) {
            let declaration = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self).lowercased()
            if let at = declaration.range(of: "encoding=") {
                let value = declaration[at.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }
                guard value == "utf-8" || value == "utf8" else { throw .malformedXML(path: path, reason: "it is not UTF-8 text") }
            }
        }
        let outcome: Outcome = data.withUnsafeBytes { raw in scan(raw.bindMemory(to: UInt8.self), limits: limits) }
        switch outcome {
        case .fine: break
        case .tooDeep: throw .malformedXML(path: path, reason: "its elements are nested more than \(limits.maxDepth) deep")
        case .tooManyElements: throw .malformedXML(path: path, reason: "it has more than \(limits.maxElements) elements and attributes")
        case .tooManyAttributes: throw .malformedXML(path: path, reason: "an element has more than \(limits.maxAttributesPerElement) attributes")
        }
    }

    enum Outcome { case fine, tooDeep, tooManyElements, tooManyAttributes }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, limits: ReadLimits) -> Outcome {
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), bang = UInt8(ascii: "!"), question = UInt8(ascii: "?")
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
        var depth = 0, elements = 0, i = 0
        let n = bytes.count
        /// The index just past `terminator`, searching from `from`, or n.
        func skip(past terminator: [UInt8], from: Int) -> Int {
            var j = from
            while j + terminator.count <= n {
                if bytes[j] == terminator[0], (1..<terminator.count).allSatisfy({ bytes[j + $0] == terminator[$0] }) { return j + terminator.count }
                j += 1
            }
            return n
        }
        while i < n {
            guard bytes[i] == lt, i + 1 < n else { i += 1; continue }
            let next = bytes[i + 1]
            if next == bang {
                // A comment, CDATA or declaration: skipped whole, whatever it holds.
                if i + 3 < n, bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") {
                    i = skip(past: Array("-->".utf8), from: i + 4)
                } else if i + 8 < n, bytes[i + 2] == UInt8(ascii: "[") {
                    i = skip(past: Array("]]>".utf8), from: i + 3)
                } else {
                    i = skip(past: [gt], from: i + 2)
                }
                continue
            }
            if next == question { i = skip(past: Array("?>".utf8), from: i + 2); continue }
            if next == slash {
                depth -= 1
                i = skip(past: [gt], from: i + 2)
                continue
            }
            // A start tag: to its end, past quoted attribute values (which may hold ">"). Each
            // attribute (an "=" outside quotes) counts as a node too: XMLCoder's cost grows faster
            // than their number, and 400,000 empty attributes in one cell cost 47 s.
            var j = i + 1, inQuote: UInt8 = 0, attributes = 0
            while j < n {
                let b = bytes[j]
                if inQuote != 0 {
                    if b == inQuote { inQuote = 0 }
                } else if b == quote || b == apostrophe {
                    inQuote = b
                } else if b == gt {
                    break
                } else if b == UInt8(ascii: "=") {
                    elements += 1
                    attributes += 1
                    if elements > limits.maxElements { return .tooManyElements }
                    // OOXML's elements carry a dozen at most; XMLCoder's cost grows with their square.
                    if attributes > limits.maxAttributesPerElement { return .tooManyAttributes }
                }
                j += 1
            }
            elements += 1
            if elements > limits.maxElements { return .tooManyElements }
            if !(j < n && j > 0 && bytes[j - 1] == slash) {
                depth += 1
                if depth > limits.maxDepth { return .tooDeep }
            }
            i = j + 1
        }
        return .fine
    }
}
