import Foundation
import SeekCore
import Testing

struct ContentHashTests {
    @Test func knownDigests() {
        #expect(ContentHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func fileDigestMatchesInMemoryDigest() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("seek-hash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        // Larger than one 1 MiB read block, so the streaming path is exercised.
        let data = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try data.write(to: url)
        #expect(try ContentHash.sha256Hex(fileAt: url) == ContentHash.sha256Hex(data))
        // FIPS 180-2's million "a"s, read in blocks from a file.
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: url)
        #expect(try ContentHash.sha256Hex(fileAt: url) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
