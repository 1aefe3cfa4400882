import Foundation
import SeekCore
import Testing

struct ProcessMemoryTests {
    @Test func residentMemoryGrowsWhenPagesAreTouched() throws {
        let before = try ProcessMemory.residentBytes()
        #expect(before > 1 << 20)
        let count = 64 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 4096)
        defer { buffer.deallocate() }
        for offset in stride(from: 0, to: count, by: 4096) { buffer[offset] = 1 }
        let after = try ProcessMemory.residentBytes()
        #expect(after - before > 48 << 20)
        #expect(ProcessMemory.peakResidentBytes() >= after)
    }

    @Test func unknownProcessIsAnError() {
        #expect(throws: ProcessMemory.ReadError.self) { try ProcessMemory.residentBytes(pid: Int32.max) }
    }
}
