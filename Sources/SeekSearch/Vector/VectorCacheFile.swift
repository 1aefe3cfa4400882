import Foundation
import SeekStore

/// The Int8 codes, scales and chunk-to-file map of an index, saved as one flat file beside it
/// (`<index>/vectors.cache`) so a cold `seek search` loads them with a few memory copies instead
/// of stepping 100,000 SQLite rows. A derived cache: tagged with the index's content version and
/// ignored (then rewritten) when the index changed; never the source of truth.
///
/// Hand-written binary layout (no library here serializes flat arrays without per-element work):
/// magic, version-string length + bytes, dimension, count, file count, then chunk ids (Int64),
/// scales (Float32), file indexes (Int32), codes (Int8), then per file: id, mtime, path, extension.
/// Little-endian, as every supported platform is.
public struct VectorCacheFile: Sendable {
    /// Contents of a cache file.
    public struct Contents: Sendable, Equatable {
        public var contentVersion: String
        public var codes: VectorCodeMatrix
        public var files: ChunkFileMap
    }

    /// The cache file's location.
    public let url: URL

    static let magic = Array("SEEKVC01".utf8)

    public init(indexDirectory: URL) {
        url = indexDirectory.appendingPathComponent("vectors.cache")
    }

    /// The cached contents when the file exists, is well formed and was written for
    /// `contentVersion`; nil otherwise (the caller loads from the index).
    public func load(contentVersion: String) -> Contents? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { bytes in
            var reader = ByteReader(bytes: bytes)
            guard reader.bytes(Self.magic.count).map(Array.init) == Self.magic,
                  let version = reader.string(), version == contentVersion,
                  let dimension = reader.integer(Int32.self), dimension > 0,
                  let count = reader.integer(Int64.self), count >= 0,
                  let fileCount = reader.integer(Int64.self), fileCount >= 0,
                  let chunkIds: [Int64] = reader.array(count: Int(count)),
                  let scales: [Float] = reader.array(count: Int(count)),
                  let fileIndexes: [Int32] = reader.array(count: Int(count)),
                  let codes: [Int8] = reader.array(count: Int(count) * Int(dimension))
            else { return nil }
            var files: [ChunkFileMap.File] = []
            files.reserveCapacity(Int(fileCount))
            for _ in 0..<fileCount {
                guard let id = reader.integer(Int64.self), let mtime: [Double] = reader.array(count: 1),
                      let path = reader.string(), let fileExtension = reader.string()
                else { return nil }
                files.append(ChunkFileMap.File(id: id, path: path, fileExtension: fileExtension, mtime: mtime[0]))
            }
            guard reader.isAtEnd else { return nil }
            return Contents(
                contentVersion: version,
                codes: VectorCodeMatrix(chunkIds: chunkIds, codes: codes, scales: scales, dimension: Int(dimension)),
                files: ChunkFileMap(files: files, chunkIds: chunkIds, fileIndexes: fileIndexes))
        }
    }

    /// Deletes the file (nothing when it is not there): the next cold load reads the index.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// The content version the file was written for, reading only its header; nil when there is
    /// no readable cache file.
    public func storedVersion() -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: Self.magic.count + 4), header.count == Self.magic.count + 4,
              Array(header.prefix(Self.magic.count)) == Self.magic else { return nil }
        let length = header.suffix(4).withUnsafeBytes { Int(Int32(littleEndian: $0.loadUnaligned(as: Int32.self))) }
        guard length >= 0, length < 4096, let text = try? handle.read(upToCount: length), text.count == length else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    /// Writes `contents` atomically (a temporary file renamed over the old one), so concurrent
    /// readers see the old file or the new one, never a partial one.
    public func save(_ contents: Contents) throws {
        var data = Data(Self.magic)
        Self.append(contents.contentVersion, to: &data)
        Self.append(Int32(contents.codes.dimension), to: &data)
        Self.append(Int64(contents.codes.count), to: &data)
        Self.append(Int64(contents.files.files.count), to: &data)
        contents.codes.chunkIds.withUnsafeBytes { data.append(contentsOf: $0) }
        contents.codes.scales.withUnsafeBytes { data.append(contentsOf: $0) }
        contents.files.fileIndexes.withUnsafeBytes { data.append(contentsOf: $0) }
        contents.codes.codes.withUnsafeBytes { data.append(contentsOf: $0) }
        for file in contents.files.files {
            Self.append(file.id, to: &data)
            Self.append(file.mtime.bitPattern, to: &data)
            Self.append(file.path, to: &data)
            Self.append(file.fileExtension, to: &data)
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".vectors.cache.\(ProcessInfo.processInfo.processIdentifier).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: reason])
        }
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func append(_ text: String, to data: inout Data) {
        let bytes = Array(text.utf8)
        append(Int32(bytes.count), to: &data)
        data.append(contentsOf: bytes)
    }

    /// Sequential reads with bounds checks: any overrun gives nil.
    private struct ByteReader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        }

        mutating func integer<T: FixedWidthInteger>(_ type: T.Type) -> T? {
            guard let raw = bytes(MemoryLayout<T>.size) else { return nil }
            return T(littleEndian: raw.loadUnaligned(as: T.self))
        }

        mutating func array<T: BitwiseCopyable>(count: Int) -> [T]? {
            guard count >= 0, count <= (bytes.count - offset) / max(MemoryLayout<T>.stride, 1),
                  let raw = bytes(count * MemoryLayout<T>.stride) else { return nil }
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                initialized = count
            }
        }

        mutating func string() -> String? {
            guard let length = integer(Int32.self), let raw = bytes(Int(length)) else { return nil }
            return String(decoding: raw, as: UTF8.self)
        }
    }
}
