import SeekCore

/// A finished indexing run: its id (shared by every request coalesced into it) and its report.
public struct IndexRunResult: Sendable, Equatable {
    public var run: IndexRunID
    public var report: IndexingReport
}
