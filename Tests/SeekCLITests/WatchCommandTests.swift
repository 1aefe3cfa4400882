import Foundation
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `seek watch` on a real file system, checked from another process with `seek files --json`, as
/// a user would: every kind of change is reflected, a burst is coalesced into few runs, a killed
/// watcher's restart catches up, and SIGTERM stops it cleanly. Latency is measured by
/// `seek bench watch`, not here: the waits below are generous bounds on a loaded machine.
@Suite(.serialized)
struct WatchCommandTests {
    final class Watcher {
        let fixture: CLIFixture
        let process: SeekProcess.Running

        init(fixture: CLIFixture, arguments: [String] = ["docs"]) throws {
            self.fixture = fixture
            process = try SeekProcess.start(["watch"] + arguments + ["--json", "--in-process", "--debounce-ms", "200"], in: fixture.directory)
        }

        var events: [[String: Any]] { process.jsonLinesSoFar }

        func events(named name: String) -> [[String: Any]] { events.filter { $0["event"] as? String == name } }

        /// Waits until the watcher printed `ready` (after its catch-up run).
        func waitUntilReady(seconds: Double = 120) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while events(named: "ready").isEmpty {
                guard process.process.isRunning else { throw SeekProcess.Failure(message: "seek watch ended: \(process.errorSoFar)") }
                guard Date() < deadline else { throw SeekProcess.Failure(message: "no ready event: \(process.errorSoFar)") }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }

        func stop() -> SeekProcess.Result {
            process.kill(signal: SIGTERM)
            return process.wait()
        }
    }

    /// Indexed paths (relative to docs/) as another process sees them.
    func indexedPaths(_ fixture: CLIFixture) throws -> Set<String> {
        let rows = try fixture.seek("files", "--json").jsonArray()
        let base = fixture.directory.appendingPathComponent("docs").path + "/"
        return Set(rows.filter { $0["status"] as? String == "indexed" }.compactMap { ($0["path"] as? String)?.replacingOccurrences(of: base, with: "") })
    }

    /// Polls `seek files --json` until `condition` holds on the indexed paths (at most `seconds`).
    func eventually(_ fixture: CLIFixture, seconds: Double = 30, _ condition: (Set<String>) -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(try indexedPaths(fixture)) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition(try indexedPaths(fixture))
    }

    @Test func everyKindOfChangeIsReflectedInTheIndex() throws {
        let fixture = try CLIFixture()
        try fixture.scratch.write("The first note, about wings.", to: "docs/first.md")
        try fixture.scratch.write("A note to modify.", to: "docs/modify.md")
        try fixture.scratch.write("A note to delete.", to: "docs/delete.md")
        try fixture.scratch.write("A note to rename.", to: "docs/rename-me.md")
        try fixture.scratch.write("Saved atomically, version one.", to: "docs/atomic.md")
        try fixture.scratch.write("In a folder that moves out and back.", to: "docs/folder/inside.md")
        let watcher = try Watcher(fixture: fixture)
        try watcher.waitUntilReady()
        let docs = fixture.directory.appendingPathComponent("docs")
        #expect(try indexedPaths(fixture).count == 6)

        try fixture.scratch.write("A new file.", to: "docs/created.md")
        #expect(try eventually(fixture) { $0.contains("created.md") })

        try fixture.scratch.write("A note that was modified to talk about hypersonic flow.", to: "docs/modify.md")
        #expect(try eventually(fixture) { _ in
            (try? fixture.seek("show", "docs/modify.md", "--json").json()["text"] as? String)?.contains("hypersonic") == true
        })

        try FileManager.default.removeItem(at: docs.appendingPathComponent("delete.md"))
        #expect(try eventually(fixture) { !$0.contains("delete.md") })

        try FileManager.default.moveItem(at: docs.appendingPathComponent("rename-me.md"), to: docs.appendingPathComponent("renamed.md"))
        #expect(try eventually(fixture) { $0.contains("renamed.md") && !$0.contains("rename-me.md") })

        // An editor's atomic save: write a temporary file, rename it over the original.
        try fixture.scratch.write("Saved atomically, version two with turbines.", to: "docs/.atomic.md.tmp")
        #expect(rename(docs.appendingPathComponent(".atomic.md.tmp").path, docs.appendingPathComponent("atomic.md").path) == 0)
        #expect(try eventually(fixture) { _ in
            (try? fixture.seek("show", "docs/atomic.md", "--json").json()["text"] as? String)?.contains("turbines") == true
        })

        try FileManager.default.createDirectory(at: docs.appendingPathComponent("a/b/c"), withIntermediateDirectories: true)
        for name in ["a/one.md", "a/b/two.md", "a/b/c/three.md"] { try fixture.scratch.write("Nested \(name).", to: "docs/\(name)") }
        #expect(try eventually(fixture) { $0.isSuperset(of: ["a/one.md", "a/b/two.md", "a/b/c/three.md"]) })

        let outside = fixture.directory.appendingPathComponent("outside")
        try FileManager.default.moveItem(at: docs.appendingPathComponent("folder"), to: outside)
        #expect(try eventually(fixture) { !$0.contains("folder/inside.md") })
        try FileManager.default.moveItem(at: outside, to: docs.appendingPathComponent("folder"))
        #expect(try eventually(fixture) { $0.contains("folder/inside.md") })

        // Ignored and hidden files never trigger a run. First let the runs of the moves above end
        // (on a loaded machine their last run event can come after the index already shows them).
        var runsBefore = watcher.events(named: "run").count
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: 1)
            let now = watcher.events(named: "run").count
            if now == runsBefore { break }
            runsBefore = now
        }
        try fixture.scratch.write("*.log\n", to: "docs/.gitignore")
        Thread.sleep(forTimeInterval: 1)
        let afterIgnoreFile = watcher.events(named: "run").count
        try fixture.scratch.write("hidden", to: "docs/.hidden.md")
        try fixture.scratch.write("ignored", to: "docs/trace.log")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watcher.events(named: "run").count == afterIgnoreFile, "an ignored or hidden file started a run")
        #expect(afterIgnoreFile <= runsBefore + 1)

        let result = watcher.stop()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try fixture.seek("validate", "--json").json()["ok"] as? Bool == true)
    }

    @Test func aBurstOfAThousandFilesIsCoalescedAndSearchWorksThroughout() throws {
        let fixture = try CLIFixture()
        try fixture.scratch.write("Seed note.", to: "docs/seed.md")
        let watcher = try Watcher(fixture: fixture)
        try watcher.waitUntilReady()
        let runsBefore = watcher.events(named: "run").count
        for index in 0..<1000 {
            try fixture.scratch.write("Burst note \(index) about panel flutter and wing \(index % 37).", to: "docs/burst/note-\(index).md")
        }
        var searchFailures = 0
        let deadline = Date().addingTimeInterval(60)
        var done = false
        while !done, Date() < deadline {
            let search = try fixture.seek("search", "flutter", "--mode", "keyword", "--json")
            if search.status != 0 { searchFailures += 1 }
            done = try indexedPaths(fixture).filter { $0.hasPrefix("burst/") }.count == 1000
            if !done { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(done, "not all 1,000 files were indexed within 60 s")
        #expect(searchFailures == 0)
        let runs = watcher.events(named: "run").count - runsBefore
        #expect(runs >= 1 && runs < 20, "\(runs) runs for the burst")
        let result = watcher.stop()
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test func aKilledWatcherCatchesUpOnRestart() throws {
        let fixture = try CLIFixture()
        for name in ["keep.md", "edit.md", "drop.md"] { try fixture.scratch.write("Note \(name) on boundary layers.", to: "docs/\(name)") }
        let first = try Watcher(fixture: fixture)
        try first.waitUntilReady()
        first.process.kill(signal: SIGKILL)
        _ = first.process.wait()

        try fixture.scratch.write("Edited while nothing watched: compressor stall.", to: "docs/edit.md")
        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("docs/drop.md"))
        try fixture.scratch.write("Added while nothing watched.", to: "docs/added.md")

        let second = try Watcher(fixture: fixture)
        try second.waitUntilReady()
        let catchUp = try #require(second.events(named: "run").first?["report"] as? [String: Any])
        #expect(catchUp["files_indexed"] as? Int == 2)
        #expect(catchUp["files_removed"] as? Int == 1)
        #expect(try indexedPaths(fixture) == ["keep.md", "edit.md", "added.md"])
        #expect((try fixture.seek("show", "docs/edit.md", "--json").json()["text"] as? String)?.contains("compressor stall") == true)
        #expect(second.stop().status == 0)
    }

    @Test func sigtermDuringARunFinishesTheTransactionAndExitsZero() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<200)
        let watcher = try Watcher(fixture: fixture)
        // Stop it in the middle of its catch-up run, once some files are written.
        let deadline = Date().addingTimeInterval(120)
        while watcher.process.process.isRunning, Date() < deadline,
              ((try? fixture.seek("status", "--json").json()["chunks"] as? Int) ?? 0) < 10 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let result = watcher.stop()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardError.contains("EPIPE"))
        #expect(try fixture.seek("validate", "--json").json()["ok"] as? Bool == true)
        // The next run resumes and completes.
        let resumed = try fixture.seek("index", "--json").json()
        #expect((resumed["files_indexed"] as? Int ?? 0) + (resumed["files_unchanged"] as? Int ?? 0) == 200)
    }

    @Test func watchingWithoutAnyRootSaysWhatToDo() throws {
        let fixture = try CLIFixture()
        let result = try SeekProcess.run(["watch", "--json"], in: fixture.directory)
        #expect(result.status != 0)
        #expect(result.standardError.contains("seek watch FOLDER") || result.standardError.contains("no Seek index"))
    }
}
