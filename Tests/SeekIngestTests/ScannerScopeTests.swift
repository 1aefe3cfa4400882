import Foundation
import SeekIngest
import Testing

/// `Scanner.scan(root:within:)`: only the given paths and what lies below them are reported,
/// with the root's ignore files still applied on the way.
struct ScannerScopeTests {
    @Test func reportsOnlyTheGivenFilesAndFolders() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.log\n")
        for path in ["a.md", "b.md", "sub/c.md", "sub/d.log", "sub/deep/e.md", "other/f.md"] { try tree.file(path) }
        var files: [String] = []
        try Scanner().scan(root: tree.root, within: [tree.path("b.md"), tree.path("sub")]) { event in
            if case .file(let file) = event { files.append(file.path) }
        }
        #expect(files.map { String($0.dropFirst(tree.root.path.count + 1)) }.sorted() == ["b.md", "sub/c.md", "sub/deep/e.md"])
    }

    @Test func aGonePathReportsNothingAndAnIgnoredOneNeither() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.log\n")
        try tree.file("x.log")
        try tree.file("y.md")
        var events: [ScanEvent] = []
        try Scanner().scan(root: tree.root, within: [tree.path("gone"), tree.path("x.log"), tree.path("gone-folder/z.md")]) { events.append($0) }
        #expect(events.isEmpty)
    }

    @Test func aFileRootIsReportedOnlyWhenInScope() throws {
        let tree = try ScanTestTree()
        try tree.file("single.md")
        let root = URL(fileURLWithPath: tree.path("single.md"))
        var inScope = 0, outOfScope = 0
        try Scanner().scan(root: root, within: [tree.path("single.md")]) { if case .file = $0 { inScope += 1 } }
        try Scanner().scan(root: root, within: [tree.path("other.md")]) { if case .file = $0 { outOfScope += 1 } }
        #expect(inScope == 1 && outOfScope == 0)
    }
}
