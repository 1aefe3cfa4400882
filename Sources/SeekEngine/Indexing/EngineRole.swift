/// What kind of process an engine lives in; it decides what is kept warm.
public enum EngineRole: Sendable, Equatable {
    /// One command, then exit (`seek search`, `seek index`...): searches keep only the Int8
    /// codes in memory and read them from the vector cache file; the embedder pool stops after
    /// each run.
    case oneShot
    /// A long-running process (`seek watch`, `seek serve`, `seek mcp`): searches keep the Float32
    /// vectors in memory too; the embedder pool stays up between runs until it has been idle for
    /// `SeekSettings.poolIdleSeconds`.
    case service
}
