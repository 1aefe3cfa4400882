/// The first frame a worker sends once its model is loaded and warmed up: who it is and what it
/// embeds. The pool checks that every worker reports the same model and dimension.
public struct WorkerHandshake: Sendable, Equatable, Codable {
    /// The worker's process id as it sees itself.
    public var pid: Int32
    /// Model id (e.g. "sentence-transformers/all-MiniLM-L6-v2").
    public var modelID: String
    /// Embedding width.
    public var dimension: Int
    /// Longest sequence the model takes, `[CLS]` and `[SEP]` included.
    public var maxTokens: Int
    /// Encoder lanes inside the worker.
    public var threads: Int
    /// The precision its linear layers compute in: `ComputePrecision`'s raw value (fp32, bf16,
    /// int8), what the worker actually loaded after any fallback. The pool checks that every
    /// worker agrees; the index records it for the files these vectors go to.
    public var precision: String
    /// Its matrix-product library, core type, threads and known-answer check
    /// (`GEMMStatus.summary`): what the run log records for a run the workers embedded, so the
    /// indexing process never sets up a GEMM of its own to say it.
    public var gemm: String

    public init(pid: Int32, modelID: String, dimension: Int, maxTokens: Int, threads: Int, precision: String = "fp32", gemm: String = "") {
        self.pid = pid
        self.modelID = modelID
        self.dimension = dimension
        self.maxTokens = maxTokens
        self.threads = threads
        self.precision = precision
        self.gemm = gemm
    }
}
