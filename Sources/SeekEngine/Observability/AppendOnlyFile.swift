import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-line appends to a shared log file. Foundation's FileHandle cannot open with O_APPEND, and
/// only O_APPEND makes the kernel position every write at the current end, so lines written by
/// concurrent processes never overwrite or interleave with each other.
enum AppendOnlyFile {
    /// Appends `line` (which must end with a newline) in one `write(2)` on an O_APPEND descriptor
    /// (opened read-write: the last byte is read back with `pread`).
    /// When the file does not end with a newline (a writer died mid-line), a newline goes first so
    /// the torn line stays alone on its line and the new one stays readable.
    static func append(line: Data, to path: String) throws(RunLogError) {
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .openFailed(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes = line
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_size > 0 {
            var last: UInt8 = 0
            if pread(descriptor, &last, 1, status.st_size - 1) == 1, last != UInt8(ascii: "\n") {
                bytes.insert(UInt8(ascii: "\n"), at: 0)
            }
        }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
            }
            written += result
        }
    }
}
