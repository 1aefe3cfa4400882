import Foundation
import SeekCore
import SeekTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

struct CacheEntryFileTests {
    @Test func readsARegularFileWithinTheLimitAndNothingElse() throws {
        let scratch = try TemporaryDirectory("seek-cache-entry")
        defer { scratch.remove() }
        let file = try scratch.write("12345678", to: "entry")
        #expect(CacheEntryFile.contents(of: file, maxBytes: 8) == Data("12345678".utf8))
        #expect(CacheEntryFile.contents(of: file, maxBytes: 7) == nil)
        #expect(CacheEntryFile.contents(of: scratch.file("missing"), maxBytes: 100) == nil)
        try FileManager.default.createDirectory(at: scratch.file("folder"), withIntermediateDirectories: true)
        #expect(CacheEntryFile.contents(of: scratch.file("folder"), maxBytes: 1 << 20) == nil)
        // A FIFO with no writer: reading it would block for ever.
        #expect(mkfifo(scratch.file("fifo").path, 0o600) == 0)
        #expect(CacheEntryFile.contents(of: scratch.file("fifo"), maxBytes: 1 << 20) == nil)
        // An entry is a file the cache wrote itself: a symbolic link, even to a good file, is not read.
        try FileManager.default.createSymbolicLink(at: scratch.file("link"), withDestinationURL: file)
        #expect(CacheEntryFile.contents(of: scratch.file("link"), maxBytes: 8) == nil)
    }
}
