import Foundation
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Embedder workers end with the `seek index` that started them, however it ends: SIGKILL (the
/// kernel's parent-death signal, as nothing in the parent can run), SIGTERM or SIGINT, without
/// anything printing a broken-pipe error.
@Suite(.serialized)
struct ParentDeathSignalTests {
    /// The pids of the running index's workers once every one of them holds a batch (from the
    /// live status that `seek status --json` reads), or nil if the run ended first.
    private static func busyWorkers(of running: SeekProcess.Running, fixture: CLIFixture, count: Int) -> [Int32]? {
        let deadline = ContinuousClock.now + .seconds(300)
        while running.process.isRunning, ContinuousClock.now < deadline {
            if let report = try? fixture.seek("status", "--json").json(),
               let workers = ((report["live"] as? [String: Any])?["embedder"] as? [String: Any])?["workers"] as? [[String: Any]],
               workers.count == count, workers.allSatisfy({ ($0["in_flight_batches"] as? Int ?? 0) > 0 }) {
                return workers.compactMap { ($0["pid"] as? Int).map(Int32.init) }
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    /// Polls until every pid has ended; false if some is still running after `limitSeconds`.
    private static func allEnd(_ pids: [Int32], limitSeconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .seconds(limitSeconds)
        while ContinuousClock.now < deadline {
            if pids.allSatisfy(ProcessTable.hasEnded) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return pids.allSatisfy(ProcessTable.hasEnded)
    }

    @Test func workersHungInABatchDieWhenTheParentIsKilled() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<40)
        // Every worker hangs in its first batch: it never reads its input again, so only the
        // parent-death signal can end it.
        let running = try SeekProcess.start(["index", "docs", "--workers", "2", "--json"], in: fixture.directory,
                                            environment: ["SEEK_EMBEDDER_FAULT": "hang-after:0"])
        var workers: [Int32] = []
        defer {
            if running.process.isRunning { running.kill() }
            for pid in workers where !ProcessTable.hasEnded(pid) { kill(pid, SIGKILL) }
        }
        workers = try #require(Self.busyWorkers(of: running, fixture: fixture, count: 2), "the workers never held a batch")

        running.kill(signal: SIGKILL)
        let result = running.wait()
        #expect(result.status != 0)
        #expect(Self.allEnd(workers, limitSeconds: 10), "workers \(workers.filter { !ProcessTable.hasEnded($0) }) outlived their parent")
    }

    /// `body` with a 400-file `seek index` (two workers) once both workers hold a batch; the run
    /// and its workers are killed afterwards if still there.
    private static func withBusyRun(_ body: (CLIFixture, SeekProcess.Running, [Int32]) throws -> Void) throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<400)
        let running = try SeekProcess.start(["index", "docs", "--workers", "2", "--json"], in: fixture.directory)
        var workers: [Int32] = []
        defer {
            if running.process.isRunning { running.kill() }
            for pid in workers where !ProcessTable.hasEnded(pid) { kill(pid, SIGKILL) }
        }
        workers = try #require(busyWorkers(of: running, fixture: fixture, count: 2), "the run ended before both workers were busy")
        try body(fixture, running, workers)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalToTheParentAloneEndsTheWorkersQuietly(signal: Int32) throws {
        try Self.withBusyRun { _, running, workers in
            running.kill(signal: signal)
            // The workers share the parent's standard error: read it only once they are all gone.
            #expect(Self.allEnd(workers, limitSeconds: 10), "workers \(workers.filter { !ProcessTable.hasEnded($0) }) outlived their parent")
            let result = running.wait()
            #expect(result.status != 0)
            #expect(!result.standardError.contains("EPIPE") && !result.standardError.contains("write failed"), "\(result.standardError)")
        }
    }

    /// What a terminal's Ctrl-C (or a service manager's stop) does: the signal reaches the parent
    /// and every worker. The workers leave stopping to the pool, the run stops after its
    /// transaction, says so and exits 128 + the signal; nothing is marked failed, the index is
    /// valid and the next run finishes it.
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalToTheWholeGroupStopsTheRunAfterItsTransaction(signal: Int32) throws {
        try Self.withBusyRun { fixture, running, workers in
            for pid in [running.process.processIdentifier] + workers { kill(pid, signal) }
            #expect(Self.allEnd(workers, limitSeconds: 30), "workers \(workers.filter { !ProcessTable.hasEnded($0) }) outlived the run")
            let result = running.wait()
            #expect(result.status == 128 + signal, "\(result.standardError)")
            #expect(result.standardError.contains("interrupted") && result.standardError.contains("`seek index` again"), "\(result.standardError)")
            #expect(!result.standardError.contains("worker died"), "a worker died of the signal: \(result.standardError)")
            #expect(result.standardOutput.isEmpty)

            let files = try #require(try fixture.seek("status", "--json").json()["files"] as? [String: Int])
            #expect(files["failed"] == 0 && (files["indexed"] ?? 0) < 400, "\(files)")
            #expect(try fixture.seek("validate", "--json").json()["ok"] as? Bool == true)
            let resumed = try fixture.seek("index", "--json").json()
            #expect((resumed["files_indexed"] as? Int ?? 0) + (resumed["files_unchanged"] as? Int ?? 0) == 400)
        }
    }

    /// One 6 MB file is one transaction of ~5,000 chunks (minutes of embedding on these machines):
    /// Ctrl-C stops sending its batches, so the run ends after the batches already running, the
    /// file is left unwritten (not failed) and the next run indexes it.
    @Test func aSignalStopsARunInsideOneLargeFileWithoutEmbeddingTheRest() throws {
        let fixture = try CLIFixture()
        let abstracts = try CranfieldDataset.documents().map { $0.title + "\n" + $0.text }
        var text = ""
        var copy = 0
        while text.utf8.count < 6_000_000 {
            for abstract in abstracts { text += "\(copy) \(abstract)\n\n" }
            copy += 1
        }
        _ = try fixture.scratch.write(text, to: "docs/large.txt")
        let running = try SeekProcess.start(["index", "docs", "--workers", "2", "--json"], in: fixture.directory)
        var workers: [Int32] = []
        defer {
            if running.process.isRunning { running.kill() }
            for pid in workers where !ProcessTable.hasEnded(pid) { kill(pid, SIGKILL) }
        }
        workers = try #require(Self.busyWorkers(of: running, fixture: fixture, count: 2), "the run ended before both workers were busy")
        let signalled = ContinuousClock.now
        running.kill(signal: SIGINT)
        let result = running.wait()
        let seconds = (ContinuousClock.now - signalled) / .seconds(1)
        // The batches in flight take about a second; the rest of the file would take minutes.
        #expect(seconds < 30, "the run went on for \(seconds) s after SIGINT")
        #expect(result.status == 128 + SIGINT, "\(result.standardError)")
        #expect(Self.allEnd(workers, limitSeconds: 10))
        let files = try #require(try fixture.seek("status", "--json").json()["files"] as? [String: Int])
        #expect(files["indexed"] == 0 && files["failed"] == 0, "\(files)")
        #expect(try fixture.seek("validate", "--json").json()["ok"] as? Bool == true)
        // The run log has a line for it, saying it was interrupted, with the batches it embedded.
        let last = try #require(try fixture.seek("runs", "--json").jsonArray().last)
        #expect(last["operation"] as? String == "index" && last["stopped_by"] as? String == "interrupted", "\(last)")
        #expect(last["files_processed"] as? Int == 0 && (last["tokens"] as? Int ?? 0) > 0, "\(last)")
        #expect((last["processes"] as? [[String: Any]])?.count == 3, "\(last)")
    }
}
