import Foundation

/// Runs headless LibreOffice for the interoperability tests, each run with a throw-away profile
/// so it never touches (or waits on) a user's profile.
public enum LibreOffice {
    public static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Debian's python3-uno lives in the system python, not in pyenv/venv interpreters.
    public static let unoPython: String? = {
        let python = "/usr/bin/python3"
        guard soffice != nil, FileManager.default.isExecutableFile(atPath: python) else { return nil }
        return (try? run(python, ["-c", "import uno"]))?.status == 0 ? python : nil
    }()

    public static var isAvailable: Bool { soffice != nil }

    /// The typing script: scripts/lo-type-values.py at the repository's root.
    public static let typingScript = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/lo-type-values.py")

    public struct Result {
        public let status: Int32
        public let output: String
    }

    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }

    public static func newDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// UTF-8, comma, double quotes, raw values rather than "as shown" (filter option tokens 1, 2, 3 and 9).
    public static let csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false"

    /// Converts an .xlsx to CSV (first sheet) and returns the CSV text.
    public static func convertToCSV(_ workbook: Data) throws -> String {
        guard let soffice else { throw CocoaError(.fileNoSuchFile) }
        let dir = try newDirectory("csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("book.xlsx")
        try workbook.write(to: input)
        let result = try run(soffice, [
            "-env:UserInstallation=" + dir.appendingPathComponent("profile").absoluteString,
            "--headless", "--convert-to", csvFilter, "--outdir", dir.path, input.path,
        ])
        let csv = dir.appendingPathComponent("book.csv")
        guard let data = try? Data(contentsOf: csv) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSLocalizedDescriptionKey: result.output])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Opens `workbook` in LibreOffice, types the values and returns the workbook LibreOffice saved.
    public static func typeValues(into workbook: Data, _ values: [[String]]) throws -> Data {
        guard let python = unoPython else { throw CocoaError(.fileNoSuchFile) }
        let dir = try newDirectory("uno")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.xlsx")
        let output = dir.appendingPathComponent("out.xlsx")
        try workbook.write(to: input)
        let json = String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self)
        let result = try run(python, [typingScript.path, input.path, output.path,
                                      dir.appendingPathComponent("profile").path, json])
        guard let data = try? Data(contentsOf: output) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSLocalizedDescriptionKey: result.output])
        }
        return data
    }

    /// Minimal RFC 4180 parser: quoted fields may contain commas, doubled quotes and newlines.
    public static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                row.append(field); field = ""
            } else if ch == "\n" || ch == "\r" {
                if ch == "\r", chars.first == "\n" { chars.removeFirst() }
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(ch)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
