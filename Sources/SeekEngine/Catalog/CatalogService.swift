import Foundation
import SeekCore
import SeekPostgres
import SeekStore

/// What the index holds, for front ends: its status (with the live progress of a run in any
/// process), the files with their outcome, one file's extracted text, and the run log. Reads
/// only: never waits for a writer.
public final class CatalogService: Sendable {
    private let settings: SeekSettings
    private let store: StoreHandle
    private let postgres: PostgresHandle?

    init(settings: SeekSettings, store: StoreHandle, postgres: PostgresHandle? = nil) {
        self.settings = settings
        self.store = store
        self.postgres = postgres
    }

    /// `status()` of wherever the index lives: the SQLite file, or the PostgreSQL database
    /// (roots of this process's namespace; files, chunks and vectors of the whole database; its
    /// size on disk; `store` naming it). Throws `EngineError.failed` when the server cannot be read.
    public func storeStatus() async throws(EngineError) -> IndexStatus {
        guard let postgres else { return try status() }
        let database = try await postgres.open()
        return try await EngineError.wrapping("status", directory: settings.indexDirectory) {
            let summary = try await database.status()
            var status = IndexStatus(
                roots: try await database.rootPaths(),
                files: Dictionary(uniqueKeysWithValues: FileStatus.allCases.map { ($0, summary.files[$0] ?? 0) }),
                chunks: summary.chunks, vectors: summary.vectors, dbBytes: try await database.databaseBytes(), model: database.model.id,
                live: try LiveStatusFile(indexDirectory: settings.indexDirectory).current())
            status.store = database.storageDescription
            status.graph = try await database.counts()
            return status
        }
    }

    /// Roots, files per status, chunks, vectors, size and model, with the `seek index` run going
    /// on in any process (from `<index>/status.json`). Throws `EngineError.noIndex` without an index.
    public func status() throws(EngineError) -> IndexStatus {
        try EngineError.wrapping("status", directory: settings.indexDirectory) {
            let summary = try store.existing().catalogReader.statusSummary()
            var status = IndexStatus(
                roots: summary.roots.map(\.path),
                files: Dictionary(uniqueKeysWithValues: FileStatus.allCases.map { ($0, summary.filesByStatus[$0] ?? 0) }),
                chunks: summary.chunkCount, vectors: summary.vectorCount, dbBytes: summary.databaseBytes, model: summary.model.id,
                live: try LiveStatusFile(indexDirectory: settings.indexDirectory).current())
            status.graph = try store.existing().graphReader.counts()
            status.vectorPrecisions = summary.vectorPrecisions
            return status
        }
    }

    /// Files sorted by path, with their status, reason, chunks and parser: only those with
    /// `status`, only under `pathPrefix` (made absolute), at most `limit`, when given.
    public func files(status: FileStatus? = nil, pathPrefix: String? = nil, limit: Int? = nil) async throws(EngineError) -> [FileRow] {
        if let limit, limit < 1 { throw EngineError.invalidRequest(reason: "limit must be at least 1, not \(limit)") }
        let prefix = pathPrefix.map(Self.absolutePath)
        let listings: [FileListing]
        if let postgres {
            let database = try await postgres.open()
            listings = try await EngineError.wrapping("files", directory: settings.indexDirectory) {
                try await database.files(status: status, pathPrefix: prefix, limit: limit)
            }
        } else {
            return try sqliteFiles(status: status, pathPrefix: prefix, limit: limit)
        }
        return listings.map(Self.row)
    }

    /// `files(status:pathPrefix:limit:)` of the SQLite index, synchronously (memories live there).
    package func sqliteFiles(status: FileStatus? = nil, pathPrefix: String? = nil, limit: Int? = nil) throws(EngineError) -> [FileRow] {
        try EngineError.wrapping("files", directory: settings.indexDirectory) {
            if let limit, limit < 1 { throw EngineError.invalidRequest(reason: "limit must be at least 1, not \(limit)") }
            return try store.existing().catalogReader.files(status: status, pathPrefix: pathPrefix.map(Self.absolutePath), limit: limit).map(Self.row)
        }
    }

    private static func row(_ listing: FileListing) -> FileRow {
        FileRow(path: listing.path, status: listing.status, reason: listing.reason, chunks: listing.chunkCount, parser: listing.parser,
                encoding: listing.encoding)
    }

    /// The extracted text and chunks of the indexed file at `path` (made absolute). Only files in
    /// the index can be read this way: any other path throws `EngineError.notIndexed`.
    public func document(path: String) async throws(EngineError) -> ShownDocument {
        let absolute = Self.absolutePath(path)
        let document: StoredDocument
        if let postgres {
            let database = try await postgres.open()
            document = try await EngineError.wrapping("show", directory: settings.indexDirectory) {
                try await database.document(path: absolute)
            }
        } else {
            document = try EngineError.wrapping("show", directory: settings.indexDirectory) {
                try store.existing().catalogReader.document(path: absolute)
            }
        }
        return Self.shown(document)
    }

    /// A stored document as `seek show` and `/api/file` present it.
    private static func shown(_ document: StoredDocument) -> ShownDocument {
        // Parsers list the pages they read with OCR in metadata["ocr_pages"] ("2,5").
        let ocrPages = Set((document.metadata["ocr_pages"] ?? "").split(separator: ",").compactMap { Int($0) })
        return ShownDocument(
            path: document.path, title: document.title, text: document.text,
            chunks: document.chunks.map { .init(ordinal: $0.ordinal, start: $0.start, end: $0.end, page: $0.page, text: $0.text,
                                                headingPath: $0.headingPath, ocr: $0.page.map(ocrPages.contains) ?? false) })
    }

    /// The run log (`<index>/runs.jsonl`), oldest first; only the newest `last` when given.
    public func runs(last: Int? = nil) throws(EngineError) -> [RunRecord] {
        if postgres != nil {
            throw .invalidRequest(reason: "the run log is kept beside a SQLite index; runs into a PostgreSQL index are not logged")
        }
        return try EngineError.wrapping("runs", directory: settings.indexDirectory) {
            if let last, last < 1 { throw EngineError.invalidRequest(reason: "last must be at least 1, not \(last)") }
            let records = try runLog.read()
            return last.map { Array(records.suffix($0)) } ?? records
        }
    }

    /// The run log of the index directory.
    public var runLog: RunLog { RunLog(directory: settings.indexDirectory) }

    /// `path` made absolute against the working directory and standardised, as the index stores it.
    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
