import ServicePlanDomain

/// RFC 4180 records read from bytes handed over in pieces of any size, so a file of any length
/// is read in fixed memory: fields split on commas, double quotes around a field that holds
/// commas, quotes ("") or line breaks; lines end with LF, CRLF or CR, even when a CRLF is split
/// between two pieces; a leading byte order mark is skipped. Each record carries the line it
/// starts on, and says when a field is not UTF-8 or the file ended inside quotes. As before,
/// text after a closing quote is kept (`"Wa"rr` reads `Warr`): lenient, as spreadsheets are. Unquoted fields are trimmed of
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
        /// The first field that is not valid UTF-8 (kept with U+FFFD for messages), if any.
        let invalidUTF8Field: Int?
        /// The file ended inside a quoted field.
        let unclosedQuote: Bool
    }

    static let maximumFieldBytes = 4_096
    static let maximumFields = 64

    private var fields: [String] = []
    private var current: [UInt8] = []
    private var line = 1, start = 1
    private var quoted = false, wasQuoted = false, pendingQuote = false, any = false, afterCR = false, overlong = false, hasNUL = false
    private var quotedAfterCR = false, atStart = true, unclosedQuote = false
    private var invalidUTF8Field: Int?

    init() {
        fields.reserveCapacity(8)
        current.reserveCapacity(64)
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// Reads `bytes`, calling `body` for each record they complete.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>,
                       _ body: (Record) throws -> Void) rethrows {
        var bytes = bytes[...]
        if atStart, !bytes.isEmpty {
            atStart = false
            // A byte order mark, as Excel's "CSV UTF-8" writes, is not part of the header.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
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
                    // A line break inside quotes still counts as a line: CR, LF or CRLF once.
                    if c == Self.cr || (c == Self.lf && !quotedAfterCR) { line += 1 }
                    quotedAfterCR = c == Self.cr
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
        unclosedQuote = quoted && !pendingQuote
        if quoted || any || !current.isEmpty || !fields.isEmpty { try endRecord(body) }
    }

    private mutating func append(_ byte: UInt8) {
        if byte == 0 { hasNUL = true }
        if current.count < Self.maximumFieldBytes { current.append(byte) } else { overlong = true }
    }

    private mutating func endField() {
        if fields.count < Self.maximumFields {
            if invalidUTF8Field == nil, String(validating: current, as: UTF8.self) == nil { invalidUTF8Field = fields.count }
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
        quotedAfterCR = false
        // Handed over before the buffers are cleared, so they keep their storage between records.
        defer {
            fields.removeAll(keepingCapacity: true)
            overlong = false
            hasNUL = false
            invalidUTF8Field = nil
        }
        try body(Record(line: start, fields: fields, overlong: overlong, hasNUL: hasNUL, invalidUTF8Field: invalidUTF8Field,
                        unclosedQuote: unclosedQuote))
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
