import Foundation
import SeekCore
import Testing

/// Tests run in parallel in one process and some spawn children, so the checks are lower bounds:
/// other tests can only add to either counter.
struct ProcessCPUTimeTests {
    @Test func countsThisProcessesWork() {
        let start = ProcessCPUTime.now()
        // 2·10⁸ xorshift steps, each depending on the last (~0.2 s on one core): no closed form
        // for the optimiser to fold the loop into.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200_000_000 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
        }
        #expect(state != 0)
        let used = ProcessCPUTime.now().since(start)
        #expect(used.processSeconds > 0.03)
        #expect(used.processSeconds < 600)
    }

    @Test func countsAChildOnceItIsReaped() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"]
        let before = ProcessCPUTime.now()
        try child.run()
        child.waitUntilExit()
        #expect(child.terminationStatus == 0)
        let used = ProcessCPUTime.now().since(before)
        #expect(used.reapedChildrenSeconds > 0.02)
        #expect(used.reapedChildrenSeconds < 600)
    }
}
