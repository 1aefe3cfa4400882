import Foundation

/// Reading and writing the entries of Seek's own caches (tokenizer vocabularies, int8
/// calibration peaks, the model verification stamp, GEMM timings).
///
/// Only a regular file no larger than the entry can be is read, so that something else found at
/// the path — a FIFO, which would block the read for ever, a directory, a huge file — is treated
/// as a missing entry instead. A symbolic link is not followed: entries are files the cache
/// wrote itself (its atomic write replaces a link at the path with a file).
///
/// A *sealed* entry is its payload followed by the SHA-256 of the payload (64 hex digits): a
/// truncated or damaged file is refused as a whole, so a binary format's own decoder never sees
/// half an entry. Writes are best effort and atomic (a temporary file renamed into place): a
/// read-only or full disk only means the entry is made again next time.
public enum CacheEntryFile {
    /// Bytes of the seal after the payload.
    public static let sealBytes = 64

    /// The contents of the regular file at `url` when it has at most `maxBytes`; else nil.
    public static func contents(of url: URL, maxBytes: Int) -> Data? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = (attributes[.size] as? NSNumber)?.intValue, size <= maxBytes else { return nil }
        return try? Data(contentsOf: url)
    }

    /// The payload of the sealed entry at `url` (at most `maxPayloadBytes`), or nil when there is
    /// none or its seal does not match.
    public static func sealedPayload(of url: URL, maxPayloadBytes: Int) -> Data? {
        contents(of: url, maxBytes: maxPayloadBytes + sealBytes).flatMap(unseal)
    }

    /// Writes `data` to `url` as it is, creating its folder; atomic (a temporary file renamed
    /// into place, which also replaces a link or FIFO at the path); failures are ignored.
    public static func write(_ data: Data, to url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url, options: .atomic)
    }

    /// Writes `payload` sealed to `url` (see `write(_:to:)`).
    public static func writeSealed(_ payload: Data, to url: URL) {
        write(seal(payload), to: url)
    }

    /// `payload` followed by its SHA-256 in hex.
    public static func seal(_ payload: Data) -> Data {
        payload + Data(ContentHash.sha256Hex(payload).utf8)
    }

    /// The payload of `data` when its last 64 bytes are the SHA-256 of the rest; else nil.
    public static func unseal(_ data: Data) -> Data? {
        guard data.count >= sealBytes else { return nil }
        let payload = data.prefix(data.count - sealBytes)
        guard Data(ContentHash.sha256Hex(payload).utf8) == data.suffix(sealBytes) else { return nil }
        return Data(payload)
    }
}
