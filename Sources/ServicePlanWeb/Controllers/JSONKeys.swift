import Foundation

/// Finds a key given twice in one JSON object. Foundation's decoder quietly keeps one of them,
/// and another reader of the same body (a proxy, an audit tool, the council's own script) might
/// keep the other; a body that means two things is refused instead.
enum JSONKeys {
    /// The first key repeated within one object, or nil. Malformed JSON is left to the decoder.
    static func firstDuplicate(in data: Data) -> String? {
        let bytes = [UInt8](data)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        // One frame per open object or array: the keys seen, and whether a key comes next.
        var frames: [(keys: Set<String>, isObject: Bool, expectsKey: Bool)] = []
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case quote:
                var end = i + 1
                while end < bytes.count, bytes[end] != quote { end += bytes[end] == backslash ? 2 : 1 }
                guard end < bytes.count else { return nil }
                if let top = frames.last, top.isObject, top.expectsKey {
                    let raw = Data(bytes[i...end])
                    let key = (try? JSONDecoder().decode(String.self, from: raw)) ?? String(decoding: raw, as: UTF8.self)
                    if frames[frames.count - 1].keys.insert(key).inserted == false { return key }
                    frames[frames.count - 1].expectsKey = false
                }
                i = end
            case UInt8(ascii: "{"): frames.append((keys: [], isObject: true, expectsKey: true))
            case UInt8(ascii: "["): frames.append((keys: [], isObject: false, expectsKey: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = frames.popLast()
            case UInt8(ascii: ","): if frames.last?.isObject == true { frames[frames.count - 1].expectsKey = true }
            default: break
            }
            i += 1
        }
        return nil
    }
}
