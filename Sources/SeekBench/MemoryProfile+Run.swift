import Foundation
import SeekCore
import SeekEngine
import SeekSearch
import SeekStore

extension MemoryProfile {
    /// `seek profile memory` on `engine`'s index: RSS at the start (baseline), after opening the
    /// index (and reading its summary), after loading the model, after loading the vectors
    /// (`.full` residency, as a server keeps them) and after `searches` hybrid searches of
    /// `queries` (cycled), with their mean latency. Give it a fresh engine: a model already
    /// loaded makes that step 0.
    public static func measure(engine: SeekEngine, queries: [String], searches: Int) async throws -> MemoryProfile {
        guard searches >= 1 else { throw EngineError.invalidRequest(reason: "searches must be at least 1, not \(searches)") }
        guard !queries.isEmpty else { throw EngineError.invalidRequest(reason: "no query to search for") }
        var steps: [MemoryProfile.Step] = []
        func measure(_ name: String) throws {
            let megabytes = ByteCount.megabytes(try ProcessMemory.residentBytes())
            steps.append(.init(step: name, rssMB: megabytes, deltaMB: steps.last.map { megabytes - $0.rssMB } ?? 0))
        }
        try measure("baseline")
        _ = try engine.catalog.status()
        try measure("open_index")
        _ = try await engine.model.embedder()
        try measure("load_model")
        let searcher = try await engine.searching.current()
        try measure("load_vectors")
        var totalMilliseconds = 0.0
        for index in 0..<searches {
            let started = ContinuousClock.now
            _ = try await engine.searching.search(SearchRequest(query: queries[index % queries.count], mode: .hybrid))
            totalMilliseconds += (ContinuousClock.now - started).milliseconds
        }
        try measure("searches")
        return MemoryProfile(steps: steps, searches: searches, meanSearchMilliseconds: totalMilliseconds / Double(searches),
                             chunks: searcher.vectorIndex.count, peakRSSMB: ByteCount.megabytes(ProcessMemory.peakResidentBytes()))
    }
}
