import Foundation
import SeekCore
import SeekSearch

extension SeekEngine {
    /// `seek profile memory`: RSS at the start (baseline), after opening the index (and reading
    /// its summary), after loading the model, after loading the vectors (`VectorIndex.load`,
    /// `.full` residency) and after `searches` hybrid searches of `queries` (cycled), with their
    /// mean latency. Call it on a fresh engine: a model already loaded makes that step 0.
    public func profileMemory(queries: [String], searches: Int) async throws -> MemoryProfile {
        guard searches >= 1 else { throw SearchError.invalidQuery(reason: "searches must be at least 1, not \(searches)") }
        guard !queries.isEmpty else { throw SearchError.invalidQuery(reason: "no query to search for") }
        var steps: [MemoryProfile.Step] = []
        func measure(_ name: String) throws {
            let megabytes = Double(try ProcessMemory.residentBytes()) / 1_048_576
            steps.append(.init(step: name, rssMB: megabytes, deltaMB: steps.last.map { megabytes - $0.rssMB } ?? 0))
        }
        try measure("baseline")
        let store = try openStore(create: false)
        _ = try store.reader.statusSummary()
        try measure("open_index")
        let model = try await embedder()
        try measure("load_model")
        let vectors = try VectorIndex.load(from: store.reader, residency: .full)
        try measure("load_vectors")
        let searcher = Searcher(reader: store.reader, vectorIndex: vectors, embedder: model, configuration: settings.search)
        var totalMilliseconds = 0.0
        for index in 0..<searches {
            let started = ContinuousClock.now
            _ = try searcher.search(SearchRequest(query: queries[index % queries.count], mode: .hybrid))
            totalMilliseconds += (ContinuousClock.now - started).milliseconds
        }
        try measure("searches")
        return MemoryProfile(steps: steps, searches: searches, meanSearchMilliseconds: totalMilliseconds / Double(searches),
                             chunks: vectors.count, peakRSSMB: Double(ProcessMemory.peakResidentBytes()) / 1_048_576)
    }
}
