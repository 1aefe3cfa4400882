import Foundation

/// SHA-256 digests as lowercase hex, the one content hash Seek uses (files, chunk texts, model files).
public enum ContentHash {
    public static func sha256Hex(_ data: Data) -> String {
        let hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalizeHex()
    }

    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }

    /// Hashes a file in 1 MiB blocks without reading it whole into memory.
    public static func sha256Hex(fileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let hasher = SHA256Hasher()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(block)
        }
        return hasher.finalizeHex()
    }
}
