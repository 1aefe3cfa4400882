import Foundation
import SeekCore
import Testing

struct LittleEndianReaderTests {
    @Test func readsWhatDataAppendedAndNothingPastTheEnd() {
        var data = Data()
        data.appendLittleEndian(0x0403_0201)
        data.appendLittleEndian(UInt32.max)
        data.append(contentsOf: [7, 8, 9])
        #expect(Array(data.prefix(4)) == [1, 2, 3, 4])
        var reader = LittleEndianReader(data)
        #expect(reader.uint32() == 0x0403_0201)
        #expect(reader.uint32() == UInt32.max)
        #expect(reader.uint32() == nil, "only 3 bytes remain")
        #expect(reader.offset == 8)
        #expect(reader.bytes(count: 4) == nil)
        #expect(reader.bytes(count: -1) == nil)
        #expect(reader.bytes(count: 2).map(Array.init) == [7, 8])
        #expect(!reader.isAtEnd)
        #expect(reader.bytes(count: 1).map(Array.init) == [9])
        #expect(reader.isAtEnd)
        #expect(reader.bytes(count: 0).map(Array.init) == [])
        #expect(reader.uint32() == nil)
    }
}
