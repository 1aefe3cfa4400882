import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory. Model weights are read straight from the mapping (no copy
/// of the 90 MB file): pages come in on first touch and are shared with the page cache.
public final class MappedFile: @unchecked Sendable {
    public enum MapError: Error, CustomStringConvertible, Equatable {
        case cannotOpen(path: String, reason: String)
        case outOfBounds(path: String, offset: Int, length: Int, fileSize: Int)
        case misaligned(path: String, offset: Int)

        public var description: String {
            switch self {
            case .cannotOpen(let path, let reason): "cannot map \(path): \(reason)"
            case .outOfBounds(let path, let offset, let length, let fileSize):
                "\(path): bytes \(offset)..<\(offset + length) lie outside the file (\(fileSize) bytes; truncated?)"
            case .misaligned(let path, let offset): "\(path): tensor data at byte \(offset) is not 4-byte aligned"
            }
        }
    }

    public let path: String
    /// File size in bytes.
    public let count: Int
    private let base: UnsafeRawPointer?

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw MapError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw MapError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        count = Int(info.st_size)
        if count == 0 {
            base = nil
            return
        }
        let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw MapError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// Drops the resident pages wholly inside `pointer ..< pointer + byteCount` (a range of this
    /// mapping) from this process: they stay in the page cache and come back from the file if read
    /// again. For weights that were converted to another precision and are never read again.
    func releaseResidentPages(_ pointer: UnsafeRawPointer, byteCount: Int) {
        guard let base, pointer >= base, pointer + byteCount <= base + count else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: pointer) + page - 1) / page * page
        let end = (Int(bitPattern: pointer) + byteCount) / page * page
        guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
        madvise(first, end - start, Int32(MADV_DONTNEED))
    }

    /// A copy of `length` bytes at `offset`.
    public func bytes(at offset: Int, length: Int) throws -> Data {
        try checkBounds(offset: offset, length: length)
        guard length > 0, let base else { return Data() }
        return Data(bytes: base + offset, count: length)
    }

    /// A little-endian UInt64 at `offset`.
    public func uint64(at offset: Int) throws -> UInt64 {
        let data = try bytes(at: offset, length: 8)
        return data.reversed().reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
    }

    /// A zero-copy view of rows × columns little-endian Float32 values starting at `offset`.
    public func floatMatrix(at offset: Int, rows: Int, columns: Int) throws -> WeightMatrix {
        let length = rows * columns * MemoryLayout<Float>.stride
        try checkBounds(offset: offset, length: length)
        guard offset % MemoryLayout<Float>.alignment == 0 else { throw MapError.misaligned(path: path, offset: offset) }
        guard let base, length > 0 else { throw MapError.outOfBounds(path: path, offset: offset, length: length, fileSize: count) }
        let pointer = (base + offset).assumingMemoryBound(to: Float.self)
        return WeightMatrix(owner: self, base: pointer, rows: rows, columns: columns)
    }

    private func checkBounds(offset: Int, length: Int) throws {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else {
            throw MapError.outOfBounds(path: path, offset: offset, length: length, fileSize: count)
        }
    }
}
