import SeekCore

/// What an index run needs of a store, and all it needs: the roots, what the index remembers of
/// each file, the embedding cache, and the writes. `IndexingPipeline` runs over any store that
/// offers these: Seek's SQLite file (`IndexStore`) or a shared PostgreSQL database
/// (`PostgresIndexStore` in SeekPostgres).
///
/// Contract every conformance keeps (the pipeline's crash safety rests on it):
/// - **One file, one transaction.** `writeFiles` replaces each file's rows (text, chunks, vectors,
///   full-text rows, links) as a whole; a crash leaves each file wholly old or wholly new. A
///   store may commit several files in one transaction (group commit) or one each.
/// - **Invalid files are refused one by one.** A file whose data the store cannot take (a NaN
///   embedding, ordinals out of order, text the database cannot hold) is left out and its reason
///   returned at its position; the others are stored. Any other failure (I/O, connection lost)
///   throws, and the files of that call not yet committed are not stored.
/// - **Claims.** Several processes may index into a store that allows it (PostgreSQL): each
///   claims a file before working on it (`claim(_:)`), so no two embed the same file at once.
/// - **Reads see committed data only**, so a run that resumes after a crash finds exactly the
///   files that were committed.
/// - Methods are `async`: the SQLite store does its blocking work on a queue of its own, the
///   PostgreSQL store waits on the network; neither blocks the Swift concurrency pool.
public protocol IndexingStorage: Sendable {
    /// Where the index is, for messages (a directory, or a redacted database URL).
    var storageDescription: String { get }

    /// The paths of the indexed roots, sorted.
    func rootPaths() async throws -> [String]

    /// Records a root folder (or file); adding an existing root returns its id.
    @discardableResult
    func addRoot(_ path: String) async throws -> RootID

    /// What the index knows of every file under the root `rootPath`, keyed by path.
    func fileStates(rootPath: String) async throws -> [String: FileState]

    /// The embedding cache: for each given chunk-text hash that some stored chunk has, its vector
    /// (with `precision`, only vectors made in that precision).
    func cachedEmbeddings(textHashes: [String], precision: String?) async throws -> [String: [Float]]

    /// True only when no cache lookup can find anything now and none can find anything a run
    /// did not write itself: the store holds no vector and nobody else writes to it while the run
    /// holds it (a single-writer store). A run then looks up only the texts it has sent to be
    /// embedded — on a fresh index, none of the one lookup per file. False, the default, keeps
    /// every lookup (a store shared by several indexers, such as PostgreSQL, answers false).
    /// A wrong true could only cost time: a text not looked up is embedded again, never given
    /// another text's vector.
    func holdsNoEmbeddingsForThisRun() async throws -> Bool

    /// Stores each file's outcome (see the contract above). Returns, per position of `writes`,
    /// nil when the file was stored or the reason it was refused.
    func writeFiles(_ writes: [FileWrite]) async throws -> [String?]

    /// Records a new size, modification time and identity for a file whose contents did not change.
    func updateFileStats(path: String, size: Int64, mtime: Double, identity: FileIdentityStamp?) async throws

    /// Removes files with all their rows; paths not in the index are ignored.
    func removeFiles(paths: [String]) async throws -> RemovedCounts

    /// Removes a root and every file under it.
    func removeRoot(_ path: String) async throws -> RemovedCounts

    /// Claims `file` before the run reads, parses and embeds it, so that indexers working on the
    /// same root at once split the work instead of each doing all of it. A claim ends when the
    /// file is written (`writeFiles`) or at `finishRun`, and with the process (a killed indexer's
    /// claims go with its connection). A store with a single writer (SQLite) always answers
    /// `.claimed` (the default implementation).
    func claim(_ file: FileInput) async throws -> FileClaim

    /// Called once at the end of every run, `wroteFiles` when it wrote something (SQLite: copies
    /// the write-ahead log into the database file; PostgreSQL: ends the run's remaining claims).
    /// A failure is the caller's to log: the run's data is committed.
    func finishRun(wroteFiles: Bool) async throws
}

extension IndexingStorage {
    /// One writer at a time: every file is this run's.
    public func claim(_ file: FileInput) async throws -> FileClaim { .claimed }

    /// Every lookup is made (see the requirement).
    public func holdsNoEmbeddingsForThisRun() async throws -> Bool { false }
}
