import Foundation
import Logging
import SeekCore
import SeekPostgres
import SeekStore

/// `seek export`: copies an index between Seek's SQLite file and a PostgreSQL database, vectors
/// included (nothing is embedded again), in batches of `batchFiles` files read in path order.
///
/// Each file lands with all its rows at once (the receiving store's `writeFiles`); a file the
/// receiver refuses is listed with the reason and the copy goes on. Copying again replaces each
/// file's rows, so an interrupted copy is finished by running it again. Into SQLite, the copy
/// holds the index's writer lock. The graph travels with the files: each file's links, tags and
/// aliases are rebuilt from its edge rows and resolved again in the receiving index.
public struct IndexTransfer: Sendable {
    /// What a copy did. JSON: {"from","to","roots","files_indexed","files_unindexed","chunks","refused":[{"path","reason"}],"seconds"}.
    public struct Report: Sendable, Encodable {
        public var from: String
        public var to: String
        public var roots: Int
        public var filesIndexed = 0
        public var filesUnindexed = 0
        public var chunks = 0
        public var refused: [IndexingReport.FileFailure] = []
        public var seconds = 0.0

        enum CodingKeys: String, CodingKey {
            case from, to, roots, chunks, refused, seconds
            case filesIndexed = "files_indexed"
            case filesUnindexed = "files_unindexed"
        }
    }

    /// Files per read and per `writeFiles` call.
    public static let batchFiles = 64

    let settings: SeekSettings
    let store: StoreHandle
    private let logger = Logger(label: "seek.engine")

    init(settings: SeekSettings, store: StoreHandle) {
        self.settings = settings
        self.store = store
    }

    /// Copies this engine's SQLite index into the PostgreSQL database of `url` (its namespace:
    /// `?namespace=`, default the host name). Throws `EngineError.noIndex` without an index.
    public func copy(toPostgres url: String) async throws(EngineError) -> Report {
        try await EngineError.wrapping("export", directory: settings.indexDirectory) {
            let source = try store.existing()
            let target = try await PostgresIndexStore.open(configuration: try configuration(url))
            do {
                let report = try await copy(
                    roots: try source.indexingReader.roots().map(\.path), from: source.directory.path, to: target.storageDescription,
                    into: target, read: { after, limit in try source.catalogReader.exportedFiles(after: after, limit: limit) })
                await target.close()
                return report
            } catch {
                await target.close()
                throw error
            }
        }
    }

    /// Copies the namespace of `url` in its PostgreSQL database into this engine's SQLite index
    /// (created when missing), under the index's writer lock.
    public func copy(fromPostgres url: String) async throws(EngineError) -> Report {
        try await EngineError.wrapping("export", directory: settings.indexDirectory) {
            let target = try store.forWriting()
            guard let lock = try IndexWriterLock.tryAcquire(directory: settings.indexDirectory) else {
                throw EngineError.writerBusy(directory: settings.indexDirectory.path, pid: IndexWriterLock.holderPid(directory: settings.indexDirectory))
            }
            defer { withExtendedLifetime(lock) {} }
            let source = try await PostgresIndexStore.open(configuration: try configuration(url))
            do {
                let report = try await copy(
                    roots: try await source.rootPaths(), from: source.storageDescription, to: target.directory.path,
                    into: target, read: { after, limit in try await source.exportedFiles(after: after, limit: limit) })
                await source.close()
                return report
            } catch {
                await source.close()
                throw error
            }
        }
    }

    private func configuration(_ url: String) throws -> PostgresStoreConfiguration {
        guard case .postgres(let configuration) = try StoreLocation.parse(url, source: "--to/--from", environment: ProcessInfo.processInfo.environment) else {
            throw EngineError.invalidRequest(reason: "export copies between this SQLite index and a postgres:// URL, not '\(url)'")
        }
        return configuration
    }

    private func copy(roots: [String], from: String, to: String, into target: any IndexingStorage,
                      read: (String?, Int) async throws -> [FileWrite]) async throws -> Report {
        let started = ContinuousClock.now
        var report = Report(from: from, to: to, roots: roots.count)
        for root in roots { try await target.addRoot(root) }
        var after: String?
        while true {
            let batch = try await read(after, Self.batchFiles)
            guard let last = batch.last else { break }
            after = last.file.path
            let refusals = try await target.writeFiles(batch)
            for (write, refusal) in zip(batch, refusals) {
                if let refusal {
                    report.refused.append(.init(path: write.file.path, reason: refusal))
                    continue
                }
                switch write {
                case .indexed(_, _, let chunks, _, _):
                    report.filesIndexed += 1
                    report.chunks += chunks.count
                case .unindexed:
                    report.filesUnindexed += 1
                }
            }
            logger.debug("export batch", metadata: ["files": "\(report.filesIndexed + report.filesUnindexed)"])
        }
        try await target.finishRun(wroteFiles: true)
        report.seconds = (ContinuousClock.now - started).seconds
        return report
    }
}
