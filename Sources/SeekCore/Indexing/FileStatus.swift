/// Outcome of the last indexing attempt of a file.
public enum FileStatus: String, Sendable, Codable, CaseIterable, Comparable, CodingKeyRepresentable {
    /// Parsed, chunked and embedded: its chunks are searchable.
    case indexed
    /// The parser (or reading the file) failed; `reason` says why. The file has no chunks.
    case failed
    /// Deliberately not indexed (too large, unsupported type...); `reason` says why. No chunks.
    case skipped

    public static func < (lhs: FileStatus, rhs: FileStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
