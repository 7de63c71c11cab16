import Foundation
import Glibc
import ServicePlanStore

/// One line on standard error, rewritten in place, showing a long import's progress: rows
/// checked and written, the rate, and the time left. Only on a terminal: a script or a log
/// reading standard error gets nothing from it.
struct ImportProgressLine: Sendable {
    static func forStandardError() -> ImportProgressLine? {
        isatty(STDERR_FILENO) == 1 ? ImportProgressLine() : nil
    }

    @Sendable func show(_ progress: BenchmarkImportProgress) {
        FileHandleOutput.writeToStandardError("\r\u{1B}[K" + Self.text(progress))
    }

    func clear() {
        FileHandleOutput.writeToStandardError("\r\u{1B}[K")
    }

    static func text(_ progress: BenchmarkImportProgress) -> String {
        let seconds = Double(progress.elapsed.components.seconds) + Double(progress.elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(progress.rowsChecked) / seconds : 0
        let bad = progress.badRows > 0 ? ", \(count(progress.badRows)) bad (nothing will be written)" : ""
        switch progress.stage {
        case .storing:
            return "\(count(progress.rowsChecked)) rows checked, \(count(progress.rowsWritten)) loaded; storing the values…"
        case .reading:
            var left = ""
            if progress.totalBytes > 0, progress.bytesRead > 0, seconds > 1 {
                let remaining = seconds * Double(progress.totalBytes - progress.bytesRead) / Double(progress.bytesRead)
                left = ", about \(Int(remaining.rounded())) s left"
            }
            return "\(count(progress.rowsChecked)) rows checked, \(count(progress.rowsWritten)) loaded\(bad), \(count(Int(rate))) rows/s\(left)"
        }
    }

    private static func count(_ n: Int) -> String {
        n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB")))
    }
}
