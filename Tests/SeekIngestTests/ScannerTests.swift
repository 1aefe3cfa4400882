import Foundation
import SeekIngest
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scanner on real directory trees: ignore files, excludes, hidden entries, bundles, size
/// limits, special files, roots, names and ordering. Symlinks and permissions have their own suites.
struct ScannerTests {
    @Test func listsRegularFilesSortedWithSizeAndIdentity() throws {
        let tree = try ScanTestTree()
        try tree.file("b.txt", "12345")
        try tree.file("a/z.md", "")
        try tree.file("a.txt", "x")
        try tree.file("a/b/c.txt", "abc")
        try tree.file("a-b.txt")
        try tree.directory("empty")
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["a-b.txt", "a.txt", "a/b/c.txt", "a/z.md", "b.txt"])
        #expect(report.files.map(\.sizeBytes) == [1, 1, 3, 0, 5])
        #expect(report.skipped.isEmpty && report.problems.isEmpty)
        let expected = try FileManager.default.attributesOfItem(atPath: tree.path("b.txt"))
        let file = try #require(report.files.last)
        #expect(file.path == tree.path("b.txt"))
        #expect(file.inode == (expected[.systemFileNumber] as? NSNumber)?.uint64Value)
        #expect(Set(report.files.map(\.inode)).count == 5)
        #expect(file.url == URL(fileURLWithPath: tree.path("b.txt")))
    }

    @Test func modificationTimeKeepsSubSecondPrecision() throws {
        let tree = try ScanTestTree()
        try tree.file("timed.txt")
        let seconds = 1_700_000_000
        let nanoseconds = 123_456_789
        var times = [timespec(tv_sec: seconds, tv_nsec: nanoseconds), timespec(tv_sec: seconds, tv_nsec: nanoseconds)]
        #expect(utimensat(AT_FDCWD, tree.path("timed.txt"), &times, 0) == 0)
        let file = try #require(try Scanner().scan(root: tree.root).files.first)
        #expect(abs(file.modificationTime - 1_700_000_000.123456789) < 1e-6)
        #expect(file.modificationTime != 1_700_000_000)
    }

    @Test func nestedGitignoresWithNegationAndAnchors() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.log\n/top-only.txt\nbuild/\ndocs/drafts\n")
        try tree.file("sub/.gitignore", "!keep.log\n/local.txt\n")
        for path in [
            "a.log", "top-only.txt", "build/x.txt", "docs/drafts/d.md", "docs/final.md",
            "sub/keep.log", "sub/drop.log", "sub/local.txt", "sub/top-only.txt", "sub/build/y.txt",
            "sub/docs/drafts/e.md", "sub/deeper/local.txt", "sub/deeper/keep.log",
        ] {
            try tree.file(path)
        }
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == [
            "docs/final.md", "sub/deeper/keep.log", "sub/deeper/local.txt", "sub/docs/drafts/e.md",
            "sub/keep.log", "sub/top-only.txt",
        ])
        #expect(report.skipped.isEmpty, "ignored entries are silent")
    }

    @Test func fileInsideExcludedDirectoryCannotBeReincluded() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "secret/\n!secret/visible.txt\nlogs/*\n!logs/keep.txt\n")
        try tree.file("secret/visible.txt")
        try tree.file("secret/.gitignore", "!*\n")
        try tree.file("logs/keep.txt")
        try tree.file("logs/drop.txt")
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["logs/keep.txt"])
    }

    @Test func deeperIgnoreFileOverridesShallowerAndSeekignoreOverridesGitignore() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.csv\nnotes.md\n")
        try tree.file(".seekignore", "!data.csv\n*.bak\n")
        try tree.file("data.csv")
        try tree.file("other.csv")
        try tree.file("old.bak")
        try tree.file("notes.md")
        try tree.file("project/.gitignore", "!notes.md\n")
        try tree.file("project/.seekignore", "!*.bak\n")
        try tree.file("project/notes.md")
        try tree.file("project/x.bak")
        try tree.file("project/y.csv")
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["data.csv", "project/notes.md", "project/x.bak"])
    }

    @Test func directoryOnlyPatternsSpareFilesOfTheSameName() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "out/\ncache/\n")
        try tree.file("out/result.txt")
        try tree.file("a/out")
        try tree.file("b/cache/c.txt")
        try tree.file("cache")
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["a/out", "cache"])
    }

    @Test func doubleStarForms() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "**/tmp\nlogs/**\na/**/z.txt\n**/gen/*.js\n")
        for path in [
            "tmp/1.txt", "x/y/tmp", "logs/a/b.txt", "logs.txt", "sub/logs/c.txt", "a/z.txt", "a/b/c/z.txt",
            "b/a/z.txt", "gen/x.js", "p/gen/y.js", "p/gen/q/w.js", "p/gen/k.ts",
        ] {
            try tree.file(path)
        }
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["b/a/z.txt", "logs.txt", "p/gen/k.ts", "p/gen/q/w.js", "sub/logs/c.txt"])
    }

    @Test func gitInfoExcludeOfTheRootIsHonouredWithLowestPrecedence() throws {
        let tree = try ScanTestTree()
        try tree.file(".git/info/exclude", "*.secret\nplan.txt\n")
        try tree.file(".gitignore", "!plan.txt\n")
        try tree.file("a.secret")
        try tree.file("plan.txt")
        try tree.file("sub/.git/info/exclude", "*.txt\n")
        try tree.file("sub/b.txt")
        #expect(tree.relativePaths(try Scanner().scan(root: tree.root).files) == ["plan.txt", "sub/b.txt"])
        let without = try Scanner(configuration: ScanConfiguration(readsGitInfoExclude: false)).scan(root: tree.root)
        #expect(tree.relativePaths(without.files) == ["a.secret", "plan.txt", "sub/b.txt"])
    }

    @Test func invalidIgnoreLinesAreReportedAndTheRestStillApplies() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.tmp\nbad[\n")
        try tree.file("a.tmp")
        try tree.file("b.txt")
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["b.txt"])
        let problem = try #require(report.problems.first)
        #expect(report.problems.count == 1)
        #expect(problem.path == tree.path(".gitignore"))
        #expect(problem.operation == .parseIgnoreFile)
        #expect(problem.reason.contains("line 2"))
    }

    @Test func hiddenEntriesAreSkippedUnlessIncludedButIgnoreFilesAreReadEitherWay() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.draft\n")
        try tree.file(".hidden.txt")
        try tree.file(".config/settings.txt")
        try tree.file("visible.txt")
        try tree.file("x.draft")
        try tree.file(".notes/y.draft")
        let hiddenOff = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(hiddenOff.files) == ["visible.txt"])
        let hiddenOn = try Scanner(configuration: ScanConfiguration(includeHidden: true)).scan(root: tree.root)
        #expect(tree.relativePaths(hiddenOn.files) == [".config/settings.txt", ".gitignore", ".hidden.txt", "visible.txt"])
    }

    @Test func defaultExcludedNamesAreNeverScannedEvenWithHiddenIncluded() throws {
        let tree = try ScanTestTree()
        for path in [
            ".git/config", "node_modules/pkg/index.js", ".seek/index.sqlite", "src/__pycache__/m.pyc",
            ".build/debug/x", "sub/.DS_Store", "Thumbs.db", ".venv/lib/site.py", "src/main.py",
        ] {
            try tree.file(path)
        }
        let report = try Scanner(configuration: ScanConfiguration(includeHidden: true)).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["src/main.py"])
        #expect(report.skipped.isEmpty)
        let custom = ScanConfiguration(includeHidden: true, excludedNames: ["src"])
        let customReport = try Scanner(configuration: custom).scan(root: tree.root)
        #expect(tree.relativePaths(customReport.files).contains("node_modules/pkg/index.js"))
        #expect(!tree.relativePaths(customReport.files).contains("src/main.py"))
    }

    @Test func excludedPathsAreNeitherScannedNorReachedThroughLinksButARootInsideOneIs() throws {
        let tree = try ScanTestTree()
        try tree.file("notes/a.md")
        try tree.file("index/status.json", "{}")
        try tree.file("index/runs.jsonl", "{}")
        try tree.file("indexes.md")
        try tree.symlink("notes/to-index", to: tree.path("index"))
        try tree.symlink("notes/to-status.json", to: tree.path("index/status.json"))
        let configuration = ScanConfiguration(followSymlinks: true, excludedPaths: [tree.path("index")])
        let report = try Scanner(configuration: configuration).scan(root: tree.root)
        // "indexes.md" shares the prefix, not the folder: it stays.
        #expect(tree.relativePaths(report.files) == ["indexes.md", "notes/a.md"])
        #expect(report.skipped.isEmpty && report.problems.isEmpty)
        let inside = try Scanner(configuration: configuration).scan(root: URL(fileURLWithPath: tree.path("index")))
        #expect(tree.relativePaths(inside.files) == ["index/runs.jsonl", "index/status.json"])
        #expect(ScanConfiguration(excludedPaths: [tree.path("notes/../index/")]).excludedPaths == [tree.path("index")])
    }

    @Test func bundlesAreSkippedAsOpaqueItems() throws {
        let tree = try ScanTestTree()
        try tree.file("Tool.app/Contents/Info.plist")
        try tree.file("Photos Library.photoslibrary/database/x.db")
        try tree.file("Upper.APP/Contents/Info.plist")
        try tree.file("notes.app")
        try tree.file("readme.txt")
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["notes.app", "readme.txt"])
        #expect(report.skipped == [
            SkippedEntry(path: tree.path("Photos Library.photoslibrary"), reason: .bundle),
            SkippedEntry(path: tree.path("Tool.app"), reason: .bundle),
            SkippedEntry(path: tree.path("Upper.APP"), reason: .bundle),
        ])
    }

    @Test func filesOverTheConfiguredLimitAreSkippedWithTheSizes() throws {
        let tree = try ScanTestTree()
        try tree.file("small.txt", String(repeating: "s", count: 100))
        try tree.file("big.txt", String(repeating: "b", count: 1_536))
        let report = try Scanner(configuration: ScanConfiguration(maxFileBytes: 100)).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["small.txt"])
        let skipped = try #require(report.skipped.first)
        #expect(skipped.path == tree.path("big.txt"))
        #expect(skipped.reason == .tooLarge(sizeBytes: 1_536, limitBytes: 100))
        #expect(skipped.reason.description == "larger than 100 B limit (1.5 KB)")
    }

    @Test func sparseSixtyMegabyteFileExceedsTheDefaultLimit() throws {
        let tree = try ScanTestTree()
        try tree.file("huge.bin", "")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: tree.path("huge.bin")))
        try handle.truncate(atOffset: 66_000_000)
        try handle.close()
        try tree.file("fine.txt")
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["fine.txt"])
        #expect(report.skipped.map(\.description) == ["\(tree.path("huge.bin")): larger than 50 MB limit (62.9 MB)"])
    }

    @Test func fifoIsSkippedWithoutBeingOpened() throws {
        let tree = try ScanTestTree()
        try tree.file("a.txt")
        #expect(mkfifo(tree.path("pipe"), 0o644) == 0)
        #expect(mkfifo(tree.path(".hidden-pipe"), 0o644) == 0)
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["a.txt"])
        #expect(report.skipped == [SkippedEntry(path: tree.path("pipe"), reason: .notRegularFile(kind: "FIFO"))])
        #expect(report.skipped.first?.description.hasSuffix("not a regular file (FIFO)") == true)
    }

    @Test func singleFileRootIsScannedOnItsOwn() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.md\n")
        try tree.file("dir/.hidden.md", "hello")
        let root = URL(fileURLWithPath: tree.path("dir/.hidden.md"))
        let report = try Scanner().scan(root: root)
        #expect(report.files.map(\.path) == [tree.path("dir/.hidden.md")])
        #expect(report.files.map(\.sizeBytes) == [5])
        let limited = try Scanner(configuration: ScanConfiguration(maxFileBytes: 2)).scan(root: root)
        #expect(limited.files.isEmpty)
        #expect(limited.skipped == [SkippedEntry(path: tree.path("dir/.hidden.md"), reason: .tooLarge(sizeBytes: 5, limitBytes: 2))])
    }

    @Test func rootPathIsStandardized() throws {
        let tree = try ScanTestTree()
        try tree.file("sub/x.txt")
        let messy = URL(fileURLWithPath: tree.root.path + "/sub/../sub/./")
        let report = try Scanner().scan(root: messy)
        #expect(report.files.map(\.path) == [tree.path("sub/x.txt")])
    }

    @Test func missingRootThrows() throws {
        let tree = try ScanTestTree()
        let missing = tree.path("nope")
        #expect(throws: ScanError.rootNotFound(path: missing)) {
            try Scanner().scan(root: URL(fileURLWithPath: missing))
        }
        try tree.file("file.txt")
        let underFile = tree.path("file.txt/child")
        #expect(throws: ScanError.rootNotFound(path: underFile)) {
            try Scanner().scan(root: URL(fileURLWithPath: underFile))
        }
    }

    @Test func fifoRootThrowsWithoutBeingOpened() throws {
        let tree = try ScanTestTree()
        #expect(mkfifo(tree.path("pipe"), 0o644) == 0)
        #expect(throws: ScanError.rootNotIndexable(path: tree.path("pipe"), kind: "FIFO")) {
            try Scanner().scan(root: URL(fileURLWithPath: tree.path("pipe")))
        }
    }

    @Test func unicodeNamesAreKeptExactlyAndSortedByBytes() throws {
        let tree = try ScanTestTree()
        let composed = "caf\u{E9}.md"
        let decomposed = "cafe\u{301}.md"
        var names = [composed, "日本語/メモ.txt", "emoji-🙂.txt", "Zebra.txt", "ängstlich.txt"]
        #if os(Linux)
        // Only Linux file systems keep both normalizations as distinct names (APFS folds them).
        names.append(decomposed)
        #endif
        for name in names { try tree.file(name) }
        let report = try Scanner().scan(root: tree.root)
        let found = tree.relativePaths(report.files)
        #expect(found.map { Array($0.utf8) } == names.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(found.contains { Array($0.utf8) == Array(composed.utf8) })
        #if os(Linux)
        #expect(found.contains { Array($0.utf8) == Array(decomposed.utf8) })
        #endif
        for file in report.files {
            #expect(FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func nameThatIsNotUTF8IsReportedAsAProblem() throws {
        let tree = try ScanTestTree()
        try tree.file("ok.txt")
        var bytes = Array(tree.path("bad-").utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
        let descriptor = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let report = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["ok.txt"])
        let problem = try #require(report.problems.first)
        #expect(problem.operation == .decodeName)
        #expect(problem.path == tree.path("bad-\u{FFFD}\u{FFFD}.txt"))
    }

    @Test func repeatedScansAndTheStreamAgree() throws {
        let tree = try ScanTestTree()
        for path in ["b/1.txt", "a.b/2.txt", "a/3.txt", "a-4.txt", "a0.txt", "A.txt", "big.txt", "C/5.txt"] {
            try tree.file(path, path == "big.txt" ? String(repeating: "x", count: 50) : "x")
        }
        let scanner = Scanner(configuration: ScanConfiguration(maxFileBytes: 10))
        let first = try scanner.scan(root: tree.root)
        #expect(try scanner.scan(root: tree.root) == first)
        var streamed: [ScanEvent] = []
        try scanner.scan(root: tree.root) { streamed.append($0) }
        let streamedFiles = streamed.compactMap { event -> ScannedFile? in
            if case .file(let file) = event { return file }
            return nil
        }
        #expect(streamedFiles == first.files, "files of the real tree stream in sorted order")
        #expect(streamed.count == first.files.count + first.skipped.count + first.problems.count)
        #expect(tree.relativePaths(first.files) == ["A.txt", "C/5.txt", "a-4.txt", "a.b/2.txt", "a/3.txt", "a0.txt", "b/1.txt"])
    }

    @Test func errorThrownByTheEventHandlerStopsTheScan() throws {
        struct Stop: Error, Equatable {}
        let tree = try ScanTestTree()
        for index in 0..<20 { try tree.file("f\(index).txt") }
        var seen = 0
        #expect(throws: Stop()) {
            try Scanner().scan(root: tree.root) { _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }
}

/// A real directory tree in a fresh temporary folder, removed when the value goes away.
final class ScanTestTree {
    /// Standardized absolute URL of the tree's root folder.
    let root: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        root = base.appendingPathComponent("seek-scan-\(UUID().uuidString)", isDirectory: true).standardizedFileURL
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        // Permission tests may leave modes that stop even root-less cleanup.
        if let enumerator = FileManager.default.enumerator(atPath: root.path) {
            while let relative = enumerator.nextObject() as? String {
                chmod(path(relative), 0o755)
            }
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// Absolute path of `relative` inside the tree.
    func path(_ relative: String) -> String {
        root.path + "/" + relative
    }

    /// Creates a regular file (and its parent folders).
    func file(_ relative: String, _ contents: String = "x") throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    /// Creates a folder (and its parents).
    func directory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    /// Creates a symlink at `relative` whose text is `destination` (relative or absolute).
    func symlink(_ relative: String, to destination: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    /// Paths relative to the root, in the given order.
    func relativePaths(_ files: [ScannedFile]) -> [String] {
        files.map { relativePath($0.path) }
    }

    func relativePath(_ path: String) -> String {
        path.hasPrefix(root.path + "/") ? String(path.dropFirst(root.path.count + 1)) : path
    }
}
