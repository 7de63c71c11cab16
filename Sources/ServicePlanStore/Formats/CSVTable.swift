import Foundation

/// A small CSV file read whole into rows, for uploads (a return sheet saved as CSV): the same
/// RFC 4180 reader the national benchmark import uses, with each row's line number and what was
/// wrong with it, if anything.
public enum CSVTable {
    public struct Row: Sendable, Equatable {
        /// The line the row starts on (1 = the first line).
        public let line: Int
        public let fields: [String]
        /// Why the row cannot be read as it is (not UTF-8, a NUL, a field too long, a quote left open).
        public let problem: String?
    }

    /// At most `limit` rows are kept: a file of five million empty lines costs no more memory
    /// than its first few (the caller refuses it for having too many).
    public static func rows(_ data: Data, limit: Int = .max) -> [Row] {
        var rows: [Row] = []
        var reader = CSVRecordReader()
        func take(_ record: CSVRecordReader.Record) {
            guard rows.count < limit else { return }
            let problem: String?
            if let field = record.invalidUTF8Field {
                problem = "field \(field + 1) is not UTF-8 text (save the file as CSV UTF-8)"
            } else if record.hasNUL {
                problem = "holds a NUL character"
            } else if record.overlong {
                problem = "has a field longer than \(CSVRecordReader.maximumFieldBytes) bytes or more than \(CSVRecordReader.maximumFields) fields"
            } else if record.unclosedQuote {
                problem = "opens a quoted field that is never closed"
            } else {
                problem = nil
            }
            rows.append(Row(line: record.line, fields: record.fields, problem: problem))
        }
        data.withUnsafeBytes { raw in reader.read(raw.bindMemory(to: UInt8.self), take) }
        reader.finish(take)
        return rows
    }
}
