import Foundation
import SeekEngine
import SeekStore
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer queue: coalescing, the writer lock across processes, roots that must not be
/// saved, missing roots, renames and edits that restore the modification time.
@Suite(.serialized)
struct IndexingServiceTests {
    @Test func requestsArrivingDuringARunAreCoalescedIntoTheNextRun() async throws {
        let folder = try TemporaryDirectory("seek-engine")
        defer { folder.remove() }
        try EngineTestSupport.writeCranfield(folder, 0..<5, into: "a")
        try EngineTestSupport.writeCranfield(folder, 5..<8, into: "b")
        try EngineTestSupport.writeCranfield(folder, 8..<10, into: "c")
        let settings = try EngineTestSupport.settings(folder)
        let model = ModelService(settings: settings)
        let gate = GatedEmbeddingBackend(embedder: try await model.embedder())
        let engine = SeekEngine(settings: settings, role: .service, model: model, embeddingBackend: { gate })
        let events = engine.events.subscribe()

        let first = Task { try await engine.indexing.run(IndexRequest(scope: .roots([folder.file("a").path]))) }
        while gate.calls == 0 { try await Task.sleep(for: .milliseconds(10)) }
        // The first run is held inside the embedder: these three wait, and share the next run.
        let queuedB = try await engine.indexing.enqueue(IndexRequest(scope: .roots([folder.file("b").path])))
        let third = Task { try await engine.indexing.run(IndexRequest(scope: .roots([folder.file("c").path]))) }
        while await engine.indexing.activeRuns.queued.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        let queuedAll = try await engine.indexing.enqueue(IndexRequest(scope: .allRoots))
        #expect(queuedB == queuedAll)
        gate.open()

        let firstResult = try await first.value
        let thirdResult = try await third.value
        #expect(firstResult.run != thirdResult.run && thirdResult.run == queuedB)
        #expect(firstResult.report.filesIndexed == 5)
        // One more run for all three requests: b and c indexed, a unchanged.
        #expect(thirdResult.report.filesIndexed == 5 && thirdResult.report.filesUnchanged == 5)
        await engine.shutdown()
        var started = 0
        for await event in events { if case .runStarted = event { started += 1 } }
        #expect(started == 2)
    }

    @Test func aRootThatCannotBeIndexedIsRefusedAndNeverSaved() async throws {
        let folder = try TemporaryDirectory("seek-engine")
        defer { folder.remove() }
        try EngineTestSupport.writeCranfield(folder, 0..<2)
        #expect(mkfifo(folder.file("fifo").path, 0o644) == 0)
        let engine = SeekEngine(settings: try EngineTestSupport.settings(folder))
        _ = try await engine.indexing.run(IndexRequest(scope: .roots([folder.file("docs").path])))
        for bad in [folder.file("fifo").path, "/dev/zero", folder.file("missing").path] {
            await #expect(throws: EngineError.self) { try await engine.indexing.run(IndexRequest(scope: .roots([bad]))) }
            await #expect(throws: EngineError.self) { try await engine.indexing.enqueue(IndexRequest(scope: .roots([bad]))) }
        }
        #expect(try engine.catalog.status().roots == [folder.file("docs").path])
        // And every later plain run still works.
        let again = try await engine.indexing.run(IndexRequest())
        #expect(again.report.filesUnchanged == 2 && again.report.problems.isEmpty)
        await engine.shutdown()
    }

    @Test func anotherWriterMakesANoWaitRunFailAndAWaitingRunWait() async throws {
        let folder = try TemporaryDirectory("seek-engine")
        defer { folder.remove() }
        try EngineTestSupport.writeCranfield(folder, 0..<2)
        let settings = try EngineTestSupport.settings(folder)
        let engine = SeekEngine(settings: settings)
        var held = try IndexWriterLock.tryAcquire(directory: settings.indexDirectory)
        var refusal: (any Error)?
        do {
            _ = try await engine.indexing.run(IndexRequest(scope: .roots([folder.file("docs").path]), waitsForWriter: false))
        } catch {
            refusal = error
        }
        #expect("\(refusal.map { "\($0)" } ?? "no error")".contains("(pid \(getpid()))"))
        let events = engine.events.subscribe()
        let waiting = Task { try await engine.indexing.run(IndexRequest(scope: .roots([folder.file("docs").path]))) }
        for await event in events {
            if case .waitingForWriter(_, let pid) = event {
                #expect(pid == getpid())
                break
            }
        }
        #expect(held != nil)
        held = nil
        #expect(try await waiting.value.report.filesIndexed == 2)
        await engine.shutdown()
    }

    @Test func aMissingRootKeepsItsFilesAndTheOtherRootsAreIndexed() async throws {
        let folder = try TemporaryDirectory("seek-engine")
        defer { folder.remove() }
        try EngineTestSupport.writeCranfield(folder, 0..<2, into: "kept")
        try EngineTestSupport.writeCranfield(folder, 2..<5, into: "moved")
        let engine = SeekEngine(settings: try EngineTestSupport.settings(folder))
        _ = try await engine.indexing.run(IndexRequest(scope: .roots([folder.file("kept").path, folder.file("moved").path])))
        try FileManager.default.moveItem(at: folder.file("moved"), to: folder.file("elsewhere"))
        try EngineTestSupport.writeCranfield(folder, 5..<6, into: "kept")

        let run = try await engine.indexing.run(IndexRequest())
        #expect(run.report.filesIndexed == 1 && run.report.filesRemoved == 0)
        #expect(run.report.problems.count == 1)
        #expect(run.report.problems.first?.contains(folder.file("moved").path) == true)
        #expect(run.report.problems.first?.contains("3 indexed files are kept") == true)
        #expect(try await engine.catalog.files().count == 6)

        let pruned = try await engine.indexing.run(IndexRequest(pruneMissingRoots: true))
        #expect(pruned.report.filesRemoved == 3)
        #expect(try engine.catalog.status().roots == [folder.file("kept").path])
        #expect(try await engine.catalog.files().count == 3)
        await engine.shutdown()
    }

    @Test func aRenamedFileReusesItsVectors() async throws {
        let folder = try TemporaryDirectory("seek-engine")
        defer { folder.remove() }
        let long = (0..<40).map { "Paragraph \($0) about supersonic flow, shock waves and the boundary layer of a thin wing." }
        try folder.write(long.joined(separator: "\n\n"), to: "docs/a.md")
        let engine = SeekEngine(settings: try EngineTestSupport.settings(folder))
        let first = try await engine.indexing.run(IndexRequest(scope: .roots([folder.file("docs").path])))
        #expect(first.report.chunks > 3)
        await engine.shutdown()
        try FileManager.default.moveItem(at: folder.file("docs/a.md"), to: folder.file("docs/b.md"))
        // A new engine, as the next `seek index` is: with nothing to embed, it never loads the model.
        let next = SeekEngine(settings: try EngineTestSupport.settings(folder))
        let renamed = try await next.indexing.run(IndexRequest())
        #expect(renamed.report.filesIndexed == 1 && renamed.report.filesRemoved == 1)
        #expect(renamed.report.chunksEmbedded == 0)
        #expect(renamed.report.cacheHits == first.report.chunks)
        #expect(next.model.loadCount == 0)
        #expect(try await next.catalog.files().map(\.path) == [folder.file("docs/b.md").path])
        // New text loads it, once, on the run's first batch.
        try folder.write("A new note about shock tubes.", to: "docs/c.md")
        let added = try await next.indexing.run(IndexRequest())
        #expect(added.report.filesIndexed == 1 && added.report.chunksEmbedded == 1 && next.model.loadCount == 1)
        await next.shutdown()
    }

    @Test func aSameSizeEditWithTheOldModificationTimeIsFound() async throws {
        let folder = try TemporaryDirectory("seek-engine")
        defer { folder.remove() }
        let file = try folder.write("The orbit of the satellite decays by air drag.", to: "docs/a.md")
        let engine = SeekEngine(settings: try EngineTestSupport.settings(folder))
        _ = try await engine.indexing.run(IndexRequest(scope: .roots([folder.file("docs").path])))
        let before = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        // The same number of bytes, then the old modification time put back (sed -i; touch -d).
        try Data("The orbit of the satellite decays by sun glow.".utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: try #require(before)], ofItemAtPath: file.path)
        let run = try await engine.indexing.run(IndexRequest())
        #expect(run.report.filesIndexed == 1)
        #expect(try await engine.catalog.document(path: file.path).text.contains("sun glow"))
        // Unchanged contents with a new ctime (chmod) cost a hash, no re-indexing.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let touched = try await engine.indexing.run(IndexRequest())
        #expect(touched.report.filesIndexed == 0 && touched.report.filesUnchanged == 1 && touched.report.chunksEmbedded == 0)
        await engine.shutdown()
    }
}
