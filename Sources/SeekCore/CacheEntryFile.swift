import Foundation

/// Reading an entry of one of Seek's own caches (tokenizer vocabularies, int8 calibration peaks):
/// only a regular file no larger than the entry can be is read, so that something else found at
/// the path — a FIFO, which would block the read for ever, a directory, a huge file — is treated
/// as a missing entry instead. A symbolic link is not followed: entries are files the cache
/// wrote itself (its atomic write replaces a link at the path with a file).
public enum CacheEntryFile {
    /// The contents of the regular file at `url` when it has at most `maxBytes`; else nil.
    public static func contents(of url: URL, maxBytes: Int) -> Data? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = (attributes[.size] as? NSNumber)?.intValue, size <= maxBytes else { return nil }
        return try? Data(contentsOf: url)
    }
}
