#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The metadata of one entry (`lstat`/`stat`) behind a safe API.
///
/// POSIX rather than FileManager: one `lstat` gives type, size, nanosecond mtime and
/// device+inode, where FileManager's attribute dictionaries cost several allocations per entry
/// and hide the device number.
struct EntryStatus: Sendable, Equatable {
    let kind: FileKind
    let identity: FileIdentity
    let sizeBytes: Int64
    /// Seconds since 1970 with nanoseconds.
    let modificationTime: Double
    /// Last status change (`st_ctime`: contents, permissions, links, renames), seconds since 1970
    /// with nanoseconds. Unlike the modification time, no program can set it back.
    let changeTime: Double

    /// The entry itself, not following a final symlink (`lstat`).
    static func ofEntry(atPath path: String) -> Result<EntryStatus, SystemCallError> {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .failure(SystemCallError(code: errno)) }
        return .success(EntryStatus(info))
    }

    /// What the path leads to, following symlinks (`stat`).
    static func ofTarget(atPath path: String) -> Result<EntryStatus, SystemCallError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(SystemCallError(code: errno)) }
        return .success(EntryStatus(info))
    }

    /// Whether the calling thread's effective (file system) identity may open the path for reading.
    /// Checked with `faccessat(AT_EACCESS)` instead of opening the file: opening has side effects
    /// (access times, downloading cloud placeholders) and would block on a FIFO.
    static func checkReadable(atPath path: String) -> Result<Void, SystemCallError> {
        guard faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) == 0 else { return .failure(SystemCallError(code: errno)) }
        return .success(())
    }

    /// The absolute path a symlink finally leads to, with every link resolved (`realpath`); nil
    /// when it cannot be resolved.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The text of a symlink (`readlink`), nil when it cannot be read.
    static func symlinkTarget(atPath path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        let bytes = buffer[..<count].map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private init(_ info: stat) {
        let type = UInt32(info.st_mode) & UInt32(S_IFMT)
        kind = switch type {
        case UInt32(S_IFREG): .regular
        case UInt32(S_IFDIR): .directory
        case UInt32(S_IFLNK): .symlink
        case UInt32(S_IFIFO): .fifo
        case UInt32(S_IFSOCK): .socket
        case UInt32(S_IFCHR): .characterDevice
        case UInt32(S_IFBLK): .blockDevice
        default: .unknown
        }
        identity = FileIdentity(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(info.st_ino))
        sizeBytes = Int64(info.st_size)
        #if canImport(Darwin)
        let time = info.st_mtimespec, change = info.st_ctimespec
        #else
        let time = info.st_mtim, change = info.st_ctim
        #endif
        modificationTime = Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
        changeTime = Double(change.tv_sec) + Double(change.tv_nsec) / 1_000_000_000
    }
}
