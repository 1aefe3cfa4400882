import Foundation
import PostgresNIO
import SeekCore
import SeekStore

/// The PostgreSQL store as an `IndexingStorage`: `seek index --store postgres://...` runs the
/// same pipeline as into SQLite. Each file is its own transaction under its path's advisory lock,
/// so indexers on several hosts may write the same or different roots at once: two writers of one
/// path follow each other and the second replaces the first's rows (no duplicate chunks).
/// Each file's links, tags, aliases and document vector are written in its transaction
/// (`PostgresIndexStore+GraphWrites`).
extension PostgresIndexStore: IndexingStorage {
    public var storageDescription: String {
        let place = configuration.host.map { "\($0):\(configuration.port)" } ?? configuration.unixSocketDirectory ?? "?"
        return "postgres://\(configuration.username)@\(place)/\(configuration.database) (namespace \(configuration.namespace))"
    }

    /// The root paths of this store's namespace, sorted.
    public func rootPaths() async throws(PostgresStoreError) -> [String] {
        let logger = logger
        let namespace = configuration.namespace
        return try await transaction("rootPaths") { connection in
            var paths: [String] = []
            let rows = try await connection.query("SELECT path FROM roots WHERE namespace = \(namespace) ORDER BY path", logger: logger)
            for try await path in rows.decode(String.self) { paths.append(path) }
            return paths
        }
    }

    /// Writes each file in a transaction of its own (`writeIndexedFile` / `writeUnindexedFile`);
    /// a file refused as invalid gets its reason at its position, any other failure throws (the
    /// files before it are committed, the ones after are not written).
    public func writeFiles(_ writes: [FileWrite]) async throws(PostgresStoreError) -> [String?] {
        var refusals: [String?] = []
        // Written files' claims end (a claim lost to a failed release ends with the run anyway).
        var written: [String] = []
        refusals.reserveCapacity(writes.count)
        for write in writes {
            do {
                switch write {
                case .indexed(let file, let document, let chunks, let embeddings, let vectorPrecision):
                    try await writeIndexedFile(file, document: document, chunks: chunks, embeddings: embeddings, vectorPrecision: vectorPrecision)
                case .unindexed(let file, let status, let reason):
                    try await writeUnindexedFile(file, status: status, reason: reason)
                }
                refusals.append(nil)
                written.append(write.file.path)
            } catch .invalidData(_, _, let reason) {
                refusals.append(reason)
            } catch .sqlFailed(_, _, let state?, let message) where Self.isRefusalOfTheFile(sqlState: state) {
                // The server refused this file's data (its transaction rolled back whole): the file
                // is failed with the server's words and the run goes on.
                refusals.append("PostgreSQL refused the file's data (\(state)): \(message)")
            } catch {
                try? await claims.release(written)
                throw error
            }
        }
        try? await claims.release(written)
        return refusals
    }

    /// SQLSTATE classes that mean "this file's data" rather than "this server or connection":
    /// 22 data exception (a byte sequence the encoding cannot hold, a value out of range) and
    /// 54 program limit exceeded (a text too long for a `tsvector`).
    static func isRefusalOfTheFile(sqlState: String) -> Bool {
        sqlState.hasPrefix("22") || sqlState.hasPrefix("54")
    }

    /// Records a new size, modification time and identity of an unchanged file (no other row
    /// changes, so the write generation stays).
    public func updateFileStats(path: String, size: Int64, mtime: Double, identity: FileIdentityStamp?) async throws(PostgresStoreError) {
        guard size >= 0, mtime.isFinite else {
            throw .invalidData(operation: "updateFileStats", path: path, reason: "size \(size) and mtime \(mtime) must be finite and non-negative")
        }
        let logger = logger
        let namespace = configuration.namespace
        let ctime = identity?.changeTime
        let device = identity.map { Int64(bitPattern: $0.device) }
        let inode = identity.map { Int64(bitPattern: $0.inode) }
        try await transaction("updateFileStats", path: path) { connection in
            try await Self.lockPath(connection, namespace: namespace, path: path, logger: logger)
            try await connection.query("""
                UPDATE files SET size = \(size), mtime = \(mtime), ctime = \(ctime), device = \(device), inode = \(inode),
                    updated_at = \(Date().timeIntervalSince1970)
                WHERE namespace = \(namespace) AND path = \(path)
                """, logger: logger)
        }
    }

    /// Removes the root `path` of this namespace and every file under it (documents, chunks and
    /// vectors go with them), after taking the files' path locks in one fixed order. Throws
    /// `PostgresStoreError.rootNotFound` when it is not a root.
    @discardableResult
    public func removeRoot(_ path: String) async throws(PostgresStoreError) -> RemovedCounts {
        let logger = logger
        let namespace = configuration.namespace
        let counts: RemovedCounts? = try await transaction("removeRoot", path: path) { connection in
            guard let rootId = try await Self.single(Int64.self, connection.query(
                "SELECT id FROM roots WHERE namespace = \(namespace) AND path = \(path) FOR UPDATE", logger: logger))
            else { return nil }
            try await connection.query("""
                SELECT pg_advisory_xact_lock(key) FROM (
                    SELECT DISTINCT hashtext(namespace || E'\\n' || path) AS key FROM files WHERE root_id = \(rootId) ORDER BY key
                ) AS keys
                """, logger: logger)
            let files = try await Self.single(Int.self, connection.query(
                "SELECT count(*)::int8 FROM files WHERE root_id = \(rootId)", logger: logger)) ?? 0
            let chunks = try await Self.single(Int.self, connection.query(
                "SELECT count(*)::int8 FROM chunks WHERE file_id IN (SELECT id FROM files WHERE root_id = \(rootId))", logger: logger)) ?? 0
            // Names shared with the removed files may now be unique: every edge of the namespace
            // is resolved again (removing a root is rare).
            try await connection.query("DELETE FROM roots WHERE id = \(rootId)", logger: logger)
            try await Self.resolveEdges(connection, namespace: namespace, everything: true, logger: logger)
            try await Self.notifyChange(connection, logger: logger)
            return RemovedCounts(files: files, chunks: chunks)
        }
        guard let counts else { throw .rootNotFound(namespace: namespace, path: path) }
        return counts
    }

    /// Claims the file on this process's claim connection (see `PostgresClaimSession`).
    public func claim(_ file: FileInput) async throws(PostgresStoreError) -> FileClaim {
        try await claims.claim(file)
    }

    /// Ends the run's remaining claims; the data needs nothing (each transaction is durable).
    public func finishRun(wroteFiles: Bool) async throws(PostgresStoreError) {
        try await claims.releaseAll()
    }
}
