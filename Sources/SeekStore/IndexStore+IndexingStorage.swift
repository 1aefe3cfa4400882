import Dispatch
import SeekCore

/// The SQLite index as an `IndexingStorage`. Every call runs on the store's one serial queue
/// (SQLite has one writer; embedding-cache reads queue behind the writes they may depend on),
/// suspending the caller instead of blocking a thread of the Swift concurrency pool.
extension IndexStore: IndexingStorage {
    public var storageDescription: String { directory.path }

    public func rootPaths() async throws -> [String] {
        try await onQueue { try self.indexingReader.roots().map(\.path) }
    }

    @discardableResult
    public func addRoot(_ path: String) async throws -> RootID {
        try await onQueue { try self.writer.addRoot(path) }
    }

    public func fileStates(rootPath: String) async throws -> [String: FileState] {
        try await onQueue { try self.indexingReader.fileStates(rootPath: rootPath) }
    }

    public func cachedEmbeddings(textHashes: [String], precision: String?) async throws -> [String: [Float]] {
        try await onQueue { try self.indexingReader.cachedEmbeddings(textHashes: textHashes, precision: precision) }
    }

    /// A run holds the index's one writer (`IndexWriterLock`, and the engine's single writer queue
    /// in a process), so an index without vectors at the start gets only the run's own.
    public func holdsNoEmbeddingsForThisRun() async throws -> Bool {
        try await onQueue { try !self.indexingReader.holdsVectors() }
    }

    /// One transaction for the whole group (`IndexWriter.writeFiles(_:)`); a refused file's reason
    /// is its `StoreError.invalidData` reason, and any other error of a file throws.
    public func writeFiles(_ writes: [FileWrite]) async throws -> [String?] {
        let outcomes = try await onQueue { try self.writer.writeFiles(writes) }
        return try outcomes.map { error throws(StoreError) -> String? in
            switch error {
            case nil: nil
            case .invalidData(let reason): reason
            case let other?: throw other
            }
        }
    }

    public func updateFileStats(path: String, size: Int64, mtime: Double, identity: FileIdentityStamp?) async throws {
        try await onQueue { try self.writer.updateFileStats(path: path, size: size, mtime: mtime, identity: identity) }
    }

    public func removeFiles(paths: [String]) async throws -> RemovedCounts {
        try await onQueue { try self.writer.removeFiles(paths: paths) }
    }

    public func removeRoot(_ path: String) async throws -> RemovedCounts {
        try await onQueue { try self.writer.removeRoot(path) }
    }

    /// A passive checkpoint: group commit writes so few log frames that SQLite's own checkpoint
    /// (at 1,000 pages) may never come, and the database file alone would hold none of the run.
    public func finishRun(wroteFiles: Bool) async throws {
        guard wroteFiles else { return }
        _ = try await onQueue { try self.writer.checkpoint(mode: .passive) }
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            blockingQueue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
