import SeekCore

/// The facade the CLI and the servers talk to. It wires configuration, the index store,
/// the embedding engine, the indexing pipeline and the searcher together.
public enum SeekEngine {
    public static var version: String { SeekVersion.current }
}
