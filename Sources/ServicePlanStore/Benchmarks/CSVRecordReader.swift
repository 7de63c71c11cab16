import ServicePlanDomain

/// RFC 4180 records read from bytes handed over in pieces of any size, so a file of any length
/// is read in fixed memory: fields split on commas, double quotes around a field that holds
/// commas, quotes ("") or line breaks; lines end with LF, CRLF or CR, even when a CRLF is split
/// between two pieces. Each record carries the line it starts on. Unquoted fields are trimmed of
/// surrounding spaces. A field longer than `maximumFieldBytes`, or a record of more than
/// `maximumFields` fields, is cut short and the record marked `overlong`, so that one endless
/// line cannot take the memory a whole file would.
struct CSVRecordReader {
    /// One record as read.
    struct Record {
        /// The line the record starts on.
        let line: Int
        let fields: [String]
        /// A field was cut short, or fields beyond `maximumFields` dropped.
        let overlong: Bool
        /// Some field holds a NUL byte.
        let hasNUL: Bool
    }

    static let maximumFieldBytes = 4_096
    static let maximumFields = 64

    private var fields: [String] = []
    private var current: [UInt8] = []
    private var line = 1, start = 1
    private var quoted = false, wasQuoted = false, pendingQuote = false, any = false, afterCR = false, overlong = false, hasNUL = false

    init() {
        fields.reserveCapacity(8)
        current.reserveCapacity(64)
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// Reads `bytes`, calling `body` for each record they complete.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>,
                       _ body: (Record) throws -> Void) rethrows {
        for c in bytes {
            if quoted {
                if pendingQuote {
                    pendingQuote = false
                    if c == Self.quote { append(Self.quote); continue }
                    quoted = false   // the quote before closed the field; read `c` as unquoted
                } else if c == Self.quote {
                    pendingQuote = true
                    continue
                } else {
                    if c == Self.lf { line += 1 }
                    append(c)
                    continue
                }
            }
            if afterCR {
                afterCR = false
                if c == Self.lf { continue }   // the LF of a CRLF: the record has ended already
            }
            any = true
            switch c {
            case Self.quote where current.allSatisfy({ $0 == 0x20 || $0 == 0x09 }):
                quoted = true
                wasQuoted = true
                current.removeAll(keepingCapacity: true)
            case Self.comma:
                endField()
            case Self.lf, Self.cr:
                try endRecord(body)
                line += 1
                start = line
                afterCR = c == Self.cr
            default:
                // Text after a closing quote is kept, except the spaces before the next comma.
                if !(wasQuoted && (c == 0x20 || c == 0x09)) { append(c) }
            }
        }
    }

    /// Hands over the last record when the file does not end with a line break.
    mutating func finish(_ body: (Record) throws -> Void) rethrows {
        if quoted || any || !current.isEmpty || !fields.isEmpty { try endRecord(body) }
    }

    private mutating func append(_ byte: UInt8) {
        if byte == 0 { hasNUL = true }
        if current.count < Self.maximumFieldBytes { current.append(byte) } else { overlong = true }
    }

    private mutating func endField() {
        if fields.count < Self.maximumFields {
            fields.append(wasQuoted ? String(decoding: current, as: UTF8.self) : Self.trimmed(current))
        } else {
            overlong = true
        }
        current.removeAll(keepingCapacity: true)
        wasQuoted = false
    }

    private mutating func endRecord(_ body: (Record) throws -> Void) rethrows {
        endField()
        any = false
        quoted = false
        pendingQuote = false
        // Handed over before the buffers are cleared, so they keep their storage between records.
        defer {
            fields.removeAll(keepingCapacity: true)
            overlong = false
            hasNUL = false
        }
        try body(Record(line: start, fields: fields, overlong: overlong, hasNUL: hasNUL))
    }

    /// An unquoted field without its surrounding spaces and tabs, as `trimmingSpaces` would give,
    /// but trimmed as bytes. A leading space before a non-ASCII character could be one character
    /// with it (a combining accent), so that rare field is left to `trimmingSpaces` itself.
    static func trimmed(_ bytes: [UInt8]) -> String {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        if start > 0, start < end, bytes[start] >= 0x80 { return String(decoding: bytes, as: UTF8.self).trimmingSpaces }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
