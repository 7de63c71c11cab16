import Foundation
import ZIPFoundation

/// Reads parts from an in-memory zip, counting inflated bytes as they are produced.
/// The central directory's sizes are attacker-controlled, so they are only used for an early
/// refusal; the real guard is the byte count inside the extraction consumer.
final class BoundedZip {
    private let archive: Archive
    private let limits: ReadLimits
    private var totalBytes = 0

    init(data: Data, limits: ReadLimits) throws(XLSXReadError) {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .notAZip
        }
        self.limits = limits
        var count = 0
        for _ in archive {
            count += 1
            if count > limits.maxEntries { throw .tooManyEntries(limit: limits.maxEntries) }
        }
    }

    /// The part's bytes, or nil when the archive has no such file.
    func read(_ path: String) throws(XLSXReadError) -> Data? {
        guard let entry = archive[path], entry.type == .file else { return nil }
        if entry.uncompressedSize > UInt64(limits.maxPartBytes) {
            throw .partTooLarge(path: path, limit: limits.maxPartBytes)
        }
        var output = Data()
        var total = totalBytes
        let limits = self.limits
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024) { chunk in
                guard output.count + chunk.count <= limits.maxPartBytes else {
                    throw XLSXReadError.partTooLarge(path: path, limit: limits.maxPartBytes)
                }
                guard total + chunk.count <= limits.maxTotalBytes else {
                    throw XLSXReadError.archiveTooLarge(limit: limits.maxTotalBytes)
                }
                total += chunk.count
                output.append(chunk)
            }
        } catch let error as XLSXReadError {
            throw error
        } catch {
            throw .corruptPart(path: path, reason: String(describing: error))
        }
        totalBytes = total
        return output
    }
}
