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

    @Test func aSealRefusesEveryDamageAndTheSealedPayloadReadsBack() throws {
        let payload = Data("payload: \u{0} bytes of any kind".utf8)
        let sealed = CacheEntryFile.seal(payload)
        #expect(sealed.count == payload.count + CacheEntryFile.sealBytes)
        #expect(CacheEntryFile.unseal(sealed) == payload)
        #expect(CacheEntryFile.unseal(CacheEntryFile.seal(Data())) == Data())
        for position in [0, payload.count / 2, payload.count - 1, payload.count, sealed.count - 1] {
            var damaged = sealed
            damaged[position] ^= 0x01
            #expect(CacheEntryFile.unseal(damaged) == nil, "a flipped bit at byte \(position) was accepted")
        }
        #expect(CacheEntryFile.unseal(sealed.dropLast()) == nil)
        #expect(CacheEntryFile.unseal(sealed + Data([0])) == nil)
        #expect(CacheEntryFile.unseal(Data(sealed.suffix(10))) == nil)

        let scratch = try TemporaryDirectory("seek-cache-entry")
        defer { scratch.remove() }
        let url = scratch.file("new/folder/entry")
        CacheEntryFile.writeSealed(payload, to: url)
        #expect(CacheEntryFile.sealedPayload(of: url, maxPayloadBytes: payload.count) == payload)
        #expect(CacheEntryFile.sealedPayload(of: url, maxPayloadBytes: payload.count - 1) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.file("new/folder").path) == ["entry"])
    }

    /// A plain write creates the folder, replaces whatever is at the path (a FIFO here, which a
    /// write through it would block on) and reads back byte for byte.
    @Test func aPlainWriteCreatesTheFolderAndReplacesAFIFO() throws {
        let scratch = try TemporaryDirectory("seek-cache-entry")
        defer { scratch.remove() }
        let url = scratch.file("a/b/entry.json")
        CacheEntryFile.write(Data("{}".utf8), to: url)
        #expect(CacheEntryFile.contents(of: url, maxBytes: 2) == Data("{}".utf8))
        try FileManager.default.removeItem(at: url)
        #expect(mkfifo(url.path, 0o600) == 0)
        CacheEntryFile.write(Data("[1]".utf8), to: url)
        #expect(CacheEntryFile.contents(of: url, maxBytes: 3) == Data("[1]".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.file("a/b").path) == ["entry.json"])
    }
}
