import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes a file it was asked for (`report --output`, `backup FILE`,
/// `return-sheet --output`). The file is written beside the target and renamed over it once
/// complete and on disk, so an interrupted run never leaves half a file; every failed write,
/// flush or rename is reported. A target that is not an ordinary file — a symbolic link, a
/// FIFO, a device such as `/dev/full`, a folder — is refused before anything is written:
/// renaming over it would replace it, and writing through it is not what the name promises.
public enum OutputFile {
    /// Why nothing (or not all) was written.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Refuses a target that exists and is not an ordinary file.
    public static func checkTarget(_ path: String) throws(Failure) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw Failure(description: "\(path): \(String(cString: strerror(errno)))") }
            return
        }
        let what: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFLNK: what = "a symbolic link (give the path of the file itself)"
        case S_IFDIR: what = "a folder (give a file name)"
        case S_IFIFO: what = "a FIFO"
        case S_IFCHR, S_IFBLK: what = "a device"
        case S_IFSOCK: what = "a socket"
        default: what = "not an ordinary file"
        }
        throw Failure(description: "\(path): is \(what); serviceplan writes only ordinary files, so nothing was written")
    }

    /// Writes `data` to `path` through a temporary file in the same folder, with `permissions`.
    public static func write(_ data: Data, to path: String, permissions: mode_t = 0o644) throws(Failure) {
        let file = try create(besides: path, permissions: permissions)
        do {
            try file.write(data)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// A new temporary file beside `path`, for a caller that writes in parts (a backup).
    public static func create(besides path: String, permissions: mode_t = 0o644) throws(Failure) -> Partial {
        try checkTarget(path)
        let target = URL(fileURLWithPath: path)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)").path
        let fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw Failure(description: "\(path): cannot write a file there (\(String(cString: strerror(errno))))") }
        return Partial(fd: fd, partial: partial, target: path)
    }

    /// Writes every byte of `data` to `fd`, retrying after interruptions: the error number when it
    /// could not (a full disk, a closed pipe), nil when all of it was written. Files and standard
    /// output (`serviceplan`'s `FileHandleOutput`) alike.
    public static func writeAll(_ data: Data, to fd: Int32) -> Int32? {
        var failure: Int32?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard var next = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let written = Glibc.write(fd, next, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                left -= written
                next += written
            }
        }
        return failure
    }

    /// A file being written; `commit` puts it in place, `discard` removes it.
    public final class Partial: @unchecked Sendable {
        private var fd: Int32
        let partial: String
        let target: String

        init(fd: Int32, partial: String, target: String) {
            (self.fd, self.partial, self.target) = (fd, partial, target)
        }

        public func write(_ data: Data) throws(Failure) {
            if let failure = OutputFile.writeAll(data, to: fd) { throw fail("cannot write", failure) }
        }

        /// Flushes the file to disk and renames it over the target.
        public func commit() throws(Failure) {
            if fsync(fd) != 0 { let e = errno; throw fail("cannot flush to disk", e) }
            let result = close(fd)
            fd = -1
            if result != 0 { let e = errno; throw fail("cannot close", e) }
            // Checked again just before the rename: the target may have been replaced meanwhile.
            try OutputFile.checkTarget(target)
            if rename(partial, target) != 0 { let e = errno; throw fail("cannot replace the file", e) }
        }

        public func discard() {
            if fd >= 0 { close(fd); fd = -1 }
            unlink(partial)
        }

        private func fail(_ what: String, _ code: Int32) -> Failure {
            Failure(description: "\(target): \(what) (\(String(cString: strerror(code)))); nothing was written")
        }
    }
}
