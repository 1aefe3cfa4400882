import Foundation
import SeekCore
import SeekPostgres
import SeekSearch

/// `seek eval --store postgres://...`: the same dataset, chunks, model and fusion as with SQLite,
/// indexed into PostgreSQL and ranked by `PostgresSearcher`, so the two backends' numbers compare.
extension EvaluationService {
    /// Indexes the corpus into the namespace `seek-eval-<dataset>-<key>` of the database (a second
    /// run finds it indexed), ranks every judged query in each mode through the HNSW index, then
    /// again with an exact vector scan, and measures the HNSW recall@10 against the exact top 10.
    ///
    /// A search reads every namespace of its database, so the database must hold nothing but
    /// this evaluation: any other namespace throws `EngineError.invalidRequest` (create one for
    /// it: `createdb seek_eval`). Reranking is not supported on PostgreSQL yet.
    func postgresEvaluation(dataset directory: URL, modes: [SearchMode], configuration: PostgresStoreConfiguration) async throws -> EvaluationRun {
        let started = ContinuousClock.now
        let evaluator = try Self.evaluator(of: directory)
        let dataset = evaluator.dataset
        let cache = try evaluationCache(for: dataset)
        let documents = cache.appendingPathComponent("documents")
        try writeDocuments(of: dataset, to: documents)
        var corpusConfiguration = configuration
        corpusConfiguration.namespace = "seek-eval-\(dataset.name)-\(cache.lastPathComponent.suffix(16))"

        let store = try await PostgresIndexStore.open(configuration: corpusConfiguration)
        do {
            let others = try await store.namespaces().filter { $0 != corpusConfiguration.namespace }
            guard others.isEmpty else {
                throw EngineError.invalidRequest(reason: "seek eval needs a PostgreSQL database of its own (searches read every namespace): "
                    + "\(configuration.database) also holds \(others.prefix(3).joined(separator: ", ")); create one (createdb seek_eval) and pass it")
            }
            let run = try await evaluate(evaluator, documents: documents, cache: cache, store: store, modes: modes, started: started)
            await store.close()
            return run
        } catch {
            await store.close()
            throw error
        }
    }

    private func evaluate(_ evaluator: Evaluator, documents: URL, cache: URL, store: PostgresIndexStore, modes: [SearchMode],
                          started: ContinuousClock.Instant) async throws -> EvaluationRun {
        var corpusSettings = settings
        corpusSettings.indexDirectory = cache.appendingPathComponent("postgres")
        corpusSettings.store = .postgres(store.configuration)
        try FileManager.default.createDirectory(at: corpusSettings.indexDirectory, withIntermediateDirectories: true)
        let corpusEngine = SeekEngine(settings: corpusSettings, role: .service, model: model)
        let report: IndexingReport
        let indexStarted = ContinuousClock.now
        do {
            report = try await corpusEngine.indexing.run(IndexRequest(scope: .roots([documents.path]))).report
            await corpusEngine.shutdown()
        } catch {
            await corpusEngine.shutdown()
            throw error
        }
        let indexSeconds = (ContinuousClock.now - indexStarted).seconds
        if report.filesFailed > 0 {
            logger.warning("some corpus documents failed to index", metadata: ["failed": "\(report.filesFailed)"])
        }

        let queries = evaluator.judgedQueries
        let vectors = modes.contains(where: { $0 != .keyword }) ? try await queryEmbeddings(evaluator) : [:]
        let folders = Self.folders(documents)
        let reranker = settings.search.rerank == .crossEncoder ? try model.reranker() : nil
        func results(exact: Bool, modes: [SearchMode]) async throws -> [EvaluationResult] {
            let searcher = PostgresSearcher(store: store, configuration: settings.search, exactVectors: exact, reranker: reranker)
            var results: [EvaluationResult] = []
            for mode in modes {
                var rankings: [String: [String]] = [:]
                for query in queries {
                    let groups = try await searcher.rankFiles(SearchRequest(query: query.text, mode: mode, k: evaluator.depth),
                                                              queryVector: vectors[query.text])
                    rankings[query.id] = groups.compactMap { Self.documentId(fromPath: $0.path, inOneOf: folders) }
                }
                results.append(evaluator.evaluate(mode: mode.rawValue) { rankings[$0.id] ?? [] })
            }
            return results
        }
        let hnsw = try await results(exact: false, modes: modes)
        let exact = try await results(exact: true, modes: modes.filter { $0 != .keyword })
        var overlap = 0.0, measured = 0
        for query in queries {
            guard let vector = vectors[query.text] else { continue }
            let approximate = Set(try await store.vectorSearch(query: vector, limit: 10, exact: false).map(\.chunkId))
            let truth = try await store.vectorSearch(query: vector, limit: 10, exact: true).map(\.chunkId)
            overlap += Double(truth.filter(approximate.contains).count) / Double(max(truth.count, 1))
            measured += 1
        }
        let status = try await store.status()
        let dataset = evaluator.dataset
        var run = EvaluationRun(
            dataset: dataset.name, docs: dataset.documents.count, queries: queries.count, rerank: settings.search.rerank.rawValue,
            results: hnsw,
            index: .init(directory: store.storageDescription, cached: report.chunksEmbedded == 0 && report.filesIndexed == 0,
                         seconds: indexSeconds, chunks: status.chunks, report: report),
            seconds: (ContinuousClock.now - started).seconds)
        run.postgres = .init(
            store: store.storageDescription,
            efSearch: min(1000, max(store.configuration.hnswEfSearch, max(settings.search.candidatesPerRetriever, 4 * evaluator.depth))),
            exactResults: exact, hnswRecallAt10: measured == 0 ? 0 : overlap / Double(measured))
        return run
    }
}
