import Foundation
import SeekTestSupport
import Testing

/// `seek bench index`: a fresh index of a folder through the worker pool, an unchanged re-run,
/// and with `--against-embed` the embed benchmark over the same chunks in the same run.
struct BenchIndexCommandTests {
    @Test func indexRunsAreComparedWithTheEmbedBenchmarkOverTheirOwnChunks() throws {
        let fixture = try CLIFixture()
        let folder = fixture.directory.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for number in 0..<12 {
            try Data("Note \(number): the boundary layer thickens as the pressure gradient turns adverse near panel \(number % 5).".utf8)
                .write(to: folder.appendingPathComponent("\(number).txt"))
        }
        let environment = ["SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let run = try SeekProcess.run(["bench", "index", folder.path, "--against-embed", "2", "--workers", "1", "--json"],
                                      in: fixture.directory, environment: environment)
        try #require(run.status == 0, "\(run.standardError)")
        let json = try run.json()
        #expect(json["files"] as? Int == 12)
        #expect(json["chunks"] as? Int == 12)
        #expect(json["embedder"] as? String == "pool")
        #expect(json["reindex_chunks_embedded"] as? Int == 0)
        let rounds = try #require(json["rounds"] as? [[String: Any]])
        #expect(rounds.count == 2)
        let indexSpeeds = rounds.compactMap { $0["index_tokens_per_s"] as? Double }
        let embedSpeeds = rounds.compactMap { $0["embed_tokens_per_s"] as? Double }
        #expect(indexSpeeds.count == 2 && indexSpeeds.allSatisfy { $0 > 0 } && embedSpeeds.count == 2 && embedSpeeds.allSatisfy { $0 > 0 })
        let best = try #require(json["tokens_per_s"] as? Double)
        let bestEmbed = try #require(json["embed_tokens_per_s"] as? Double)
        #expect(best == indexSpeeds.max())
        #expect(bestEmbed == embedSpeeds.max())
        // CPU by process: the worker loaded the model and embedded (well over 10 ms), the indexing
        // process scanned, chunked and wrote; the best run's split is reported with its share.
        let roundCPU = rounds.compactMap { $0["cpu_seconds"] as? [String: Double] }
        #expect(roundCPU.count == 2 && roundCPU.allSatisfy { ($0["index_process"] ?? 0) > 0 && ($0["child_processes"] ?? 0) > 0.01 })
        let cpu = try #require(json["cpu_seconds"] as? [String: Double])
        let processSeconds = try #require(cpu["index_process"]), workerSeconds = try #require(cpu["child_processes"])
        #expect(roundCPU.contains(cpu))
        let share = try #require(json["parent_cpu_share"] as? Double)
        #expect(share > 0 && share < 1 && abs(share - processSeconds / (processSeconds + workerSeconds)) < 1e-9)
        let ratio = try #require(json["index_to_embed"] as? Double)
        #expect(abs(ratio - best / bestEmbed) < 1e-9)
        // Two rounds: the median is the mean of the two rounds' own ratios.
        let roundRatios = zip(indexSpeeds, embedSpeeds).map { $0 / $1 }
        let median = try #require(json["index_to_embed_median"] as? Double)
        #expect(abs(median - (roundRatios[0] + roundRatios[1]) / 2) < 1e-9)
        // The mirror of the folder indexed last: every chunk from the embedding cache, none embedded,
        // the indexing process's own CPU measured.
        let copy = try #require(json["cached_copy"] as? [String: Any])
        #expect(copy["files"] as? Int == 12 && copy["cache_hits"] as? Int == 12 && copy["chunks_embedded"] as? Int == 0)
        #expect((copy["index_process_cpu_seconds"] as? Double ?? 0) > 0 && (copy["seconds"] as? Double ?? 0) > 0)
        // The scratch index is gone afterwards; the fixture's own index was never touched.
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent(".seek/index.sqlite").path))

        // Without rounds: no comparison fields. Zero rounds: a clear error.
        let plain = try SeekProcess.run(["bench", "index", folder.path, "--workers", "1", "--json"], in: fixture.directory, environment: environment)
        try #require(plain.status == 0, "\(plain.standardError)")
        let plainJSON = try plain.json()
        #expect(plainJSON["rounds"] == nil && plainJSON["index_to_embed"] == nil && plainJSON["index_to_embed_median"] == nil)
        // In process there are no workers: the index process did all of it.
        let inProcess = try SeekProcess.run(["bench", "index", folder.path, "--in-process", "--json"], in: fixture.directory, environment: environment)
        try #require(inProcess.status == 0, "\(inProcess.standardError)")
        let inProcessJSON = try inProcess.json()
        #expect((inProcessJSON["cpu_seconds"] as? [String: Double])?["child_processes"] == 0)
        #expect(inProcessJSON["parent_cpu_share"] as? Double == 1)
        let zero = try SeekProcess.run(["bench", "index", folder.path, "--against-embed", "0", "--json"], in: fixture.directory, environment: environment)
        #expect(zero.status != 0)
        #expect(zero.standardError.contains("at least 1 round"))
    }
}
