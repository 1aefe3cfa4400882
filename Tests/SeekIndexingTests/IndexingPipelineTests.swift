import Foundation
import GRDB
import SeekEmbedding
import SeekIndexing
import SeekIngest
import SeekStore
import SeekTestSupport
import Synchronization
import Testing
import SeekCore

@Suite(.serialized)
struct IndexingPipelineTests {
    @Test func incrementalRunsChangeExactlyWhatChangedOnDisk() async throws {
        let fixture = try IndexFixture()
        try fixture.writeCranfield(count: 30)
        let first = try await fixture.index()
        #expect(first.filesIndexed == 30 && first.filesFailed == 0 && first.filesUnchanged == 0)
        #expect(first.chunks == first.chunksEmbedded + first.cacheHits)
        #expect(first.chunksEmbedded > 30)
        #expect(try fixture.count("SELECT COUNT(*) FROM chunks") == first.chunks)

        // Nothing changed: nothing embedded, nothing written.
        let again = try await fixture.index()
        #expect(again.filesUnchanged == 30 && again.filesIndexed == 0 && again.chunksEmbedded == 0 && again.chunks == 0)

        // Modify 3, delete 2, add 1.
        let modified = ["1.txt", "2.txt", "3.txt"]
        for name in modified {
            try Data("A new note replacing \(name).\nIt now talks about boundary layer suction on swept wings.".utf8)
                .write(to: fixture.root.appendingPathComponent(name))
        }
        for name in ["4.txt", "5.txt"] { try FileManager.default.removeItem(at: fixture.root.appendingPathComponent(name)) }
        try Data("a brand new note about hypersonic heat transfer".utf8).write(to: fixture.root.appendingPathComponent("new.txt"))
        let changed = try await fixture.index()
        #expect(changed.filesIndexed == 4)
        #expect(changed.filesRemoved == 2)
        #expect(changed.filesUnchanged == 25)
        #expect(changed.chunksEmbedded == 4)
        #expect(try fixture.count("SELECT COUNT(*) FROM files") == 29)
        #expect(try fixture.count("SELECT COUNT(*) FROM files WHERE status = 'indexed'") == 29)
        // No stale chunk: the modified files hold exactly their new text.
        for name in modified {
            #expect(try fixture.chunkTexts(of: name) == ["A new note replacing \(name).\nIt now talks about boundary layer suction on swept wings."])
        }
        #expect(try fixture.count("SELECT COUNT(*) FROM chunks_fts WHERE chunks_fts MATCH 'suction'") >= 3)
        #expect(try fixture.invariantViolations() == [])
        #expect(try fixture.count("SELECT COUNT(*) FROM chunks") == fixture.count("SELECT SUM(chunk_count) FROM files"))
    }

    /// Two chunks of one text share one sequence: the model reads it once (`tokens`), and both
    /// chunks count as embedded, so `chunks == chunksEmbedded + cacheHits` still holds.
    @Test func chunksOfOneTextShareASequenceAndEachCountsAsEmbedded() async throws {
        let fixture = try IndexFixture()
        let section = "# Notes\n\nThe shock wave stands off the blunt body at hypersonic speed.\n\n"
        try Data((section + section).utf8).write(to: fixture.root.appendingPathComponent("twice.md"))
        let embedder = try #require(IndexFixture.embedder, "the model must be installed (make model)")
        let store = try IndexStore.open(directory: fixture.indexDirectory, model: .miniLML6V2, create: true)
        defer { try? store.close() }
        let backend = RecordingEmbeddingBackend(dimension: embedder.dimension, sequences: 32, tokens: 600)
        let report = try await IndexingPipeline(store: store, backend: backend, tokenizer: embedder.tokenizer).run(roots: [fixture.root])
        let texts = try fixture.chunkTexts(of: "twice.md")
        try #require(texts.count == 2 && texts[0] == texts[1], "the chunker no longer cuts two equal chunks: \(texts)")
        let calls = backend.calls.withLock { $0 }
        #expect(calls.reduce(0) { $0 + $1.sequences } == 1)
        #expect(report.chunks == 2 && report.chunksEmbedded == 2 && report.cacheHits == 0)
        #expect(report.tokens == calls.reduce(0) { $0 + $1.tokens })
        #expect(try fixture.invariantViolations() == [])
    }

    @Test func touchedAndDuplicatedFilesAreNotEmbeddedAgain() async throws {
        let fixture = try IndexFixture()
        try fixture.writeCranfield(count: 5)
        try await fixture.index()
        // Same contents, new modification time: the hash proves nothing changed.
        let one = fixture.root.appendingPathComponent("1.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: one.path)
        // A copy under another name: every chunk comes from the embedding cache.
        try FileManager.default.copyItem(at: fixture.root.appendingPathComponent("2.txt"), to: fixture.root.appendingPathComponent("copy.txt"))
        let report = try await fixture.index()
        #expect(report.chunksEmbedded == 0)
        #expect(report.filesIndexed == 1)
        #expect(report.cacheHits == report.chunks && report.chunks > 0)
        #expect(report.filesUnchanged == 5)
        #expect(try fixture.invariantViolations() == [])
    }

    /// The pipeline records `vectorPrecision` on every file it embeds, lends cached vectors only
    /// of that precision, and with `reembed` embeds every indexed file again without the cache.
    /// (The precision is the caller's word for what its backend runs; here the in-process fp32
    /// embedder stands for any, since what is checked is the bookkeeping, not the arithmetic.)
    @Test func vectorPrecisionIsRecordedAndReembedEmbedsEveryFileAgain() async throws {
        let fixture = try IndexFixture()
        try fixture.writeCranfield(count: 5)
        try await fixture.index()
        let recorded = { try fixture.sql { try [String: String].init(uniqueKeysWithValues: Row.fetchAll($0, sql:
            "SELECT path, vector_precision FROM files WHERE status = 'indexed'").map { (URL(fileURLWithPath: $0[0]).lastPathComponent, $0[1] as String) }) } }
        #expect(Set(try recorded().values) == ["fp32"])

        // Another precision: unchanged files stay; a copy gets no fp32 vector from the cache.
        try FileManager.default.copyItem(at: fixture.root.appendingPathComponent("2.txt"), to: fixture.root.appendingPathComponent("copy.txt"))
        let other = IndexingConfiguration(vectorPrecision: "bf16")
        let switched = try await fixture.index(configuration: other)
        #expect(switched.filesUnchanged == 5 && switched.filesIndexed == 1)
        #expect(switched.cacheHits == 0 && switched.chunksEmbedded == switched.chunks && switched.chunks > 0)
        let afterSwitch = try recorded()
        #expect(afterSwitch["copy.txt"] == "bf16" && afterSwitch.values.filter { $0 == "fp32" }.count == 5)

        // reembed: everything again, nothing from the cache, all recorded in bf16.
        let reembedded = try await fixture.index(configuration: IndexingConfiguration(vectorPrecision: "bf16", reembed: true))
        #expect(reembedded.filesIndexed == 6 && reembedded.filesUnchanged == 0)
        #expect(reembedded.cacheHits == 0 && reembedded.chunksEmbedded > 0)
        let afterReembed = try recorded()
        #expect(Set(afterReembed.values) == ["bf16"] && afterReembed.count == 6)
        #expect(try fixture.invariantViolations() == [])
        let quiet = try await fixture.index(configuration: other)
        #expect(quiet.filesUnchanged == 6 && quiet.chunksEmbedded == 0)
    }

    @Test func badFilesFailOrSkipWithReasonsAndTheRunGoesOn() async throws {
        let fixture = try IndexFixture()
        try fixture.writeCranfield(count: 3)
        let documents = ProjectFixtures.directory.appendingPathComponent("documents")
        let corrupt = try FileManager.default.contentsOfDirectory(atPath: documents.path).filter { $0.contains("truncated") && $0.hasSuffix(".pdf") }
        for name in corrupt { try FileManager.default.copyItem(at: documents.appendingPathComponent(name), to: fixture.root.appendingPathComponent(name)) }
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 64)).write(to: fixture.root.appendingPathComponent("image.bin"))
        try Data().write(to: fixture.root.appendingPathComponent("empty.txt"))
        try Data([0x63, 0x61, 0x66, 0xE9, 0x20, 0xFF, 0xFE, 0x0A]).write(to: fixture.root.appendingPathComponent("latin.txt"))
        let report = try await fixture.index()
        #expect(!corrupt.isEmpty)
        #expect(report.filesFailed == corrupt.count)
        #expect(report.filesSkipped == 1)
        #expect(report.filesIndexed == 5)  // 3 abstracts, the empty file, the legacy 8-bit file
        let reasons = try fixture.sql { try String.fetchAll($0, sql: "SELECT reason FROM files WHERE status != 'indexed' ORDER BY path") }
        #expect(reasons.contains(ParserRegistry.unknownBinaryReason))
        #expect(reasons.allSatisfy { !$0.isEmpty })
        #expect(try fixture.count("SELECT chunk_count FROM files WHERE path LIKE '%empty.txt'") == 0)
        #expect(try fixture.invariantViolations() == [])
        // Unchanged failures are not retried; --retry-failed retries them.
        #expect(try await fixture.index().filesFailed == 0)
        var retry = IndexingConfiguration()
        retry.retryFailed = true
        #expect(try await fixture.index(configuration: retry).filesFailed == corrupt.count)
    }

    /// Files written in groups (group commit): every file is stored with its own rows, and a file
    /// whose vectors the store rejects fails alone, with the reason, while the rest of its group
    /// is stored.
    @Test func groupCommitStoresEveryFileAndARejectedFileFailsAlone() async throws {
        let fixture = try IndexFixture()
        let fileCount = 40
        for number in 0..<fileCount {
            let text = number == 17 ? "a zeppelin note that the backend embeds wrongly" : "note \(number) about wing flutter"
            try Data(text.utf8).write(to: fixture.root.appendingPathComponent("\(number).txt"))
        }
        let embedder = try #require(IndexFixture.embedder, "the model must be installed (make model)")
        let poison = Set(embedder.tokenizer.encode("zeppelin").dropFirst().dropLast())
        try #require(!poison.isEmpty)
        let store = try IndexStore.open(directory: fixture.indexDirectory, model: .miniLML6V2, create: true)
        defer { try? store.close() }
        var configuration = IndexingConfiguration()
        configuration.writeGroupFiles = 8
        configuration.writeGroupWindow = .milliseconds(50)
        let backend = PoisonedEmbeddingBackend(dimension: embedder.dimension, poison: poison)
        let pipeline = try IndexingPipeline(store: store, backend: backend, tokenizer: embedder.tokenizer, configuration: configuration)
        let report = try await pipeline.run(roots: [fixture.root])

        #expect(report.filesIndexed == fileCount - 1)
        #expect(report.filesFailed == 1)
        #expect(report.chunks == fileCount - 1)
        let failed = try fixture.sql { try Row.fetchAll($0, sql: "SELECT path, reason FROM files WHERE status = 'failed'") }
        #expect(failed.count == 1)
        #expect((failed.first?["path"] as String?)?.hasSuffix("/17.txt") == true)
        #expect((failed.first?["reason"] as String?)?.hasPrefix("cannot store: ") == true)
        #expect(try fixture.count("SELECT COUNT(*) FROM files WHERE status = 'indexed' AND chunk_count = 1") == fileCount - 1)
        #expect(try fixture.invariantViolations() == [])
        // The run ends with a checkpoint: the database file alone, without its write-ahead log,
        // holds the run (group commit writes too few log pages for SQLite's own checkpoint).
        let copy = fixture.scratch.file("copy.sqlite")
        try FileManager.default.copyItem(at: fixture.indexDirectory.appendingPathComponent("index.sqlite"), to: copy)
        let alone = try DatabaseQueue(path: copy.path)
        let filesInTheFile = try await alone.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM files") }
        #expect(filesInTheFile == fileCount)
        try alone.close()
        // The failure is recorded, so an unchanged re-run has nothing to do.
        let again = try await pipeline.run(roots: [fixture.root])
        #expect(again.filesUnchanged == fileCount && again.filesIndexed == 0 && again.filesFailed == 0)
    }

    /// Calls to a backend that prefers a token budget (the pool: one forward pass of a worker)
    /// stay within it and within its sequence count, every sequence is embedded once, and the
    /// last calls of the run are no larger than the rest.
    @Test func callsStayWithinTheBackendsTokenBudget() async throws {
        let fixture = try IndexFixture()
        try fixture.writeCranfield(count: 40)
        let embedder = try #require(IndexFixture.embedder, "the model must be installed (make model)")
        let store = try IndexStore.open(directory: fixture.indexDirectory, model: .miniLML6V2, create: true)
        defer { try? store.close() }
        let backend = RecordingEmbeddingBackend(dimension: embedder.dimension, sequences: 32, tokens: 600)
        let pipeline = try IndexingPipeline(store: store, backend: backend, tokenizer: embedder.tokenizer)
        let report = try await pipeline.run(roots: [fixture.root])

        #expect(report.filesIndexed == 40 && report.filesFailed == 0)
        let calls = backend.calls.withLock { $0 }
        // Each distinct text is one sequence; every chunk counts as embedded.
        #expect(calls.reduce(0) { $0 + $1.sequences } == (try fixture.count("SELECT COUNT(DISTINCT text_hash) FROM chunks")))
        #expect(report.chunksEmbedded == report.chunks)
        #expect(calls.reduce(0) { $0 + $1.tokens } == report.tokens)
        // Cranfield chunks are ≤ 256 tokens: two or more fit 600, so the budget, not the count, cuts.
        #expect(calls.allSatisfy { $0.tokens <= 600 && $0.sequences <= 32 })
        #expect(calls.count >= report.tokens / 600)
        // While calls are in flight, sequences gather into calls of several, up to the budget.
        #expect(calls.contains { $0.sequences > 1 && $0.tokens > 300 }, "calls of one sequence each: \(calls)")
        #expect(try fixture.invariantViolations() == [])
    }

    /// A write group ends as soon as it is full or the input finished, not when its window
    /// runs out: with a one-minute window, 10 files in groups of 4 are written in seconds.
    @Test func aWriteGroupEndsWhenFullOrWhenTheInputFinishes() async throws {
        let fixture = try IndexFixture()
        let fileCount = 10
        for number in 0..<fileCount {
            try Data("note \(number) about shock waves".utf8).write(to: fixture.root.appendingPathComponent("\(number).txt"))
        }
        let embedder = try #require(IndexFixture.embedder, "the model must be installed (make model)")
        let store = try IndexStore.open(directory: fixture.indexDirectory, model: .miniLML6V2, create: true)
        defer { try? store.close() }
        var configuration = IndexingConfiguration()
        configuration.writeGroupFiles = 4
        configuration.writeGroupWindow = .seconds(60)
        let pipeline = try IndexingPipeline(store: store, backend: InProcessEmbeddingBackend(embedder: embedder),
                                            tokenizer: embedder.tokenizer, configuration: configuration)
        let started = ContinuousClock.now
        let report = try await pipeline.run(roots: [fixture.root])
        #expect(ContinuousClock.now - started < .seconds(30), "a group waited out its window")
        #expect(report.filesIndexed == fileCount)
        #expect(try fixture.count("SELECT COUNT(*) FROM files WHERE status = 'indexed'") == fileCount)
        #expect(try fixture.invariantViolations() == [])
    }

    @Test func aFileThatBecomesCorruptLosesItsStaleChunks() async throws {
        let fixture = try IndexFixture()
        let file = fixture.root.appendingPathComponent("report.pdf")
        let documents = ProjectFixtures.directory.appendingPathComponent("documents")
        let good = try FileManager.default.contentsOfDirectory(atPath: documents.path).filter { $0.hasSuffix(".pdf") && !$0.contains("truncated") }
        try FileManager.default.copyItem(at: documents.appendingPathComponent(try #require(good.first)), to: file)
        #expect(try await fixture.index().filesIndexed == 1)
        #expect(try fixture.count("SELECT COUNT(*) FROM chunks") > 0)
        let data = try Data(contentsOf: file)
        try data.prefix(data.count / 3).write(to: file)
        let report = try await fixture.index()
        #expect(report.filesFailed == 1)
        #expect(try fixture.count("SELECT COUNT(*) FROM chunks") == 0)
        #expect(try fixture.invariantViolations() == [])
    }

    @Test func nestedRootsAreIndexedOnceAndRootsUpdateTogether() async throws {
        let fixture = try IndexFixture()
        try fixture.writeCranfield(count: 4)
        let nested = fixture.root.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try Data("nested note on shock waves".utf8).write(to: nested.appendingPathComponent("n.txt"))
        let report = try await fixture.index([fixture.root, nested])
        #expect(report.filesIndexed == 5)
        #expect(try fixture.count("SELECT COUNT(*) FROM roots") == 1)
        // No path: every stored root is updated.
        try Data("another".utf8).write(to: nested.appendingPathComponent("m.txt"))
        let update = try await fixture.index([])
        #expect(update.filesIndexed == 1 && update.filesUnchanged == 5)
        await #expect(throws: IndexingError.self) { try await fixture.index([fixture.root.appendingPathComponent("missing")]) }
    }

    @Test func theScanRunsAheadSoTheTotalIsKnownLongBeforeTheFilesAreDone() async throws {
        let fixture = try IndexFixture()
        let fileCount = 300
        for number in 0..<fileCount {
            try Data("note \(number) about wing flutter".utf8).write(to: fixture.root.appendingPathComponent("\(number).txt"))
        }
        let embedder = try #require(IndexFixture.embedder, "the model must be installed (make model)")
        let store = try IndexStore.open(directory: fixture.indexDirectory, model: .miniLML6V2, create: true)
        defer { try? store.close() }
        // Up to four sequences per call, one call at a time, one pass per sequence (a short batch,
        // sent when nothing else is in flight, takes fewer), and no call passes the gate before
        // the scan is complete; after that, calls pass only while they keep at most 40 files
        // (one sequence each) ahead of the files done. So the scan must finish with nothing
        // embedded, and the ETA (which needs a finished file) appears within the first 40 files,
        // however fast or slow the machine is.
        let gate = PassGate()
        defer { gate.openFully() }
        let backend = GatedEmbeddingBackend(dimension: embedder.dimension, gate: gate)
        let pipeline = try IndexingPipeline(store: store, backend: backend, tokenizer: embedder.tokenizer)
        let snapshots = Mutex<[IndexingProgress]>([])
        let report = try await pipeline.run(roots: [fixture.root]) { progress in
            snapshots.withLock { $0.append(progress) }
            if progress.scanComplete {
                gate.grant(total: progress.filesDone + 40)
            } else if progress.elapsedSeconds > 300 {
                // A safety net against a scan that waits for embedding (the checks below then fail).
                gate.openFully()
            }
        }

        #expect(report.filesIndexed == fileCount)
        let firstComplete = try #require(snapshots.withLock { $0.first { $0.scanComplete } })
        #expect(firstComplete.filesFound == fileCount)
        #expect(firstComplete.filesDone == 0 && firstComplete.chunksEmbedded == 0,
                "the scan finished only after \(firstComplete.filesDone) files were done")
        // The ETA appears with the first finished file, early in the run.
        let firstWithETA = try #require(snapshots.withLock { $0.first { $0.etaSeconds != nil } })
        #expect(firstWithETA.scanComplete && firstWithETA.filesDone > 0)
        #expect(firstWithETA.filesDone <= 40, "the first ETA came only after \(firstWithETA.filesDone) files were done")
        #expect(gate.passesUsed == fileCount)
        #expect(try fixture.invariantViolations() == [])
    }

    /// On a store that starts the run without vectors and has one writer, the run looks up only
    /// texts it has itself queued for embedding: distinct files make no lookup at all, a copy's
    /// texts may be looked up (and found once written). A store that keeps every lookup (as
    /// PostgreSQL does) is asked once per file. Either way the index comes out the same.
    @Test func aFreshIndexLooksUpOnlyTheRunsOwnTexts() async throws {
        let embedder = try #require(IndexFixture.embedder, "the model must be installed (make model)")
        for holdsNoEmbeddings in [true, false] {
            let fixture = try IndexFixture()
            try fixture.writeCranfield(count: 12)
            try FileManager.default.copyItem(at: fixture.root.appendingPathComponent("3.txt"), to: fixture.root.appendingPathComponent("copy.txt"))
            let store = try IndexStore.open(directory: fixture.indexDirectory, model: .miniLML6V2, create: true)
            defer { try? store.close() }
            let storage = LookupCountingStorage(store: store, keepsEveryLookup: !holdsNoEmbeddings)
            let pipeline = try IndexingPipeline(storage: storage, backend: InProcessEmbeddingBackend(embedder: embedder), tokenizer: embedder.tokenizer)
            let report = try await pipeline.run(roots: [fixture.root])
            let storedChunks = try fixture.count("SELECT COUNT(*) FROM chunks")
            #expect(report.filesIndexed == 13 && storedChunks == report.chunks)
            // The copy's chunks join 3.txt's sequences or come from the cache: each counts once.
            #expect(report.chunks == report.chunksEmbedded + report.cacheHits)
            #expect(try fixture.invariantViolations() == [])
            let copiedHashes = Set(try fixture.sql { try String.fetchAll($0, sql: """
                SELECT c.text_hash FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.path = ?
                """, arguments: [fixture.root.appendingPathComponent("copy.txt").path]) })
            let asked = storage.askedHashes()
            if holdsNoEmbeddings {
                #expect(Set(asked).isSubset(of: copiedHashes), "looked up texts no one had queued: \(asked.count)")
            } else {
                // Once per file, each of its distinct texts.
                let fileTexts = try fixture.count("SELECT COUNT(*) FROM (SELECT DISTINCT file_id, text_hash FROM chunks)")
                #expect(asked.count == fileTexts)
            }
            // The next run on the index, which now holds vectors, looks up a new file's texts.
            try Data("A note on boundary layer suction.".utf8).write(to: fixture.root.appendingPathComponent("new.txt"))
            let before = storage.askedHashes().count
            let next = try await IndexingPipeline(storage: storage, backend: InProcessEmbeddingBackend(embedder: embedder),
                                                  tokenizer: embedder.tokenizer).run(roots: [fixture.root])
            #expect(next.filesIndexed == 1 && storage.askedHashes().count == before + 1)
        }
    }
}

/// The SQLite store, counting the hashes each embedding-cache lookup asks for; with
/// `keepsEveryLookup` it answers as a shared store would (never "no embeddings for this run").
private final class LookupCountingStorage: IndexingStorage, Sendable {
    let store: IndexStore
    let keepsEveryLookup: Bool
    private let asked = Mutex<[String]>([])

    init(store: IndexStore, keepsEveryLookup: Bool) {
        self.store = store
        self.keepsEveryLookup = keepsEveryLookup
    }

    func askedHashes() -> [String] { asked.withLock { $0 } }

    var storageDescription: String { store.storageDescription }
    func rootPaths() async throws -> [String] { try await store.rootPaths() }
    func addRoot(_ path: String) async throws -> RootID { try await store.addRoot(path) }
    func fileStates(rootPath: String) async throws -> [String: FileState] { try await store.fileStates(rootPath: rootPath) }
    func holdsNoEmbeddingsForThisRun() async throws -> Bool {
        keepsEveryLookup ? false : try await store.holdsNoEmbeddingsForThisRun()
    }
    func cachedEmbeddings(textHashes: [String], precision: String?) async throws -> [String: [Float]] {
        asked.withLock { $0 += textHashes }
        return try await store.cachedEmbeddings(textHashes: textHashes, precision: precision)
    }
    func writeFiles(_ writes: [FileWrite]) async throws -> [String?] { try await store.writeFiles(writes) }
    func updateFileStats(path: String, size: Int64, mtime: Double, identity: FileIdentityStamp?) async throws {
        try await store.updateFileStats(path: path, size: size, mtime: mtime, identity: identity)
    }
    func removeFiles(paths: [String]) async throws -> RemovedCounts { try await store.removeFiles(paths: paths) }
    func removeRoot(_ path: String) async throws -> RemovedCounts { try await store.removeRoot(path) }
    func finishRun(wroteFiles: Bool) async throws { try await store.finishRun(wroteFiles: wroteFiles) }
}

/// Embeds a few sequences per call, each call only once `gate` lets it pass, with deterministic
/// unit vectors: a stand-in model for tests about the pipeline's flow rather than its vectors.
private struct GatedEmbeddingBackend: EmbeddingBackend {
    let dimension: Int
    let gate: PassGate

    var preferredBatchSequences: Int { 4 }
    var maxConcurrentBatches: Int { 1 }

    func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        await gate.pass(weight: tokenIds.count)
        return tokenIds.map { ids in
            var vector = [Float](repeating: 0, count: dimension)
            vector[Int(ids.reduce(0, &+).magnitude) % dimension] = 1
            return .vector(vector)
        }
    }

    func shutdown() async {}
}

/// Deterministic unit vectors; records the size of every call.
private final class RecordingEmbeddingBackend: EmbeddingBackend {
    let dimension: Int
    let sequences: Int
    let tokens: Int
    let calls = Mutex<[(sequences: Int, tokens: Int)]>([])

    init(dimension: Int, sequences: Int, tokens: Int) {
        self.dimension = dimension
        self.sequences = sequences
        self.tokens = tokens
    }

    var preferredBatchSequences: Int { sequences }
    var preferredBatchTokens: Int? { tokens }
    var maxConcurrentBatches: Int { 2 }

    func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        calls.withLock { $0.append((tokenIds.count, tokenIds.reduce(0) { $0 + $1.count })) }
        try await Task.sleep(for: .milliseconds(5))  // a call in flight for a while, as a worker's is
        return tokenIds.map { ids in
            var vector = [Float](repeating: 0, count: dimension)
            vector[Int(ids.reduce(0, &+).magnitude) % dimension] = 1
            return .vector(vector)
        }
    }

    func shutdown() async {}
}

/// Deterministic unit vectors, except for sequences holding a `poison` token: those get a vector
/// of length 2, which the store must refuse.
private struct PoisonedEmbeddingBackend: EmbeddingBackend {
    let dimension: Int
    let poison: Set<Int32>

    func embed(tokenIds: [[Int32]]) async throws -> [EmbeddingOutcome] {
        tokenIds.map { ids in
            var vector = [Float](repeating: 0, count: dimension)
            vector[Int(ids.reduce(0, &+).magnitude) % dimension] = ids.contains(where: poison.contains) ? 2 : 1
            return .vector(vector)
        }
    }

    func shutdown() async {}
}
