import Foundation
import SeekBench
import SeekEngine
import SeekTestSupport
import Testing

/// `GraphBenchmark` at a small size, with the real model: the notes carry links and tags, the
/// index gets them, and gaps run over the synthetic documents (never timed here: `seek bench
/// graph` reports the times).
struct GraphBenchmarkTests {
    @Test func notesCarryLinksAndTagsAndEveryMeasureIsReported() async throws {
        let notes = try GraphBenchmark.cranfieldNotes(count: 3)
        #expect(notes.map(\.name) == ["1.md", "2.md", "3.md"])
        #expect(notes[0].text.contains("See [[2]] and [the one after](3.md#results). Filed under #topic/0."))

        let folder = try TemporaryDirectory("seek-bench-graph")
        defer { folder.remove() }
        var flags = CommandLineSettings(indexDirectory: folder.file("unused").path, modelDirectory: try ModelLocation.testModelDirectory().path,
                                        threads: 2)
        flags.inProcess = true
        let settings = try SeekSettings.resolve(flags, environment: ["XDG_CONFIG_HOME": folder.file("xdg").path])
        let result = try await GraphBenchmark(notes: 12, documents: 300, passes: 1)
            .run(settings: settings, cacheRoot: folder.file("cache"), scratch: folder.file("scratch"))
        #expect(result.notes == 12)
        // Each note: one wikilink and one Markdown link (the fenced copy does not count); tags as written.
        #expect(result.edges == 24)
        #expect(result.tags == Set((0..<12).flatMap { ["cranfield", "group-\($0 % 7)", "topic/\($0 % 13)"] }).count)
        #expect(result.gapsDocuments == 300)
        #expect(result.indexSeconds > 0 && result.extractionSeconds > 0 && result.gapsSeconds > 0)
        #expect(result.syntheticBuildSeconds > 0)
    }
}
