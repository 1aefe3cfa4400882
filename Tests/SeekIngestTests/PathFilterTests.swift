import Foundation
import SeekIngest
import Testing

/// `PathFilter` answers as the scanner would for single paths: excluded names, hidden entries,
/// ignore files from the root down, bundles and excluded folders.
struct PathFilterTests {
    @Test func admitsWhatTheScannerScansAndNothingElse() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.log\nbuild/\n")
        try tree.file("sub/.seekignore", "secret.md\n")
        try tree.file("sub/note.md")
        let filter = PathFilter(root: tree.root.path, configuration: ScanConfiguration(excludedPaths: [tree.path("index")]))
        #expect(filter.admits(tree.root.path, isDirectory: true))
        #expect(filter.admits(tree.path("sub/note.md"), isDirectory: false))
        #expect(filter.admits(tree.path("sub/new-file.txt"), isDirectory: false))
        #expect(!filter.admits(tree.path("debug.log"), isDirectory: false))
        #expect(!filter.admits(tree.path("deep/er/trace.log"), isDirectory: false))
        #expect(!filter.admits(tree.path("build"), isDirectory: true))
        #expect(!filter.admits(tree.path("build/out.txt"), isDirectory: false))
        #expect(!filter.admits(tree.path("sub/secret.md"), isDirectory: false))
        #expect(filter.admits(tree.path("secret.md"), isDirectory: false))
        #expect(!filter.admits(tree.path(".hidden.md"), isDirectory: false))
        #expect(!filter.admits(tree.path("sub/.note.md.swp"), isDirectory: false))
        #expect(!filter.admits(tree.path("node_modules/x.js"), isDirectory: false))
        #expect(!filter.admits(tree.path("Photos.photoslibrary/db.txt"), isDirectory: false))
        #expect(!filter.admits(tree.path("index/index.sqlite-wal"), isDirectory: false))
        #expect(!filter.admits("/elsewhere/file.md", isDirectory: false))
        #expect(!filter.admits(tree.path("index/status.json"), isDirectory: false))
        #expect(filter.admits(tree.path("indexes.md"), isDirectory: false))
        // A root inside the excluded folder is watched as the scanner scans it.
        let inside = PathFilter(root: tree.path("index/old"), configuration: ScanConfiguration(excludedPaths: [tree.path("index")]))
        #expect(inside.admits(tree.path("index/old/a.md"), isDirectory: false))
    }

    @Test func hiddenEntriesAreAdmittedWhenAskedFor() throws {
        let tree = try ScanTestTree()
        let filter = PathFilter(root: tree.root.path, configuration: ScanConfiguration(includeHidden: true))
        #expect(filter.admits(tree.path(".notes/a.md"), isDirectory: false))
        #expect(!filter.admits(tree.path(".git/config"), isDirectory: false))
    }

    @Test func aChangedIgnoreFileIsReadAgainAfterForgetting() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.tmp\n")
        let filter = PathFilter(root: tree.root.path, configuration: ScanConfiguration())
        #expect(!filter.admits(tree.path("a.tmp"), isDirectory: false))
        #expect(filter.isIgnoreFile(tree.path(".gitignore")) && !filter.isIgnoreFile(tree.path("a.tmp")))
        try tree.file(".gitignore", "*.bak\n")
        #expect(!filter.admits(tree.path("a.tmp"), isDirectory: false), "cached until forgotten")
        filter.forgetIgnoreFiles(in: tree.root.path)
        #expect(filter.admits(tree.path("a.tmp"), isDirectory: false))
        #expect(!filter.admits(tree.path("a.bak"), isDirectory: false))
    }

    @Test func agreesWithTheScannerOnEveryEntryOfATree() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.log\n!keep.log\ndocs/draft*\n/top-only.md\ncache/\n")
        for path in ["a.md", "keep.log", "x.log", "docs/draft-1.md", "docs/final.md", "top-only.md", "sub/top-only.md",
                     "cache/c.txt", "sub/cache/d.txt", ".hidden/e.md", "node_modules/f.js", "sub/deeper/g.txt"] {
            try tree.file(path)
        }
        let configuration = ScanConfiguration()
        let scanned = Set(try Scanner(configuration: configuration).scan(root: tree.root).files.map(\.path))
        let filter = PathFilter(root: tree.root.path, configuration: configuration)
        for path in ["a.md", "keep.log", "x.log", "docs/draft-1.md", "docs/final.md", "top-only.md", "sub/top-only.md",
                     "cache/c.txt", "sub/cache/d.txt", ".hidden/e.md", "node_modules/f.js", "sub/deeper/g.txt"] {
            #expect(filter.admits(tree.path(path), isDirectory: false) == scanned.contains(tree.path(path)), "\(path)")
        }
    }
}
