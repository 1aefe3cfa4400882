/// One result of a streaming scan (`Scanner.scan(root:onEvent:)`).
public enum ScanEvent: Sendable, Hashable {
    /// A file to index.
    case file(ScannedFile)
    /// An entry left out, with the reason.
    case skipped(SkippedEntry)
    /// An entry that could not be examined.
    case problem(ScanProblem)
}
