#if canImport(Glibc)
import Foundation
import Glibc
import SeekIngest
import SeekTestSupport
import SeekWatch
import Synchronization
import Testing

/// The inotify watcher on a real file system in a temporary folder: every kind of change is
/// noticed, ignored and hidden paths never are, folders appearing and moving keep their watches
/// right, and overflow or a full watch table are reported, never missed silently.
@Suite(.serialized)
struct InotifyWatcherTests {
    /// Notices received, in order, with the paths of `changed` notices flattened.
    final class Recorder: Sendable {
        private let notices = Mutex<[WatchNotice]>([])

        func record(_ notice: WatchNotice) { notices.withLock { $0.append(notice) } }

        var all: [WatchNotice] { notices.withLock { $0 } }

        var changedPaths: Set<String> {
            Set(all.flatMap { notice -> [String] in
                if case .changed(let paths) = notice { return Array(paths) }
                return []
            })
        }

        func clear() { notices.withLock { $0.removeAll() } }

        /// Waits (polling, up to `seconds`) until `condition` holds.
        func waitUntil(seconds: Double = 10, _ condition: (Recorder) -> Bool) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                if condition(self) { return true }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return condition(self)
        }
    }

    struct Watched {
        let folder: TemporaryDirectory
        let watcher: InotifyWatcher
        let recorder: Recorder
        var root: String { folder.path }

        func path(_ relative: String) -> String { folder.file(relative).path }

        func stop() {
            watcher.stop()
            folder.remove()
        }
    }

    func watch(configuration: WatcherConfiguration = WatcherConfiguration(), scan: ScanConfiguration = ScanConfiguration(),
               prepare: (TemporaryDirectory) throws -> Void = { _ in }) throws -> Watched {
        let folder = try TemporaryDirectory("seek-watch")
        try prepare(folder)
        let recorder = Recorder()
        let watcher = InotifyWatcher(configuration: configuration)
        _ = try watcher.start(filters: [PathFilter(root: folder.path, configuration: scan)]) { recorder.record($0) }
        return Watched(folder: folder, watcher: watcher, recorder: recorder)
    }

    @Test func createModifyDeleteAndRenameAreNoticed() async throws {
        let watched = try watch()
        defer { watched.stop() }
        try watched.folder.write("one", to: "a.md")
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("a.md")) })
        watched.recorder.clear()
        let handle = try FileHandle(forWritingTo: watched.folder.file("a.md"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" more".utf8))
        try handle.close()
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("a.md")) })
        watched.recorder.clear()
        try FileManager.default.moveItem(atPath: watched.path("a.md"), toPath: watched.path("b.md"))
        #expect(await watched.recorder.waitUntil { $0.changedPaths.isSuperset(of: [watched.path("a.md"), watched.path("b.md")]) })
        watched.recorder.clear()
        try FileManager.default.removeItem(atPath: watched.path("b.md"))
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("b.md")) })
    }

    @Test func anAtomicSaveReportsTheSavedFile() async throws {
        let watched = try watch { try $0.write("v1", to: "doc.md") }
        defer { watched.stop() }
        // As editors do: write a temporary file, then rename it over the original.
        try watched.folder.write("v2", to: ".doc.md.swp")
        #expect(rename(watched.path(".doc.md.swp"), watched.path("doc.md")) == 0)
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("doc.md")) })
        #expect(!watched.recorder.changedPaths.contains(watched.path(".doc.md.swp")))
    }

    @Test func newNestedFoldersAreWatchedAsTheyAppear() async throws {
        let watched = try watch()
        defer { watched.stop() }
        try FileManager.default.createDirectory(atPath: watched.path("a/b/c"), withIntermediateDirectories: true)
        try watched.folder.write("x", to: "a/b/c/first.md")
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("a")) })
        #expect(await watched.recorder.waitUntil { _ in watched.watcher.watchCount >= 4 })
        watched.recorder.clear()
        try watched.folder.write("y", to: "a/b/c/second.md")
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("a/b/c/second.md")) })
    }

    @Test func aFolderMovedOutAndBackInKeepsItsWatchesRight() async throws {
        let outside = try TemporaryDirectory("seek-watch-outside")
        defer { outside.remove() }
        let watched = try watch { try $0.write("x", to: "docs/sub/a.md") }
        defer { watched.stop() }
        let before = watched.watcher.watchCount
        try FileManager.default.moveItem(atPath: watched.path("docs"), toPath: outside.file("docs").path)
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("docs")) })
        #expect(await watched.recorder.waitUntil { _ in watched.watcher.watchCount == before - 2 })
        // Changes in the moved-out folder are not reported (under their old path or at all).
        watched.recorder.clear()
        try outside.write("y", to: "docs/sub/out.md")
        try FileManager.default.moveItem(atPath: outside.file("docs").path, toPath: watched.path("docs"))
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("docs")) })
        #expect(!watched.recorder.changedPaths.contains(watched.path("docs/sub/out.md")))
        #expect(await watched.recorder.waitUntil { _ in watched.watcher.watchCount == before })
        watched.recorder.clear()
        try watched.folder.write("z", to: "docs/sub/back.md")
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("docs/sub/back.md")) })
    }

    @Test func ignoredHiddenAndExcludedPathsNeverProduceANotice() async throws {
        let watched = try watch { try $0.write("*.log\nbuild/\n", to: ".gitignore") }
        defer { watched.stop() }
        try watched.folder.write("x", to: "trace.log")
        try watched.folder.write("x", to: ".hidden.md")
        try watched.folder.write("x", to: "node_modules/pkg/index.js")
        try FileManager.default.createDirectory(atPath: watched.path("build/out"), withIntermediateDirectories: true)
        try watched.folder.write("x", to: "build/out/o.txt")
        // A fence: once it is noticed, every earlier event was handled.
        try watched.folder.write("x", to: "fence.md")
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("fence.md")) })
        #expect(watched.recorder.changedPaths == [watched.path("fence.md")])
    }

    @Test func aChangedIgnoreFileReportsItsFolder() async throws {
        let watched = try watch { try $0.write("*.log\n", to: "sub/.gitignore") }
        defer { watched.stop() }
        try watched.folder.write("*.tmp\n", to: "sub/.gitignore")
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("sub")) })
    }

    @Test func aRootDeletedAndCreatedAgainIsReported() async throws {
        let watched = try watch { try $0.write("x", to: "a.md") }
        defer { watched.stop() }
        try FileManager.default.removeItem(atPath: watched.root)
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.root) })
        watched.recorder.clear()
        try FileManager.default.createDirectory(atPath: watched.root, withIntermediateDirectories: true)
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.root) })
        watched.recorder.clear()
        try watched.folder.write("y", to: "b.md")
        #expect(await watched.recorder.waitUntil { $0.changedPaths.contains(watched.path("b.md")) })
    }

    @Test func aFullWatchTableDegradesTheRootInsteadOfMissingChanges() async throws {
        let watched = try watch(configuration: WatcherConfiguration(maxWatches: 3)) { folder in
            for name in ["a", "b", "c", "d", "e"] { try FileManager.default.createDirectory(at: folder.file(name), withIntermediateDirectories: true) }
        }
        defer { watched.stop() }
        #expect(await watched.recorder.waitUntil { recorder in
            recorder.all.contains { if case .degraded(let root, _) = $0 { root == watched.root } else { false } }
        })
        #expect(watched.watcher.watchCount == 3)
    }

    @Test func stopEndsTheThreadAndNoNoticeFollows() async throws {
        let watched = try watch()
        watched.watcher.stop()
        try watched.folder.write("x", to: "after-stop.md")
        try await Task.sleep(for: .milliseconds(200))
        #expect(watched.recorder.all.isEmpty)
        watched.watcher.stop()
        watched.folder.remove()
    }

    /// Lost events (the kernel's queue overflowing) ask for a rescan of every root. The queue of
    /// an inotify instance is sized when it is created: the test lowers the limit for this one
    /// watcher (root only) and blocks the reader in the first notice while making 200 changes.
    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/proc/sys/fs/inotify/max_queued_events"),
                   "needs root to lower /proc/sys/fs/inotify/max_queued_events for one watcher"))
    func anOverflowAsksForARescan() async throws {
        let limitFile = "/proc/sys/fs/inotify/max_queued_events"
        let original = try String(contentsOfFile: limitFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = try TemporaryDirectory("seek-watch")
        defer { folder.remove() }
        let recorder = Recorder()
        let release = DispatchSemaphore(value: 0)
        let blocked = Mutex(false)
        let watcher = InotifyWatcher()
        try "16".write(toFile: limitFile, atomically: false, encoding: .utf8)
        do {
            _ = try watcher.start(filters: [PathFilter(root: folder.path, configuration: ScanConfiguration())]) { notice in
                recorder.record(notice)
                let first = blocked.withLock { wasBlocked in
                    defer { wasBlocked = true }
                    return !wasBlocked
                }
                // The reader thread waits here, so the kernel's queue fills up.
                if first { release.wait() }
            }
        } catch {
            try original.write(toFile: limitFile, atomically: false, encoding: .utf8)
            throw error
        }
        try original.write(toFile: limitFile, atomically: false, encoding: .utf8)
        defer { watcher.stop() }
        try folder.write("x", to: "first.md")
        #expect(await recorder.waitUntil { !$0.all.isEmpty })
        for index in 0..<200 { try folder.write("x", to: "burst-\(index).md") }
        release.signal()
        #expect(await recorder.waitUntil { recorder in
            recorder.all.contains { if case .rescan(let root, _) = $0 { root == folder.path } else { false } }
        })
    }
}
#endif
