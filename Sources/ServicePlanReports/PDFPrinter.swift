import Foundation

/// Prints a standalone report document to PDF with headless Chromium, the one renderer every
/// Debian machine can install.
public enum PDFPrinter {
    /// Why no PDF was written.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The document printed to PDF, as bytes for the caller to put where it was asked.
    public static func pdf(html: String) throws -> Data {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw Failure(description: "PDF needs headless Chromium, which is not installed. Install the Debian package `chromium` (apt-get install chromium), or use --format html.")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let target = folder.appendingPathComponent("report.pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                             "--print-to-pdf=\(target.path)", page.absoluteString]
        // Chromium leaves a profile folder in TMPDIR: keep it inside ours, which we remove.
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = folder.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        // Chromium exits 0 even when it wrote nothing: check the file itself.
        guard let data = try? Data(contentsOf: target), data.starts(with: Data("%PDF".utf8)) else {
            throw Failure(description: "Chromium did not produce a PDF.")
        }
        return data
    }
}
