import Foundation
import SeekBench
import SeekTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

struct FolderMirrorTests {
    /// Files (nested too) come out with the same bytes, as hard links on one file system; links
    /// and FIFOs are left out, so nothing outside the folder is reached and no read blocks.
    @Test func mirrorsTheTreeWithHardLinksAndLeavesOutLinksAndSpecialFiles() throws {
        let scratch = try TemporaryDirectory("seek-folder-mirror")
        defer { scratch.remove() }
        let source = scratch.file("source")
        try FileManager.default.createDirectory(at: source.appendingPathComponent("deep/er"), withIntermediateDirectories: true)
        try Data("top".utf8).write(to: source.appendingPathComponent("a.txt"))
        try Data("nested".utf8).write(to: source.appendingPathComponent("deep/er/b c.md"))
        try Data("hidden".utf8).write(to: source.appendingPathComponent(".hidden"))
        let outside = try scratch.write("outside", to: "outside.txt")
        try FileManager.default.createSymbolicLink(at: source.appendingPathComponent("link.txt"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: source.appendingPathComponent("up"), withDestinationURL: scratch.url)
        #expect(mkfifo(source.appendingPathComponent("pipe").path, 0o600) == 0)

        let mirror = scratch.file("mirror")
        #expect(try FolderMirror.mirror(source, to: mirror) == 3)
        #expect(try String(contentsOf: mirror.appendingPathComponent("a.txt"), encoding: .utf8) == "top")
        #expect(try String(contentsOf: mirror.appendingPathComponent("deep/er/b c.md"), encoding: .utf8) == "nested")
        #expect(try String(contentsOf: mirror.appendingPathComponent(".hidden"), encoding: .utf8) == "hidden")
        for absent in ["link.txt", "up", "pipe"] {
            #expect(!FileManager.default.fileExists(atPath: mirror.appendingPathComponent(absent).path), "\(absent) was mirrored")
        }
        let inode = { (url: URL) in try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int }
        #expect(try inode(mirror.appendingPathComponent("a.txt")) == inode(source.appendingPathComponent("a.txt")))
    }

    @Test func refusesAMissingFolderAndAnExistingDestination() throws {
        let scratch = try TemporaryDirectory("seek-folder-mirror")
        defer { scratch.remove() }
        #expect(throws: (any Error).self) { try FolderMirror.mirror(scratch.file("missing"), to: scratch.file("mirror")) }
        let file = try scratch.write("x", to: "file.txt")
        #expect(throws: (any Error).self) { try FolderMirror.mirror(file, to: scratch.file("mirror")) }
        try FileManager.default.createDirectory(at: scratch.file("source"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch.file("taken"), withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try FolderMirror.mirror(scratch.file("source"), to: scratch.file("taken")) }
    }
}
