/// Everything one scan found, in a deterministic order: every list is sorted by path, compared
/// by UTF-8 bytes (so names that differ only in Unicode normalization stay distinct), ties broken
/// by the reason.
public struct ScanReport: Sendable, Equatable {
    /// Files to index, sorted by path.
    public let files: [ScannedFile]
    /// Entries left out and why, sorted by path.
    public let skipped: [SkippedEntry]
    /// Entries that could not be examined, sorted by path.
    public let problems: [ScanProblem]

    /// Builds a report from events in any order.
    public init(files: [ScannedFile], skipped: [SkippedEntry], problems: [ScanProblem]) {
        self.files = files.sorted { Self.precedes($0.path, $1.path) }
        self.skipped = skipped.sorted { Self.precedes($0.path, $0.reason.description, $1.path, $1.reason.description) }
        self.problems = problems.sorted { Self.precedes($0.path, $0.description, $1.path, $1.description) }
    }

    /// Byte order of the UTF-8 encodings (`String.<` would equate canonically equivalent names).
    static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// Byte order of the paths, then of the tie-breaking texts.
    private static func precedes(_ leftPath: String, _ leftTie: String, _ rightPath: String, _ rightTie: String) -> Bool {
        leftPath.utf8.elementsEqual(rightPath.utf8) ? precedes(leftTie, rightTie) : precedes(leftPath, rightPath)
    }
}
