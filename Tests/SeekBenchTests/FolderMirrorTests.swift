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

    /// A file whose name is not UTF-8 does not stop the mirror: the other files are mirrored.
    @Test func aNameThatIsNotUTF8DoesNotStopTheMirror() throws {
        let scratch = try TemporaryDirectory("seek-folder-mirror")
        defer { scratch.remove() }
        let source = scratch.file("source")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try Data("fine".utf8).write(to: source.appendingPathComponent("fine.txt"))
        let badName = Array(source.path.utf8) + [UInt8(ascii: "/"), 0x62, 0xff, 0xfe, UInt8(ascii: "."), UInt8(ascii: "t")]
        let descriptor = (badName + [0]).withUnsafeBufferPointer { name in
            name.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(descriptor >= 0)
        close(descriptor)
        let mirrored = try FolderMirror.mirror(source, to: scratch.file("mirror"))
        #expect(mirrored >= 1)
        #expect(try String(contentsOf: scratch.file("mirror/fine.txt"), encoding: .utf8) == "fine")
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
