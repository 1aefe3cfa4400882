import Foundation
import SeekCore
import SeekEmbedding
import SeekEngine
import SeekSearch

/// `seek bench index`: end-to-end indexing throughput of a folder into a fresh temporary index,
/// then a second, unchanged run (which must embed nothing).
public struct IndexBenchmark: Sendable {
    public struct Result: Sendable, Codable, Equatable {
        public var files: Int
        public var chunks: Int
        public var tokens: Int
        public var seconds: Double
        public var tokensPerSecond: Double
        public var embedder: EmbeddingBackendKind
        public var stageSeconds: [IndexingStage: Double]
        /// The second run over the same, unchanged folder.
        public var reindexSeconds: Double
        public var reindexChunksEmbedded: Int
        /// With `againstEmbed`: each round's fresh index run and the embed benchmark's pass over
        /// the same chunk texts right after it.
        public var rounds: [Round]?
        /// With `againstEmbed`: the best embed pass of the rounds, tokens/s.
        public var embedTokensPerSecond: Double?
        /// With `againstEmbed`: the best index run over the best embed pass (same statistic on
        /// both sides, measured in one process, interleaved): how close indexing comes to pure
        /// embedding.
        public var indexToEmbed: Double?
        /// With `againstEmbed`: the median over rounds of each index run against the embed pass
        /// right after it — less moved than `indexToEmbed` by one lucky or unlucky pass.
        public var indexToEmbedMedian: Double?

        /// CPU seconds of the best fresh run: the indexing process (scan, parse, chunk, tokenise,
        /// write, talk to the workers; the run alone, the workers having been started before it)
        /// and its child processes (the embedder workers from their start to their exit, and any
        /// extraction tool a parser ran, such as `pdftotext`).
        public var cpuSeconds: CPUSeconds
        /// The indexing process's share of the CPU the best run used: with every core busy, the
        /// part of the machine that embedding did not get.
        public var parentCPUShare: Double
        /// The folder mirrored (see `CachedCopyRun`) and indexed into the same index last.
        public var cachedCopy: CachedCopyRun

        /// A mirror of the folder (hard links, else copies) indexed into the benchmark's index as
        /// a second root after the other runs: every chunk's text is already there, so its vector
        /// comes from the embedding cache and nothing is embedded. What is left is the indexing
        /// process's own work per file — scan, parse, chunk, tokenise, cache lookups, writes —
        /// the CPU a fresh run takes from the embedder workers, measured without them.
        public struct CachedCopyRun: Sendable, Codable, Equatable {
            public var files: Int
            public var seconds: Double
            /// CPU of the indexing process during the run (no worker starts: nothing to embed).
            public var indexProcessCPUSeconds: Double
            public var cacheHits: Int
            /// 0 unless the mirror holds text the folder did not (it does not: a check).
            public var chunksEmbedded: Int

            enum CodingKeys: String, CodingKey {
                case files, seconds
                case indexProcessCPUSeconds = "index_process_cpu_seconds"
                case cacheHits = "cache_hits"
                case chunksEmbedded = "chunks_embedded"
            }
        }

        /// CPU time of one fresh run, by process.
        public struct CPUSeconds: Sendable, Codable, Equatable {
            /// The process running the index (with `--in-process`, the embedding too).
            public var indexProcess: Double
            /// Child processes: the embedder workers, start-up (model load) included, and
            /// extraction tools; 0 with `--in-process` on plain text.
            public var childProcesses: Double

            public init(indexProcess: Double, childProcesses: Double) {
                self.indexProcess = indexProcess
                self.childProcesses = childProcesses
            }

            enum CodingKeys: String, CodingKey {
                case indexProcess = "index_process"
                case childProcesses = "child_processes"
            }
        }

        /// One round of `againstEmbed`.
        public struct Round: Sendable, Codable, Equatable {
            public var indexTokensPerSecond: Double
            public var embedTokensPerSecond: Double
            public var cpuSeconds: CPUSeconds

            enum CodingKeys: String, CodingKey {
                case indexTokensPerSecond = "index_tokens_per_s"
                case embedTokensPerSecond = "embed_tokens_per_s"
                case cpuSeconds = "cpu_seconds"
            }
        }

        enum CodingKeys: String, CodingKey {
            case files, chunks, tokens, seconds, embedder, rounds
            case tokensPerSecond = "tokens_per_s"
            case stageSeconds = "stage_seconds"
            case reindexSeconds = "reindex_seconds"
            case reindexChunksEmbedded = "reindex_chunks_embedded"
            case embedTokensPerSecond = "embed_tokens_per_s"
            case indexToEmbed = "index_to_embed"
            case indexToEmbedMedian = "index_to_embed_median"
            case cpuSeconds = "cpu_seconds"
            case parentCPUShare = "parent_cpu_share"
            case cachedCopy = "cached_copy"
        }
    }

    /// Writes the Cranfield corpus as one `<id>.txt` per abstract (title on the first line).
    public static func writeCranfieldFolder(to folder: URL) throws -> Int {
        let documents = try BEIRDataset.loadCorpus(DatasetLocator.cranfield().appendingPathComponent("corpus.jsonl"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for document in documents {
            try Data((document.title.trimmingCharacters(in: .whitespaces) + "\n" + document.text).utf8)
                .write(to: folder.appendingPathComponent("\(document.id).txt"))
        }
        return documents.count
    }

    /// Indexes `folder` with `settings` into a fresh index at `indexDirectory` through a
    /// one-shot engine, as `seek index` does, then once more unchanged (which must embed nothing).
    ///
    /// With `againstEmbed` rounds (at least 1), the fresh run is repeated that many times, each
    /// followed by one pass of the embed benchmark (`seek bench embed`, in this process, same
    /// precision and threads) over the chunk texts the run stored: the result is the best run of
    /// each, the rounds, and their ratio — the share of pure embedding speed that indexing keeps,
    /// measured in one run on a noisy machine. The reported `tokens_per_s` is then the best run.
    public static func run(folder: URL, settings: SeekSettings, indexDirectory: URL, againstEmbed: Int? = nil) async throws -> Result {
        var settings = settings
        settings.indexDirectory = indexDirectory
        if let againstEmbed, againstEmbed < 1 {
            throw EngineError.invalidRequest(reason: "--against-embed needs at least 1 round, not \(againstEmbed)")
        }
        var best: (report: IndexingReport, cpu: Result.CPUSeconds)?
        var rounds: [Result.Round] = []
        var texts: [String] = []
        // Embeds in this process for the comparison (its model loads on the first pass).
        let embedEngine = againstEmbed.map { _ in
            var inProcess = settings
            inProcess.inProcessEmbedding = true
            inProcess.indexDirectory = indexDirectory.appendingPathExtension("embed")
            return SeekEngine(settings: inProcess)
        }
        do {
            for round in 0..<(againstEmbed ?? 1) {
                try? FileManager.default.removeItem(at: indexDirectory)
                // Workers are reaped when the engine shuts down: children's CPU is counted around it all.
                let beforeEngine = ProcessCPUTime.now()
                let (report, indexProcessSeconds) = try await withEngine(settings) { engine in
                    try await loadModel(engine, settings: settings, startsWorkers: true)
                    let beforeRun = ProcessCPUTime.now()
                    let report = try await engine.indexing.run(IndexRequest(scope: .roots([folder.path]))).report
                    let indexProcessSeconds = ProcessCPUTime.now().since(beforeRun).processSeconds
                    if embedEngine != nil, round == 0 { texts = try await chunkTexts(engine) }
                    return (report, indexProcessSeconds)
                }
                let cpu = Result.CPUSeconds(indexProcess: indexProcessSeconds,
                                            childProcesses: ProcessCPUTime.now().since(beforeEngine).reapedChildrenSeconds)
                if best.map({ report.tokensPerSecond > $0.report.tokensPerSecond }) ?? true { best = (report, cpu) }
                guard let embedEngine else { continue }
                let pass = try EmbedBenchmark(texts: texts, passes: 1).run(embedder: try await embedEngine.model.embedder(), profile: false)
                rounds.append(.init(indexTokensPerSecond: report.tokensPerSecond, embedTokensPerSecond: pass.tokensPerSecond, cpuSeconds: cpu))
            }
            await embedEngine?.shutdown()
        } catch {
            await embedEngine?.shutdown()
            throw error
        }
        guard let (first, cpu) = best else { throw EngineError.invalidRequest(reason: "no index run") }
        let second = try await withEngine(settings) { try await $0.indexing.run(IndexRequest(scope: .allRoots)).report }
        let cachedCopy = try await runCachedCopy(of: folder, settings: settings, mirror: indexDirectory.appendingPathExtension("mirror"))
        let bestEmbed = rounds.map(\.embedTokensPerSecond).max()
        return Result(
            files: first.filesIndexed, chunks: first.chunks, tokens: first.tokens, seconds: first.seconds,
            tokensPerSecond: first.tokensPerSecond, embedder: settings.inProcessEmbedding ? .inProcess : .pool,
            stageSeconds: first.stageSeconds, reindexSeconds: second.seconds, reindexChunksEmbedded: second.chunksEmbedded,
            rounds: rounds.isEmpty ? nil : rounds, embedTokensPerSecond: bestEmbed,
            indexToEmbed: bestEmbed.map { first.tokensPerSecond / $0 },
            indexToEmbedMedian: Percentile.median(rounds.map { $0.indexTokensPerSecond / $0.embedTokensPerSecond }), cpuSeconds: cpu,
            parentCPUShare: cpu.indexProcess + cpu.childProcesses > 0 ? cpu.indexProcess / (cpu.indexProcess + cpu.childProcesses) : 1,
            cachedCopy: cachedCopy)
    }

    /// Mirrors `folder` at `mirror`, indexes the mirror into the index of `settings` (which already
    /// holds the folder) and removes the mirror again: see `Result.CachedCopyRun`.
    private static func runCachedCopy(of folder: URL, settings: SeekSettings, mirror: URL) async throws -> Result.CachedCopyRun {
        try? FileManager.default.removeItem(at: mirror)
        defer { try? FileManager.default.removeItem(at: mirror) }
        try FolderMirror.mirror(folder, to: mirror)
        return try await withEngine(settings) { engine in
            // Every vector comes from the cache: the run starts no worker, and neither does this.
            try await loadModel(engine, settings: settings, startsWorkers: false)
            let before = ProcessCPUTime.now()
            let report = try await engine.indexing.run(IndexRequest(scope: .roots([mirror.path]))).report
            return Result.CachedCopyRun(
                files: report.filesIndexed, seconds: report.seconds, indexProcessCPUSeconds: ProcessCPUTime.now().since(before).processSeconds,
                cacheHits: report.cacheHits, chunksEmbedded: report.chunksEmbedded)
        }
    }

    /// Loads what a run of `settings` loads before it indexes (the model in process, else the
    /// tokenizer and, with `startsWorkers`, the pool's workers, which a run starts on its first
    /// batch), so that a timed run counts indexing, not loading — as the embed benchmark it is
    /// compared with counts embedding, not loading.
    private static func loadModel(_ engine: SeekEngine, settings: SeekSettings, startsWorkers: Bool) async throws {
        if settings.inProcessEmbedding { _ = try await engine.model.embedder(); return }
        _ = try await engine.model.tokenizer()
        if startsWorkers { try await engine.indexing.startEmbeddingBackend() }
    }

    /// `body` with a one-shot engine of `settings`, shut down afterwards whether `body` throws or not.
    private static func withEngine<T: Sendable>(_ settings: SeekSettings, _ body: (SeekEngine) async throws -> T) async throws -> T {
        let engine = SeekEngine(settings: settings)
        do {
            let result = try await body(engine)
            await engine.shutdown()
            return result
        } catch {
            await engine.shutdown()
            throw error
        }
    }

    /// The texts of every chunk the engine's index holds, file by file.
    private static func chunkTexts(_ engine: SeekEngine) async throws -> [String] {
        var texts: [String] = []
        for file in try await engine.catalog.files(status: .indexed) {
            texts += try await engine.catalog.document(path: file.path).chunks.map(\.text)
        }
        guard !texts.isEmpty else { throw EngineError.invalidRequest(reason: "the folder gave no chunks to embed") }
        return texts
    }
}
