import Foundation
import ServicePlanStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to the standard streams without stopping the process when they fail (Foundation's
/// `FileHandle.write` traps on `> /dev/full`), and remembers a failed write to standard output:
/// `ServicePlanCommand.main` exits 1 when anything printed did not arrive, so a lost token,
/// export or JSON document is never reported as success.
enum FileHandleOutput {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var failure: Int32 = 0

    static func writeToStandardError(_ string: String) {
        fflush(nil)
        _ = OutputFile.writeAll(Data(string.utf8), to: 2)
    }

    static func writeToStandardOutput(_ string: String) {
        // What `print` buffered goes first, so the output keeps its order.
        if fflush(nil) != 0 { remember(errno) }
        if let error = OutputFile.writeAll(Data(string.utf8), to: 1) { remember(error) }
    }

    /// Flushes what `print` buffered; the system's reason when anything written to standard
    /// output was lost.
    static func standardOutputFailure() -> String? {
        if fflush(nil) != 0 { remember(errno) }
        let code = lock.withLock { failure }
        return code == 0 ? nil : String(cString: strerror(code))
    }

    private static func remember(_ code: Int32) {
        lock.withLock { if failure == 0 { failure = code == 0 ? EIO : code } }
    }
}
