/// What `IndexingStorage.claim(_:)` answers for a file a run is about to read, parse and embed.
public enum FileClaim: Sendable, Equatable {
    /// This run indexes the file; the claim ends when the file is written (or the run ends).
    case claimed
    /// Another indexer holds the file's claim now: it is indexing it; this run leaves it.
    case heldElsewhere
    /// Another indexer stored this very version (same size and modification time) since this
    /// run's scan: nothing to do.
    case alreadyCurrent
}
