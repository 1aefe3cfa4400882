import Foundation
import Logging
import SeekCore
import SeekEmbedding
import SeekSearch

/// Retrieval quality on a BEIR dataset (`seek eval`): nDCG@10, Recall@100 and MRR@10 per mode.
public final class EvaluationService: Sendable {
    let settings: SeekSettings
    let model: ModelService
    private let runLog: RunLog
    /// Set when the index lives in PostgreSQL: the corpus is indexed there (see `+Postgres`).
    let postgres: PostgresHandle?
    let logger = Logger(label: "seek.engine")

    init(settings: SeekSettings, model: ModelService, runLog: RunLog, postgres: PostgresHandle? = nil) {
        self.postgres = postgres
        self.settings = settings
        self.model = model
        self.runLog = runLog
    }

    /// Indexes the dataset's corpus (one `<id>.txt` file of `title + " " + text` per document,
    /// in a cache directory keyed by the corpus's content hash and the chunking settings, so a
    /// second run only checks that nothing changed) with an engine of its own, then ranks
    /// documents by their best chunk for every judged query in each mode. The run is appended to
    /// this engine's run log.
    /// - Throws: `EngineError.failed` with `SearchError.invalidDataset` for a missing or broken
    ///   dataset, or what indexing and search throw.
    public func evaluate(dataset directory: URL, modes: [SearchMode]) async throws(EngineError) -> EvaluationRun {
        try await EngineError.wrapping("eval", directory: settings.indexDirectory) {
            try await evaluation(dataset: directory, modes: modes)
        }
    }

    private func evaluation(dataset directory: URL, modes: [SearchMode]) async throws -> EvaluationRun {
        if let postgres { return try await postgresEvaluation(dataset: directory, modes: modes, configuration: postgres.configuration) }
        let started = ContinuousClock.now
        let corpus = try await prepareCorpus(directory, embedsQueries: modes.contains { $0 != .keyword })
        let evaluation: EvaluationReport
        let status: IndexStatus
        do {
            evaluation = try corpus.evaluator.evaluate(searcher: corpus.searcher, modes: modes, embedQuery: { text throws(SearchError) in
                try corpus.queryVector(text)
            }, documentId: corpus.documentId)
            status = try corpus.engine.catalog.status()
            await corpus.engine.shutdown()
        } catch {
            await corpus.engine.shutdown()
            throw error
        }
        var record = RunRecord(operation: "eval", report: corpus.report)
        record.seconds = (ContinuousClock.now - started).seconds
        do { try runLog.append(record) } catch {
            logger.warning("cannot append the evaluation to the run log", metadata: ["error": "\(error)"])
        }
        let dataset = corpus.evaluator.dataset
        return EvaluationRun(
            dataset: dataset.name, docs: dataset.documents.count, queries: corpus.evaluator.judgedQueries.count,
            rerank: settings.search.rerank.rawValue, results: evaluation.results,
            index: corpus.indexInfo(chunks: status.chunks),
            seconds: (ContinuousClock.now - started).seconds)
    }

    /// A dataset's corpus indexed (or found in the cache) with an engine of its own, its searcher,
    /// and the judged queries embedded. The caller shuts `engine` down.
    struct PreparedCorpus {
        let evaluator: Evaluator
        let engine: SeekEngine
        let searcher: Searcher
        let report: IndexingReport
        let indexSeconds: Double
        let indexDirectory: URL
        let embeddings: [String: [Float]]
        let folders: Set<String>

        func queryVector(_ text: String) throws(SearchError) -> [Float] {
            guard let vector = embeddings[text] else { throw .embeddingFailed(reason: "no embedding for the query '\(text)'") }
            return vector
        }

        func documentId(_ path: String) -> String? {
            EvaluationService.documentId(fromPath: path, inOneOf: folders)
        }

        func indexInfo(chunks: Int) -> EvaluationRun.IndexInfo {
            .init(directory: indexDirectory.path, cached: report.chunksEmbedded == 0 && report.filesIndexed == 0,
                  seconds: indexSeconds, chunks: chunks, report: report)
        }
    }

    func prepareCorpus(_ directory: URL, embedsQueries: Bool) async throws -> PreparedCorpus {
        let evaluator = try Self.evaluator(of: directory)
        let dataset = evaluator.dataset
        let cache = try evaluationCache(for: dataset)
        let documents = cache.appendingPathComponent("documents")
        try writeDocuments(of: dataset, to: documents)

        var corpusSettings = settings
        corpusSettings.indexDirectory = cache.appendingPathComponent("index")
        // The corpus engine shares this engine's model: loaded once for indexing and queries.
        let corpusEngine = SeekEngine(settings: corpusSettings, role: .service, model: model)
        do {
            let indexStarted = ContinuousClock.now
            let report = try await corpusEngine.indexing.run(IndexRequest(scope: .roots([documents.path]))).report
            let indexSeconds = (ContinuousClock.now - indexStarted).seconds
            if report.filesFailed > 0 {
                logger.warning("some corpus documents failed to index", metadata: ["failed": "\(report.filesFailed)"])
            }
            let searcher = try await corpusEngine.searching.current()
            let embeddings = embedsQueries ? try await queryEmbeddings(evaluator) : [:]
            return PreparedCorpus(evaluator: evaluator, engine: corpusEngine, searcher: searcher, report: report, indexSeconds: indexSeconds,
                                  indexDirectory: corpusSettings.indexDirectory, embeddings: embeddings, folders: Self.folders(documents))
        } catch {
            await corpusEngine.shutdown()
            throw error
        }
    }

    /// Each judged query's embedding, keyed by its text.
    func queryEmbeddings(_ evaluator: Evaluator) async throws -> [String: [Float]] {
        let embedder = try await model.embedder()
        let texts = evaluator.judgedQueries.map(\.text)
        var embeddings: [String: [Float]] = [:]
        for (text, vector) in zip(texts, try await embedder.embed(tokenIds: texts.map { embedder.tokenizer.encode($0) })) {
            embeddings[text] = vector
        }
        return embeddings
    }

    /// The corpus folder as `documentId(fromPath:inOneOf:)` matches it (standardised and resolved).
    static func folders(_ documents: URL) -> Set<String> {
        [documents.standardizedFileURL.path, documents.resolvingSymlinksInPath().path]
    }

    /// The dataset in `directory` with its evaluator; `SearchError.invalidDataset` when it has no
    /// documents or no judged query.
    static func evaluator(of directory: URL) throws -> Evaluator {
        let dataset = try BEIRDataset(directory: directory)
        guard !dataset.documents.isEmpty else {
            throw SearchError.invalidDataset(path: directory.appendingPathComponent("corpus.jsonl").path, reason: "the corpus has no documents")
        }
        let evaluator = Evaluator(dataset: dataset)
        guard !evaluator.judgedQueries.isEmpty else {
            throw SearchError.invalidDataset(path: directory.appendingPathComponent("qrels/test.tsv").path,
                                             reason: "no query has a relevant judged document")
        }
        return evaluator
    }

    /// `$XDG_CACHE_HOME/seek/eval/<name>-<hash>`: the hash covers the corpus bytes, the chunking
    /// settings, the model and the precision the model runs in (fp32 adds nothing, so the caches
    /// made before precisions existed stay valid), so any change gets a fresh index.
    func evaluationCache(for dataset: BEIRDataset) throws -> URL {
        let corpusHash = try ContentHash.sha256Hex(fileAt: dataset.directory.appendingPathComponent("corpus.jsonl"))
        let chunking = settings.indexing.chunking
        let precision = model.computePrecision.rawValue
        let key = ContentHash.sha256Hex("\(corpusHash)|\(chunking.maxTokens)|\(chunking.overlapTokens)|\(ModelIdentity.miniLM.id)"
            + (precision == "fp32" ? "" : "|\(precision)"))
        let root = model.modelStore.configuration.cacheRoot.deletingLastPathComponent().appendingPathComponent("eval")
        let directory = root.appendingPathComponent("\(dataset.name)-\(key.prefix(16))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Writes each document as `<escaped id>.txt` unless an identical file is already there
    /// (rewriting would change modification times and make the index re-read every file).
    func writeDocuments(of dataset: BEIRDataset, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for document in dataset.documents {
            let url = folder.appendingPathComponent(Self.fileName(forDocumentId: document.id))
            let data = Data(document.indexedText.utf8)
            if let existing = try? Data(contentsOf: url), existing == data { continue }
            try data.write(to: url, options: .atomic)
        }
    }

    /// A document id as a file name: characters outside [A-Za-z0-9._-] percent-encoded.
    static func fileName(forDocumentId id: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "._-")
        let escaped = id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
        return (escaped.hasPrefix(".") ? "%2E" + escaped.dropFirst() : escaped) + ".txt"
    }

    /// The document id of an indexed corpus file, nil for any other path.
    static func documentId(fromPath path: String, inOneOf folders: Set<String>) -> String? {
        let url = URL(fileURLWithPath: path)
        guard folders.contains(url.deletingLastPathComponent().path), url.pathExtension == "txt" else { return nil }
        return url.deletingPathExtension().lastPathComponent.removingPercentEncoding
    }
}
