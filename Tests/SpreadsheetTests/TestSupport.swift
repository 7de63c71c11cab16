import Foundation
import OfficeSupport
import Spreadsheet
import ZIPFoundation

/// Shared sample data and zip helpers for the tests.
enum TestSupport {
    static let statuses = ["Not started", "On track", "At risk", "Off track", "Complete"]

    /// Strings chosen to break naive XML or CSV handling.
    static let trickyTexts: [String] = [
        "a < b & \"c\" 'd' > e",
        "=SUM(A1:A2)",
        "  padded  ",
        "line1\nline2",
        "crlf\r\nend",
        "tab\there",
        "ctrl\u{01}char\u{1F}",
        "_x0041_ literal",
        "emoji 👩‍👩‍👧 é ß 中文",
    ]

    /// A small reporting sheet: a bold locked header, locked labels, unlocked input columns.
    static func sampleWorksheet() -> Worksheet {
        let header = ["Indicator", "Status", "Progress %", "Count", "Notes"].map { Cell.text($0, .header) }
        var rows: [[Cell]] = [header]
        for (offset, text) in trickyTexts.enumerated() {
            rows.append([
                .text(text),
                .text(statuses[offset % statuses.count], .input),
                .number([0.1, 1e6, 0, -2.5, 100, 33.333333333333336, 1e-7, 42, 99.9][offset], .input),
                .number(Double(offset), .input),
                .empty(.input),
            ])
        }
        rows.append([.text("Only a label")]) // a row whose other cells are locked and empty
        return Worksheet(
            name: "Report Q1",
            columnWidths: [40, 16, 12, 10, 30],
            rows: rows,
            dataValidations: [
                DataValidation(range: "B2:B100", rule: .list(statuses),
                               errorTitle: "Invalid status", errorMessage: "Pick a status from the list."),
                DataValidation(range: "C2:C100", rule: .decimal(min: 0, max: 100),
                               errorTitle: "Invalid percentage", errorMessage: "Enter a number from 0 to 100.",
                               promptTitle: "Progress", prompt: "Percent complete, 0–100"),
                DataValidation(range: "D2:D100", rule: .wholeNumber(min: 0, max: nil),
                               errorTitle: "Invalid count", errorMessage: "Enter a whole number, 0 or more."),
            ],
            password: "secret"
        )
    }

    /// Numbers with number formats and dates, locked and input: how LibreOffice shows them is checked.
    static func formattedWorksheet(freezesHeaderRow: Bool = true) -> Worksheet {
        let percent = #"0.0"%""#
        return Worksheet(
            name: "Formats",
            rows: [
                ["Percent", "Target", "Count", "Due", "Plain", "Typed count", "Note"].map { Cell.text($0, .header) },
                [.number(40.5, .input, format: percent), .number(50, format: percent), .number(12, format: "0"),
                 .date(CellDate(year: 2010, month: 3, day: 31)!), .number(0.1), .number(3, .input, format: "0"), .text("Text")],
                [.empty(), .empty(), .empty(), .date(CellDate(year: 1900, month: 3, day: 1)!, format: "d mmmm yyyy")],
            ],
            freezesHeaderRow: freezesHeaderRow
        )
    }

    /// Converts with LibreOffice to CSV as the cells are shown (40.5 formatted `0.0"%"` as "40.5%"),
    /// where `LibreOffice.convertToCSV` gives the raw values.
    static func convertToCSVAsShown(_ workbook: Data) throws -> String {
        guard let soffice = LibreOffice.soffice else { throw CocoaError(.fileNoSuchFile) }
        // The ninth filter token is "save cell contents as shown".
        var tokens = LibreOffice.csvFilter.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        var options = tokens[2].split(separator: ",", omittingEmptySubsequences: false)
        options[8] = "true"
        tokens[2] = Substring(options.joined(separator: ","))
        let dir = try LibreOffice.newDirectory("csv-shown")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("book.xlsx")
        try workbook.write(to: input)
        let result = try LibreOffice.run(soffice, [
            "-env:UserInstallation=" + dir.appendingPathComponent("profile").absoluteString,
            "--headless", "--convert-to", tokens.joined(separator: ":"), "--outdir", dir.path, input.path,
        ])
        guard let data = try? Data(contentsOf: dir.appendingPathComponent("book.csv")) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSLocalizedDescriptionKey: result.output])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// What the reader should return for `trickyTexts[i]`: illegal XML characters become U+FFFD.
    static func expectedText(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...: scalar
            default: "\u{FFFD}"
            }
        }))
    }

    /// Builds a zip from (path, bytes) pairs.
    static func zip(_ parts: [(String, Data)], compression: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// All parts of a zip as (path → bytes).
    static func unzip(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        return parts
    }

    /// Replaces one part's XML (or adds it) in an existing workbook.
    static func replacing(_ path: String, with xml: String, in workbook: Data) throws -> Data {
        try replacing(path, with: Data(xml.utf8), in: workbook)
    }

    static func replacing(_ path: String, with bytes: Data, in workbook: Data) throws -> Data {
        var parts = try unzip(workbook)
        parts[path] = bytes
        return try zip(parts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// Scratch space under $TMPDIR; each user removes its own sub-folder.
    static let outputDirectory: URL = FileManager.default.temporaryDirectory
        .appendingPathComponent("spreadsheet-tests-\(getpid())")
}
