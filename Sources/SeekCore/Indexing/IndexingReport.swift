/// What one `seek index` run did (`seek index --json`).
public struct IndexingReport: Sendable, Codable, Equatable {
    /// Files whose chunks were (re)written this run.
    public var filesIndexed = 0
    /// Files recorded as failed this run (unreadable, corrupt, embedder crash), with their reasons.
    public var filesFailed = 0
    /// Files recorded as skipped this run (too large, binary of unknown type, symlink loop...).
    public var filesSkipped = 0
    /// Files seen and unchanged since the last run (nothing read but their metadata).
    public var filesUnchanged = 0
    /// Files gone from disk whose rows were removed.
    public var filesRemoved = 0
    /// Files another indexer was indexing when this run reached them (a shared PostgreSQL
    /// index): left to it. Nil (absent in JSON) when none.
    public var filesIndexedElsewhere: Int?
    /// Chunks written this run.
    public var chunks = 0
    /// Chunks whose vectors the model computed this run (the others came from the embedding
    /// cache); chunks of one text share one sequence and each counts. Without failures,
    /// `chunks == chunksEmbedded + cacheHits`.
    public var chunksEmbedded = 0
    /// Chunks whose vectors came from the index (same text already embedded).
    public var cacheHits = 0
    /// Tokens the model read this run ([CLS] and [SEP] included).
    public var tokens = 0
    public var seconds = 0.0
    public var tokensPerSecond = 0.0
    /// Busy seconds per stage; stages overlap, so they can add up to more than `seconds`.
    public var stageSeconds: [IndexingStage: Double] = [:]
    /// Folders and entries that could not be read (the run went on).
    public var problems: [String] = []
    /// Files that failed this run: path and reason (first 100).
    public var failures: [FileFailure] = []
    /// The embedding backend and its restarts; set by the caller that chose the backend.
    public var embedder: EmbedderSummary?
    /// Time per stage and its share (`seek index --profile`); nil unless asked for.
    public var profile: [IndexingProfile.Entry]?
    /// Indexed files of the run's roots whose vectors were made in another precision than this
    /// run's (`embedder.precision`), per precision: unchanged files keep their vectors (they are
    /// searched as they are) until `seek index --reembed`. Empty when all agree.
    public var filesInOtherPrecisions: [String: Int] = [:]
    /// Things the user should know that are no problem of a file, in words: e.g. files kept in
    /// another precision (see `filesInOtherPrecisions`), naming `seek index --reembed`.
    public var notices: [String] = []

    public struct FileFailure: Sendable, Codable, Equatable {
        public var path: String
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case filesIndexed = "files_indexed"
        case filesFailed = "files_failed"
        case filesSkipped = "files_skipped"
        case filesUnchanged = "files_unchanged"
        case filesRemoved = "files_removed"
        case filesIndexedElsewhere = "files_indexed_elsewhere"
        case chunks
        case chunksEmbedded = "chunks_embedded"
        case cacheHits = "cache_hits"
        case tokens, seconds
        case tokensPerSecond = "tokens_per_s"
        case stageSeconds = "stage_seconds"
        case problems, failures, embedder, profile, notices
        case filesInOtherPrecisions = "files_in_other_precisions"
    }
}
