import Foundation
import SeekTestSupport
import Testing

/// `<index>/status.json` while `seek index` runs, as `seek status --json` reports it.
struct LiveStatusTests {
    /// The counters of a live snapshot that only grow during a run.
    private static func counters(_ live: [String: Any]) -> [Int] {
        let stages = live["stages"] as? [String: [String: Int]] ?? [:]
        return [stages["scan"]?["files"], stages["parse"]?["files"], stages["chunk"]?["chunks"], stages["embed"]?["chunks"],
                stages["embed"]?["tokens"], stages["write"]?["files"]].map { $0 ?? -1 }
    }

    @Test func statusShowsTheRunningIndexWithAdvancingCountersThenNothing() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<300)
        // Workers stop themselves every 4 batches (of 8 chunks), holding the next one: while one
        // is stopped the run cannot end, so the snapshots are read at such holds, then resumed.
        let running = try SeekProcess.start(["index", "docs", "--json", "--batch", "8"], in: fixture.directory,
                                            environment: ["SEEK_EMBEDDER_FAULT": "stop-every:4"])
        let parent = running.process.processIdentifier
        defer { if running.process.isRunning { running.kill() } }

        // Poll until two snapshots with advancing counters were seen (a generous deadline, not a timing).
        var snapshots: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(600)
        while snapshots.count < 2, running.process.isRunning, Date() < deadline {
            guard !ProcessTable.stoppedChildren(of: parent).isEmpty else {
                Thread.sleep(forTimeInterval: 0.02)
                continue
            }
            let status = try fixture.seek("status", "--json")
            guard status.status == 0, let report = try? status.json(), let live = report["live"] as? [String: Any] else {
                Thread.sleep(forTimeInterval: 0.1)
                continue
            }
            // The embedder is also at the top level, as documented: the live object's.
            if let embedder = live["embedder"] as? [String: Any] {
                let top = report["embedder"] as? [String: Any]
                #expect(top?["backend"] as? String == embedder["backend"] as? String)
                #expect(top?["workers"] is [[String: Any]] && top?["restarts"] is Int && top?["failures"] is Int)
            } else {
                #expect(report["embedder"] is NSNull)
            }
            let current = Self.counters(live)
            var taken = false
            if let last = snapshots.last.map(Self.counters) {
                if zip(current, last).allSatisfy({ $0 >= $1 }), current != last { taken = true }
            } else if current.reduce(0, +) > 0 {
                taken = true
            }
            if taken {
                snapshots.append(live)
                ProcessTable.resumeStoppedChildren(of: parent)
            } else {
                // The status file lags the held run by at most one refresh: read it again.
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        while running.process.isRunning {
            ProcessTable.resumeStoppedChildren(of: parent)
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(snapshots.count == 2, "saw \(snapshots.count) advancing live snapshots before the run ended")
        for live in snapshots {
            #expect(live["pid"] as? Int == Int(running.pid))
            #expect(["starting", "scanning", "indexing", "finishing"].contains(live["phase"] as? String ?? ""))
            for key in ["started_at", "updated_at", "tokens_per_s", "elapsed_s", "embedder"] { #expect(live[key] != nil, "missing \(key)") }
            #expect(Self.counters(live).allSatisfy { $0 >= 0 }, "a stage counter is missing: \(live["stages"] ?? "nil")")
            let embedder = live["embedder"] as? [String: Any]
            // The pool's worker processes, each with its pid and sampled memory, and its totals.
            #expect(embedder?["backend"] as? String == "pool")
            let workers = embedder?["workers"] as? [[String: Any]] ?? []
            #expect(!workers.isEmpty && workers.count <= ProcessInfo.processInfo.activeProcessorCount)
            #expect(workers.allSatisfy { ($0["pid"] as? Int ?? 0) > 0 && $0["rss_mb"] is Double && $0["batches"] is Int })
            for key in ["restarts", "failures", "retried_batches"] { #expect(embedder?[key] is Int, "missing embedder.\(key)") }
            #expect((live["stages"] as? [String: [String: Int]])?["embed"]?["queue_depth"] != nil)
        }

        let finished = running.wait()
        #expect(finished.status == 0, "\(finished.standardError)")
        let statusFile = fixture.directory.appendingPathComponent(".seek/status.json")
        #expect(!FileManager.default.fileExists(atPath: statusFile.path))
        let after = try fixture.seek("status", "--json").json()
        #expect(after.keys.contains("live") && after["live"] is NSNull)
        #expect(after.keys.contains("embedder") && after["embedder"] is NSNull)
        #expect((after["files"] as? [String: Int])?["indexed"] == 300)

        // A file left behind by a process that is gone (killed) is stale: ignored.
        var stale = try #require(snapshots.last)
        stale["pid"] = Int(running.pid)
        try JSONSerialization.data(withJSONObject: stale).write(to: statusFile)
        let ignored = try fixture.seek("status", "--json")
        #expect(ignored.status == 0, "\(ignored.standardError)")
        #expect(try ignored.json()["live"] is NSNull)
    }
}
