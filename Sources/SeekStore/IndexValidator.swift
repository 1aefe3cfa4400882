import Foundation
import SeekCore

/// Checks an open index against the invariants the writer promises (`IndexWriter`): one vector,
/// one Int8 code and one full-text row per chunk, no orphan rows, unit vectors of the model's
/// dimension, no chunk of a missing file, chunk counts that match, graph edges that point at existing rows, the model marker, and
/// SQLite's own integrity check; it also warns about indexed files gone from disk and a large
/// drop since the previous snapshot.
///
/// Every broken invariant is an error naming its table and the first few ids involved; a
/// suspicious but consistent state is a warning. The validator only reads.
public struct IndexValidator: Sendable {
    /// A drop in files or chunks larger than this fraction since the previous snapshot is a
    /// warning. Default 0.2.
    public var snapshotDropWarningFraction: Double
    /// Ids named per problem in the messages. Default 5.
    public var sampleLimit: Int

    public init(snapshotDropWarningFraction: Double = 0.2, sampleLimit: Int = 5) {
        self.snapshotDropWarningFraction = snapshotDropWarningFraction
        self.sampleLimit = sampleLimit
    }

    /// Validates `store`. Every problem found is in the report, damage included (SQLite meeting
    /// a damaged page is an error of the report, with what was checked before it); throws only
    /// for other failures to read.
    public func validate(_ store: IndexStore) throws(StoreError) -> ValidationReport {
        var errors: [String] = []
        var warnings: [String] = []
        do {
            try check(store, errors: &errors, warnings: &warnings)
        } catch .damaged(let reason) {
            errors.append("integrity: the index is damaged: \(reason); `seek index --rebuild` re-indexes its roots into a fresh database")
        }
        return ValidationReport(errors: errors, warnings: warnings)
    }

    private func check(_ store: IndexStore, errors: inout [String], warnings: inout [String]) throws(StoreError) {
        let reader = store.diagnosticsReader

        let integrity = try reader.integrityCheck()
        errors += integrity.problems.prefix(sampleLimit).map { "integrity_check: \($0)" }
        if !integrity.problems.isEmpty {
            // Reading on would meet the damage again and again: one clear report is enough.
            errors.append("integrity: the index is damaged; `seek index --rebuild` re-indexes its roots into a fresh database")
            return
        }
        if integrity.problems.count > sampleLimit {
            errors.append("integrity_check: \(integrity.problems.count - sampleLimit) more problems")
        }

        let marker = try reader.storedModelMarker()
        if marker != store.model {
            errors.append("meta: model marker mismatch: the index records \(marker.id) (dimension \(marker.dimension)), Seek embeds with \(store.model.id) (dimension \(store.model.dimension))")
        }

        let orphans = try reader.orphanCounts()
        let samples = try reader.invariantSamples(limit: sampleLimit)
        // `message` reads "table: # noun(s) ...": # becomes the count, "(s)" the plural ending.
        func add(_ count: Int, _ message: String, _ ids: [some CustomStringConvertible], label: String = "chunk ids") {
            guard count > 0 else { return }
            let text = Self.counted(message, count)
            errors.append("\(text) (\(label) \(ids.map(\.description).joined(separator: ", "))\(count > ids.count ? ", …" : ""))")
        }
        add(orphans.chunksWithoutVector, "vectors: # chunk(s) without a vector row", samples.chunksWithoutVector)
        add(orphans.chunksWithoutCode, "vector_codes: # chunk(s) without an int8 code row", samples.chunksWithoutCode)
        add(orphans.chunksWithoutFullTextRow, "chunks_fts: # chunk(s) without a full-text row", samples.chunksWithoutFullTextRow)
        add(orphans.vectorsWithoutChunk, "vectors: # orphan vector row(s) whose chunk is gone", samples.vectorsWithoutChunk)
        add(orphans.codesWithoutChunk, "vector_codes: # orphan code row(s) whose chunk is gone", samples.codesWithoutChunk)
        add(orphans.fullTextRowsWithoutChunk, "chunks_fts: # orphan full-text row(s) whose chunk is gone", samples.fullTextRowsWithoutChunk, label: "rowids")
        add(samples.chunksWithoutFileCount, "chunks: # chunk(s) of a missing file row", samples.chunksWithoutFile)
        add(orphans.filesWithWrongChunkCount, "files: # indexed file(s) whose chunk_count differs from their chunks",
            samples.filesWithWrongChunkCount, label: "paths")
        add(orphans.unindexedFilesWithChunks, "files: # failed or skipped file(s) with chunks left",
            samples.unindexedFilesWithChunks, label: "paths")

        let graph = try reader.auditGraph(sampleLimit: sampleLimit)
        add(graph.edgesWithoutSourceCount, "edges: # edge(s) of a missing source file", graph.edgesWithoutSource, label: "edge ids")
        add(graph.edgesWithDanglingTargetCount, "edges: # edge(s) pointing at a missing file", graph.edgesWithDanglingTarget, label: "edge ids")
        add(graph.edgesWithForeignChunkCount, "edges: # edge(s) in a chunk that is missing or of another file", graph.edgesWithForeignChunk,
            label: "edge ids")
        add(graph.tagsWithTargetCount, "edges: # tag(s) with a target file", graph.tagsWithTarget, label: "edge ids")
        add(graph.filesWithoutDocumentVectorCount, "document_vectors: # indexed file(s) with chunks but no document vector",
            graph.filesWithoutDocumentVector, label: "paths")
        add(graph.strayDocumentVectorsCount, "document_vectors: # vector(s) of a file that is not indexed with chunks",
            graph.strayDocumentVectors, label: "file ids")

        let vectors = try reader.auditVectors(sampleLimit: sampleLimit)
        add(vectors.wrongSizeCount, "vectors: # vector(s) not of the model's dimension (\(store.model.dimension) floats = \(store.model.dimension * 4) bytes)",
            vectors.wrongSizeChunkIds)
        add(vectors.nonUnitCount, "vectors: # vector(s) not unit length (|norm - 1| >= 0.001)", vectors.nonUnitChunkIds)

        let missing = try reader.indexedFilesMissingOnDisk(limit: sampleLimit)
        if missing.count > 0 {
            let list = missing.paths.joined(separator: ", ") + (missing.count > missing.paths.count ? ", …" : "")
            warnings.append(Self.counted("files: # indexed file(s) gone from disk", missing.count) + " (\(list)); run `seek index` to remove them from the index")
        }
        if let drop = try snapshotDropWarning(reader: reader) { warnings.append(drop) }
    }

    /// `template` with "#" replaced by `count` and "(s)" by "s" unless `count` is 1.
    static func counted(_ template: String, _ count: Int) -> String {
        template.replacingOccurrences(of: "#", with: String(count)).replacingOccurrences(of: "(s)", with: count == 1 ? "" : "s")
    }

    /// A warning when files or chunks dropped by more than `snapshotDropWarningFraction` since the
    /// previous snapshot. Every indexing run ends with a snapshot, so when the newest snapshot
    /// still matches the index, the baseline is the one before it (the state before the last
    /// run); when the index changed since (`seek remove`), the newest snapshot is the baseline.
    private func snapshotDropWarning(reader: DiagnosticsReader) throws(StoreError) -> String? {
        let counts = try reader.tableCounts()
        let recent = try reader.snapshots(limit: 2)
        guard let latest = recent.first else { return nil }
        let matchesLatest = latest.files == counts.files && latest.chunks == counts.chunks
        guard let baseline = matchesLatest ? recent.dropFirst().first : latest else { return nil }
        var drops: [String] = []
        for (name, before, now) in [("files", baseline.files, counts.files), ("chunks", baseline.chunks, counts.chunks)] where before > 0 {
            let fraction = Double(before - now) / Double(before)
            if fraction > snapshotDropWarningFraction {
                drops.append("\(name) \(before) → \(now) (-\(Int((fraction * 100).rounded()))%)")
            }
        }
        guard !drops.isEmpty else { return nil }
        let when = baseline.takenAt.formatted(.iso8601)
        return "snapshots: the index shrank by more than \(Int(snapshotDropWarningFraction * 100))% since the snapshot of \(when): "
            + drops.joined(separator: ", ")
    }
}
