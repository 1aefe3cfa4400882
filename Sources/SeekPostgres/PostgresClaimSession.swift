import Foundation
import Logging
import PostgresNIO
import SeekCore
import SeekStore

/// The file claims of one process's index runs: session-level advisory locks, held on a pool of
/// exactly one connection of their own (a session lock belongs to the connection that took it).
///
/// Why advisory locks and not a claims table: a lock ends with its session, so an indexer killed
/// with SIGKILL (or a host that vanished) releases its claims the moment the server notices the
/// connection is gone — no lease to expire, no stale row to clean. The keys live in the
/// two-integer advisory key space (class `lockClass`), apart from the one-bigint space of the
/// per-path write locks, so a claim never blocks its own process's write transaction. Should the
/// claim connection drop anyway, the claims are lost: two indexers may then embed the same file,
/// and the per-path write lock still keeps one copy of its rows.
actor PostgresClaimSession {
    /// The advisory lock class of claims ("SC").
    static let lockClass: Int32 = 0x5343
    private let configuration: PostgresStoreConfiguration
    private let logger: Logger
    private var client: PostgresClient?
    private var runTask: Task<Void, Never>?
    private var held = Set<String>()
    /// Ends a call whose connection closes under it (`PostgresConnectionWatch`).
    private let watch = PostgresConnectionWatch()

    init(configuration: PostgresStoreConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Tries to claim `file`: `.heldElsewhere` when another session holds it; `.alreadyCurrent`
    /// (and no claim kept) when the index already holds this size and modification time as indexed.
    func claim(_ file: FileInput) async throws(PostgresStoreError) -> FileClaim {
        let namespace = configuration.namespace
        let path = file.path
        let logger = logger
        let client = await started()
        do {
            let claim = try await watch.run(on: client) { connection -> FileClaim in
                let locked = try await PostgresIndexStore.single(Bool.self, connection.query(
                    "SELECT pg_try_advisory_lock(\(Self.lockClass), hashtext(\(namespace + "\n" + path)))", logger: logger)) ?? false
                guard locked else { return .heldElsewhere }
                // After the lock: a writer that committed this file before releasing its claim is seen.
                let current = try await PostgresIndexStore.single(Bool.self, connection.query("""
                    SELECT EXISTS (SELECT 1 FROM files WHERE namespace = \(namespace) AND path = \(path) AND status = 'indexed'
                                   AND size = \(file.size) AND mtime = \(file.mtime))
                    """, logger: logger)) ?? false
                if current {
                    try await connection.query(
                        "SELECT pg_advisory_unlock(\(Self.lockClass), hashtext(\(namespace + "\n" + path)))", logger: logger)
                    return .alreadyCurrent
                }
                return .claimed
            }
            if claim == .claimed { held.insert(path) }
            return claim
        } catch {
            throw PostgresStoreError.wrapping(error, operation: "claim", path: path)
        }
    }

    /// Ends the claims of `paths` that this session holds (after their files were written).
    func release(_ paths: [String]) async throws(PostgresStoreError) {
        let mine = paths.filter { held.contains($0) }
        guard !mine.isEmpty, let client else { return }
        held.subtract(mine)
        let namespace = configuration.namespace
        let keys = mine.map { namespace + "\n" + $0 }
        let logger = logger
        do {
            _ = try await watch.run(on: client) { connection in
                try await connection.query(
                    "SELECT pg_advisory_unlock(\(Self.lockClass), hashtext(key)) FROM unnest(\(keys)::text[]) AS t(key)", logger: logger)
            }
        } catch {
            throw PostgresStoreError.wrapping(error, operation: "release claims")
        }
    }

    /// Ends every claim of this session (the end of a run).
    func releaseAll() async throws(PostgresStoreError) {
        guard !held.isEmpty, let client else { return }
        held.removeAll()
        let logger = logger
        do {
            _ = try await watch.run(on: client) { connection in
                try await connection.query("SELECT pg_advisory_unlock_all()", logger: logger)
            }
        } catch {
            throw PostgresStoreError.wrapping(error, operation: "release claims")
        }
    }

    /// Closes the connection (its claims end with it).
    func close() async {
        runTask?.cancel()
        await runTask?.value
        runTask = nil
        client = nil
        held.removeAll()
    }

    /// The one-connection pool, started on first use.
    private func started() async -> PostgresClient {
        if let client { return client }
        let client = PostgresIndexStore.makeClient(configuration: configuration, logger: logger, single: true)
        await withCheckedContinuation { (running: CheckedContinuation<Void, Never>) in
            runTask = Task {
                running.resume()
                await client.run()
            }
        }
        self.client = client
        return client
    }
}
