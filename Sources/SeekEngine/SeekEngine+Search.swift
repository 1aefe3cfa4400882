import SeekCore
import Foundation
import SeekEmbedding
import SeekSearch
import SeekStore

extension SeekEngine {
    /// A read-only searcher over the index as it is now. `.codesOnly` keeps only the Int8 codes in
    /// memory (a one-shot `seek search`); `.full` also keeps the Float32 vectors (long-running
    /// processes, evaluation). `loadsModel: false` gives a keyword-only searcher that never maps
    /// the model (vector and hybrid requests then fail with a clear error). The model and the
    /// vectors load concurrently.
    public func searcher(residency: VectorIndex.Residency, loadsModel: Bool = true) async throws -> Searcher {
        let store = try openStore(create: false)
        let configuration = settings.search
        guard loadsModel else {
            let vectors = try VectorIndex.load(from: store.reader, residency: residency, cache: VectorCacheFile(indexDirectory: settings.indexDirectory))
            return Searcher(reader: store.reader, vectorIndex: vectors, configuration: configuration) { _ in
                throw SearchError.invalidQuery(reason: "this searcher answers keyword queries only")
            }
        }
        let started = ContinuousClock.now
        async let loadedEmbedder = embedder()
        let vectors = try VectorIndex.load(from: store.reader, residency: residency, cache: VectorCacheFile(indexDirectory: settings.indexDirectory))
        let vectorsLoaded = ContinuousClock.now - started
        let model = try await loadedEmbedder
        logger.debug("searcher ready", metadata: [
            "vectors_ms": "\(vectorsLoaded.milliseconds)", "ready_ms": "\((ContinuousClock.now - started).milliseconds)",
            "chunks": "\(vectors.count)", "residency": "\(residency.rawValue)"])
        return Searcher(reader: store.reader, vectorIndex: vectors, embedder: model, configuration: configuration)
    }

    /// Rewrites the vector cache file of the index when it is missing or stale, so the next cold
    /// `seek search` finds it current. Best effort: a failure only costs that search a slower load.
    func refreshVectorCache(_ store: IndexStore) {
        let cache = VectorCacheFile(indexDirectory: settings.indexDirectory)
        do {
            if cache.storedVersion() == (try store.reader.contentVersion()).key { return }
            _ = try VectorIndex.load(from: store.reader, residency: .codesOnly, cache: cache)
        } catch {
            logger.warning("cannot refresh the vector cache", metadata: ["error": "\(error)"])
        }
    }

    /// `seek search`: one query over a freshly loaded searcher (codes only; no model for keyword mode).
    public func search(_ request: SearchRequest) async throws -> SearchResponse {
        let started = ContinuousClock.now
        let searcher = try await searcher(residency: .codesOnly, loadsModel: request.mode != .keyword)
        var response = try searcher.search(request)
        // The caller waited for the loading too: report the whole time.
        response.tookMilliseconds = (ContinuousClock.now - started).milliseconds
        return response
    }
}
