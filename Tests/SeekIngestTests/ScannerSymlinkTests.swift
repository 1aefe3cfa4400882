import Foundation
import SeekIngest
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Symlinks: not followed by default (as in ripgrep); when following, only into the roots and
/// never into /proc, /sys, /dev; loops, folders and files reached twice detected; dangling links
/// reported; never a hang.
struct ScannerSymlinkTests {
    let following = ScanConfiguration(followSymlinks: true)

    func following(into roots: ScanTestTree...) -> ScanConfiguration {
        ScanConfiguration(followSymlinks: true, symlinkTargetRoots: roots.map(\.root.path))
    }

    @Test func linkToParentIsASymlinkLoopAndTheWalkEnds() throws {
        let tree = try ScanTestTree()
        try tree.file("a/x.txt")
        try tree.symlink("a/link", to: "..")
        try tree.symlink("a/self", to: ".")
        try tree.symlink("a/root", to: tree.root.path)
        let report = try Scanner(configuration: following).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["a/x.txt"])
        #expect(report.skipped == [
            SkippedEntry(path: tree.path("a/link"), reason: .symlinkLoop),
            SkippedEntry(path: tree.path("a/root"), reason: .symlinkLoop),
            SkippedEntry(path: tree.path("a/self"), reason: .symlinkLoop),
        ])
        #expect(report.skipped.first?.description.hasSuffix(": symlink loop") == true)
    }

    @Test func chainOfLinksThatNeverEndsIsASymlinkLoop() throws {
        let tree = try ScanTestTree()
        try tree.symlink("one", to: "two")
        try tree.symlink("two", to: "one")
        try tree.file("real.txt")
        let report = try Scanner(configuration: following).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["real.txt"])
        #expect(report.skipped.map(\.reason) == [.symlinkLoop, .symlinkLoop])
    }

    @Test func danglingLinkIsReportedAsBroken() throws {
        let tree = try ScanTestTree()
        try tree.symlink("dangling.md", to: "missing/nothing.md")
        try tree.file("here.md")
        let report = try Scanner(configuration: following).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["here.md"])
        #expect(report.skipped == [SkippedEntry(path: tree.path("dangling.md"), reason: .brokenSymlink(target: "missing/nothing.md"))])
        #expect(report.skipped[0].reason.description == "broken symlink (-> missing/nothing.md)")
    }

    @Test func linksOutOfEveryRootAreNotFollowed() throws {
        let outside = try ScanTestTree()
        try outside.file("target.txt", "outside!")
        try outside.file("folder/inner.md", "in")
        let tree = try ScanTestTree()
        try tree.symlink("to-file.txt", to: outside.path("target.txt"))
        try tree.symlink("to-folder", to: outside.path("folder"))
        let report = try Scanner(configuration: following).scan(root: tree.root)
        #expect(report.files.isEmpty)
        #expect(report.skipped == [
            SkippedEntry(path: tree.path("to-file.txt"), reason: .symlinkOutsideRoots(target: outside.path("target.txt"))),
            SkippedEntry(path: tree.path("to-folder"), reason: .symlinkOutsideRoots(target: outside.path("folder"))),
        ])
    }

    @Test func linksIntoAnotherRootAreFollowed() throws {
        let outside = try ScanTestTree()
        try outside.file("target.txt", "outside!")
        try outside.file("folder/inner.md", "in")
        let tree = try ScanTestTree()
        try tree.symlink("to-file.txt", to: outside.path("target.txt"))
        try tree.symlink("to-folder", to: outside.path("folder"))
        let report = try Scanner(configuration: following(into: outside)).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["to-file.txt", "to-folder/inner.md"])
        #expect(report.files.map(\.sizeBytes) == [8, 2])
        #expect(report.skipped.isEmpty && report.problems.isEmpty)
    }

    @Test func linksToTheWholeDiskAndToProcAreNeverWalked() throws {
        let tree = try ScanTestTree()
        try tree.file("note.md")
        try tree.symlink("root", to: "/")
        try tree.symlink("proc-self", to: "/proc/self")
        try tree.symlink("dev", to: "/dev")
        // Not followed by default: nothing behind the links is even looked at.
        let plain = try Scanner().scan(root: tree.root)
        #expect(tree.relativePaths(plain.files) == ["note.md"])
        #expect(plain.skipped.map(\.reason) == [.symlinkNotFollowed, .symlinkNotFollowed, .symlinkNotFollowed])
        let refused = try Scanner(configuration: following).scan(root: tree.root)
        #expect(tree.relativePaths(refused.files) == ["note.md"])
        #expect(refused.skipped.first { $0.path == tree.path("proc-self") }?.reason.description.hasPrefix("symlink into a system folder (/proc/") == true)
        #expect(refused.skipped.first { $0.path == tree.path("dev") }?.reason == .symlinkIntoSystemFolder(target: "/dev"))
        #expect(refused.skipped.first { $0.path == tree.path("root") }?.reason == .symlinkOutsideRoots(target: "/"))
    }

    @Test func procIsRefusedEvenWhenTheWholeDiskIsARoot() throws {
        let tree = try ScanTestTree()
        try tree.symlink("proc-self", to: "/proc/self")
        let report = try Scanner(configuration: ScanConfiguration(followSymlinks: true, symlinkTargetRoots: ["/"])).scan(root: tree.root)
        #expect(report.files.isEmpty)
        #expect(report.skipped.map(\.reason.description).allSatisfy { $0.hasPrefix("symlink into a system folder (/proc/") })
        #expect(report.skipped.count == 1)
    }

    @Test func aFileReachedTwiceIsIndexedOnceUnderItsOwnPath() throws {
        let tree = try ScanTestTree()
        try tree.file("b-real.md", "real")
        try tree.symlink("a-link.md", to: "b-real.md")
        #expect(link(tree.path("b-real.md"), tree.path("c-hard.md")) == 0)
        let report = try Scanner(configuration: following).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["b-real.md"])
        #expect(report.skipped == [
            SkippedEntry(path: tree.path("a-link.md"), reason: .sameFileAs(path: tree.path("b-real.md"))),
            SkippedEntry(path: tree.path("c-hard.md"), reason: .sameFileAs(path: tree.path("b-real.md"))),
        ])
    }

    @Test func directoryReachedTwiceIsScannedOnceUnderItsRealPath() throws {
        let outside = try ScanTestTree()
        try outside.file("shared/doc.txt")
        let tree = try ScanTestTree()
        try tree.file("z-real/note.txt")
        try tree.symlink("a-link", to: "z-real")
        try tree.symlink("m1", to: outside.path("shared"))
        try tree.symlink("m2", to: outside.path("shared"))
        let report = try Scanner(configuration: following(into: outside)).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["m1/doc.txt", "z-real/note.txt"])
        #expect(report.skipped == [
            SkippedEntry(path: tree.path("a-link"), reason: .sameDirectoryAs(path: tree.path("z-real"))),
            SkippedEntry(path: tree.path("m2"), reason: .sameDirectoryAs(path: tree.path("m1"))),
        ])
    }

    @Test func linkedFolderHonoursIgnoreFilesAlongItsLinkPath() throws {
        let outside = try ScanTestTree()
        try outside.file("lib/keep.txt")
        try outside.file("lib/drop.log")
        try outside.file("lib/.gitignore", "*.tmp\n")
        try outside.file("lib/x.tmp")
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.log\nignored-link\n")
        try tree.symlink("vendor", to: outside.path("lib"))
        try tree.symlink("ignored-link", to: outside.path("lib/keep.txt"))
        let report = try Scanner(configuration: following(into: outside)).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["vendor/keep.txt"])
        #expect(report.skipped.isEmpty)
    }

    @Test func linksAreReportedButNotFollowedWhenFollowingIsOff() throws {
        let outside = try ScanTestTree()
        try outside.file("folder/inner.md")
        let tree = try ScanTestTree()
        try tree.file("real.md")
        try tree.symlink("file-link.md", to: "real.md")
        try tree.symlink("folder-link", to: outside.path("folder"))
        let report = try Scanner(configuration: ScanConfiguration(followSymlinks: false)).scan(root: tree.root)
        #expect(tree.relativePaths(report.files) == ["real.md"])
        #expect(report.skipped.map(\.reason) == [.symlinkNotFollowed, .symlinkNotFollowed])
    }

    @Test func rootThatIsALinkIsFollowedEvenWhenFollowingIsOff() throws {
        let outside = try ScanTestTree()
        try outside.file("folder/inner.md")
        let tree = try ScanTestTree()
        try tree.symlink("root-link", to: outside.path("folder"))
        let rootLink = URL(fileURLWithPath: tree.path("root-link"))
        let report = try Scanner(configuration: ScanConfiguration(followSymlinks: false)).scan(root: rootLink)
        #expect(report.files.map(\.path) == [tree.path("root-link/inner.md")])
    }

    @Test func linkToAFifoIsNotARegularFile() throws {
        let tree = try ScanTestTree()
        #expect(mkfifo(tree.path(".pipe"), 0o644) == 0)
        try tree.symlink("pipe-link", to: ".pipe")
        let report = try Scanner(configuration: following).scan(root: tree.root)
        #expect(report.files.isEmpty)
        #expect(report.skipped == [SkippedEntry(path: tree.path("pipe-link"), reason: .notRegularFile(kind: "FIFO"))])
    }
}
