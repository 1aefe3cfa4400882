/// Where an indexing run is, as `<index>/status.json` reports it.
public enum IndexingPhase: String, Sendable, Codable, CaseIterable {
    /// Opening the index, starting the embedder.
    case starting
    /// The scan is not complete yet.
    case scanning
    /// Every file is known; parsing, embedding and writing go on.
    case indexing
    /// Recording the run, refreshing the vector cache and the searcher.
    case finishing
}
