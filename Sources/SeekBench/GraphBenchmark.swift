import Foundation
import SeekCore
import SeekEngine
import SeekIngest
import SeekSearch

/// `seek bench graph`: what the knowledge graph costs. Extraction: the Cranfield abstracts as
/// linked, tagged Markdown notes, indexed into a fresh index with the model, against the time
/// the link and tag extractors take over the same notes (best of `passes`). Gaps: all pairs of
/// `documents` synthetic documents (one seeded unit vector each, the cached synthetic index)
/// through `GraphService.gaps`.
public struct GraphBenchmark: Sendable {
    public struct Result: Sendable, Codable, Equatable {
        public var notes: Int
        public var indexSeconds: Double
        public var extractionSeconds: Double
        /// Extraction time as a percentage of the index time.
        public var extractionOverheadPercent: Double
        public var edges: Int
        public var tags: Int
        public var gapsDocuments: Int
        public var gapsSeconds: Double
        public var gapsPairs: Int
        /// Seconds to build the synthetic index (0 when it was cached).
        public var syntheticBuildSeconds: Double
        /// The goals: extraction <= 3% of index time, gaps over 10,000 documents <= 5 s.
        public var extractionWithinGoal: Bool
        public var gapsWithinGoal: Bool

        enum CodingKeys: String, CodingKey {
            case notes, edges, tags
            case indexSeconds = "index_seconds"
            case extractionSeconds = "extraction_seconds"
            case extractionOverheadPercent = "extraction_overhead_percent"
            case gapsDocuments = "gaps_documents"
            case gapsSeconds = "gaps_seconds"
            case gapsPairs = "gaps_pairs"
            case syntheticBuildSeconds = "synthetic_build_seconds"
            case extractionWithinGoal = "extraction_within_goal"
            case gapsWithinGoal = "gaps_within_goal"
        }
    }

    public var notes: Int
    public var documents: Int
    public var passes: Int

    public init(notes: Int = 1400, documents: Int = 10_000, passes: Int = 3) {
        self.notes = notes
        self.documents = documents
        self.passes = passes
    }

    /// The Cranfield abstracts (at most `count`) as Markdown notes: front-matter tags, a wikilink
    /// to the next note, a Markdown link to the one after, an inline tag and a fenced code block.
    public static func cranfieldNotes(count: Int) throws -> [(name: String, text: String)] {
        let documents = try BEIRDataset.loadCorpus(DatasetLocator.cranfield().appendingPathComponent("corpus.jsonl")).prefix(count)
        let ids = documents.map(\.id)
        return documents.enumerated().map { index, document in
            let next = ids[(index + 1) % ids.count], after = ids[(index + 2) % ids.count]
            let text = """
                ---
                tags: [cranfield, group-\(index % 7)]
                ---
                # \(document.title.trimmingCharacters(in: .whitespaces))

                \(document.text)

                See [[\(next)]] and [the one after](\(after).md#results). Filed under #topic/\(index % 13).

                ```
                #not-a-tag [[\(next)]]
                ```
                """
            return ("\(document.id).md", text)
        }
    }

    public func run(settings: SeekSettings, cacheRoot: URL, scratch: URL) async throws -> Result {
        guard notes >= 1, documents >= 2, passes >= 1 else {
            throw SearchError.invalidQuery(reason: "the graph benchmark needs at least 1 note, 2 documents and 1 pass")
        }
        let notesFolder = scratch.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notesFolder, withIntermediateDirectories: true)
        let written = try Self.cranfieldNotes(count: notes)
        for note in written { try Data(note.text.utf8).write(to: notesFolder.appendingPathComponent(note.name)) }

        var extraction = Double.infinity
        let linkExtractor = LinkExtractor(), tagExtractor = TagExtractor()
        var extracted = 0
        for _ in 0..<passes {
            let started = ContinuousClock.now
            extracted = 0
            for note in written { extracted += linkExtractor.links(in: note.text).count + tagExtractor.tags(in: note.text).count }
            extraction = min(extraction, (ContinuousClock.now - started).seconds)
        }
        guard extracted > 0 else { throw SearchError.invalidQuery(reason: "the benchmark notes held no links or tags") }

        var indexSettings = settings
        indexSettings.indexDirectory = scratch.appendingPathComponent("index")
        let indexEngine = SeekEngine(settings: indexSettings)
        if indexSettings.inProcessEmbedding { _ = try await indexEngine.model.embedder() }
        let report = try await indexEngine.indexing.run(IndexRequest(scope: .roots([notesFolder.path]))).report
        let counts = try await indexEngine.graph.counts()
        await indexEngine.shutdown()

        let (directory, buildSeconds) = try SyntheticIndex(chunks: documents, chunksPerFile: 1).prepare(cacheRoot: cacheRoot)
        var gapsSettings = settings
        gapsSettings.indexDirectory = directory
        let gapsEngine = SeekEngine(settings: gapsSettings)
        _ = try await gapsEngine.graph.counts()  // opens the index (a migration of an older cache is not the gaps time)
        let started = ContinuousClock.now
        let gaps = try await gapsEngine.graph.gaps(threshold: 0.8, limit: 20)
        let gapsSeconds = (ContinuousClock.now - started).seconds
        await gapsEngine.shutdown()

        let overhead = report.seconds > 0 ? extraction / report.seconds * 100 : 0
        return Result(
            notes: written.count, indexSeconds: report.seconds, extractionSeconds: extraction, extractionOverheadPercent: overhead,
            edges: counts.edges, tags: counts.tags, gapsDocuments: gaps.documents, gapsSeconds: gapsSeconds, gapsPairs: gaps.pairs.count,
            syntheticBuildSeconds: buildSeconds, extractionWithinGoal: overhead <= 3,
            gapsWithinGoal: gaps.documents < 10_000 || gapsSeconds <= 5)
    }
}
