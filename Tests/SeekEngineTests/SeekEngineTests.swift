import Foundation
import SeekEngine
import SeekTestSupport
import Testing

/// The engine core as a long-running process uses it: searches keep answering, correctly, while
/// an index run adds and deletes files; the searcher reflects a finished run; the model loads once.
@Suite(.serialized)
struct SeekEngineTests {
    /// What the concurrent search loops saw.
    actor SearchLog {
        private(set) var failures: [String] = []
        private(set) var searches = 0
        private(set) var stopped = false

        func fail(_ message: String) { failures.append(message) }
        func count(_ searches: Int) { self.searches += searches }
        func stop() { stopped = true }
    }

    @Test func searchesStayCorrectWhileARunAddsAndDeletesFilesAndTheModelLoadsOnce() async throws {
        let folder = try TemporaryDirectory("seek-engine")
        defer { folder.remove() }
        let initial = try EngineTestSupport.writeCranfield(folder, 0..<40)
        let engine = SeekEngine(settings: try EngineTestSupport.settings(folder), role: .service)
        _ = try await engine.indexing.run(IndexRequest(scope: .roots([folder.file("docs").path])))

        // Every path that is in some committed state of the index: the initial files and the new ones.
        let added = (40..<70).map { folder.file("docs/new-\($0).txt").path }
        let committed = Set(initial.map(\.path) + added)
        let queries = ["boundary layer", "supersonic flow over a wing", "heat transfer", "shock wave", "turbulent mixing",
                       "slender body theory", "buckling of cylinders", "hypersonic viscous interaction"]
        let log = SearchLog()
        let loops = (0..<4).map { loop in
            Task {
                var count = 0
                while await !log.stopped || count < 250 {
                    let mode: SearchMode = [.hybrid, .vector, .keyword, .hybrid][loop]
                    do {
                        let response = try await engine.searching.search(SearchRequest(query: queries[(count + loop) % queries.count], mode: mode, k: 5))
                        for result in response.results where !committed.contains(result.path) {
                            await log.fail("unknown path \(result.path)")
                        }
                    } catch {
                        await log.fail("\(error)")
                    }
                    count += 1
                }
                await log.count(count)
            }
        }
        // The run: 30 files added, the first 15 deleted, while the searches go on.
        let lines = try Data(contentsOf: ProjectFixtures.cranfield.appendingPathComponent("corpus.jsonl")).split(separator: UInt8(ascii: "\n"))
        for (offset, path) in added.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(lines[40 + offset])) as? [String: Any] ?? [:]
            try Data(((object["title"] as? String ?? "") + "\n" + (object["text"] as? String ?? "")).utf8).write(to: URL(fileURLWithPath: path))
        }
        for url in initial.prefix(15) { try FileManager.default.removeItem(at: url) }
        let run = try await engine.indexing.run(IndexRequest())
        await log.stop()
        for loop in loops { await loop.value }

        #expect(run.report.filesIndexed == 30 && run.report.filesRemoved == 15)
        let failures = await log.failures
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(await log.searches >= 1_000)
        #expect(engine.model.loadCount == 1)
        // The run is finished: the searcher reflects it without waiting.
        let gone = Set(initial.prefix(15).map(\.path))
        for query in queries {
            let response = try await engine.searching.search(SearchRequest(query: query, mode: .vector, k: 50))
            #expect(response.results.allSatisfy { !gone.contains($0.path) })
        }
        let newest = try await engine.searching.search(SearchRequest(query: "x", mode: .vector, k: 1000))
        #expect(Set(newest.results.map(\.path)) == committed.subtracting(gone))
        await engine.shutdown()
    }

    @Test func aWriteByAnotherEngineIsSearchableAfterTheNextRefresh() async throws {
        let folder = try TemporaryDirectory("seek-engine")
        defer { folder.remove() }
        try EngineTestSupport.writeCranfield(folder, 0..<5)
        let settings = try EngineTestSupport.settings(folder)
        let writer = SeekEngine(settings: settings)
        _ = try await writer.indexing.run(IndexRequest(scope: .roots([folder.file("docs").path])))
        let server = SeekEngine(settings: settings, role: .service)
        let before = try await server.searching.search(SearchRequest(query: "zeppelin mooring mast", mode: .keyword, k: 10))
        #expect(before.results.isEmpty)

        try folder.write("Mooring a zeppelin to its mast in a crosswind.", to: "docs/zeppelin.txt")
        _ = try await writer.indexing.run(IndexRequest())
        // Keyword search reads the index as it is; vector search needs the new snapshot, built in
        // the background once a search notices the new version.
        let deadline = ContinuousClock.now + .seconds(30)
        var found = false
        while !found, ContinuousClock.now < deadline {
            let response = try await server.searching.search(SearchRequest(query: "zeppelin mooring mast", mode: .vector, k: 1))
            found = response.results.first?.path == folder.file("docs/zeppelin.txt").path
            if !found { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(found)
        #expect(server.searching.refreshCount >= 2)
        await writer.shutdown()
        await server.shutdown()
    }

    @Test func searchingWithoutAnIndexSaysSoAndBadRequestsAreRefusedBeforeLoading() async throws {
        let folder = try TemporaryDirectory("seek-engine")
        defer { folder.remove() }
        let engine = SeekEngine(settings: try EngineTestSupport.settings(folder))
        await #expect(throws: EngineError.self) { try await engine.searching.search(SearchRequest(query: "anything", mode: .keyword)) }
        for request in [SearchRequest(query: "  "), SearchRequest(query: "x", k: 0), SearchRequest(query: "x", k: 5_000),
                        SearchRequest(query: "x", filter: SearchFilter(fileTypes: [""]))] {
            do {
                _ = try await engine.searching.search(request)
                Issue.record("\(request) was accepted")
            } catch EngineError.invalidRequest {
            } catch {
                Issue.record("\(request): \(error)")
            }
        }
        #expect(engine.model.loadCount == 0)
        await engine.shutdown()
    }
}
