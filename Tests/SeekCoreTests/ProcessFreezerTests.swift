import Foundation
import SeekTestSupport
import Synchronization
import Testing

/// The test tool that kills a child process at a chosen moment (`ProcessFreezer`), on a shell
/// loop that counts into a file: the kill lands where the condition holds, a slow condition does
/// not use up the child's allowance, and a condition that never holds lets the child go.
@Suite struct ProcessFreezerTests {
    /// A shell that writes 1, 2, 3... into `counter`, one number every 20 ms, until killed.
    private func startCounter(_ counter: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "i=0; while :; do i=$((i+1)); echo $i > \"$0.tmp\"; mv \"$0.tmp\" \"$0\"; sleep 0.02; done", counter.path]
        try process.run()
        return process
    }

    private func count(_ counter: URL) -> Int {
        (try? String(contentsOf: counter, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
    }

    @Test func killsAtTheFirstFreezeWhereTheConditionHolds() async throws {
        let scratch = try TemporaryDirectory("seek-freezer")
        defer { scratch.remove() }
        let counter = scratch.file("count")
        let process = try startCounter(counter)
        let killed = await ProcessFreezer.kill(process, when: { self.count(counter) >= 5 }, within: .seconds(60))
        process.waitUntilExit()
        #expect(killed)
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        let atKill = count(counter)
        #expect(atKill >= 5)
        try await Task.sleep(for: .milliseconds(100))
        #expect(count(counter) == atKill, "nothing runs after the kill")
    }

    /// Each check takes 300 ms while the child is frozen; the child runs ~100 ms between checks.
    /// Eight checks take ~3.2 s of wall time but only ~0.8 s of the child's running time, within
    /// its 1.5 s allowance: the kill still lands (a wall-clock allowance gave up here).
    @Test func aSlowConditionDoesNotUseUpTheChildsAllowance() async throws {
        let scratch = try TemporaryDirectory("seek-freezer")
        defer { scratch.remove() }
        let process = try startCounter(scratch.file("count"))
        let checks = Mutex(0)
        let started = ContinuousClock.now
        let killed = await ProcessFreezer.kill(process, when: {
            try? await Task.sleep(for: .milliseconds(300))
            return checks.withLock { $0 += 1; return $0 >= 8 }
        }, within: .milliseconds(1_500))
        let wall = ContinuousClock.now - started
        if !killed { process.terminate() }
        process.waitUntilExit()
        #expect(killed, "gave up after \(checks.withLock { $0 }) checks")
        #expect(wall > .milliseconds(1_500), "the checks took longer than the allowance (\(wall))")
    }

    @Test func aConditionThatNeverHoldsLetsTheChildGoAfterItsAllowance() async throws {
        let scratch = try TemporaryDirectory("seek-freezer")
        defer { scratch.remove() }
        let counter = scratch.file("count")
        let process = try startCounter(counter)
        defer { process.terminate(); process.waitUntilExit() }
        let killed = await ProcessFreezer.kill(process, when: { false }, within: .milliseconds(500))
        #expect(!killed)
        #expect(process.isRunning, "let go, not killed")
        let before = count(counter)
        try await Task.sleep(for: .milliseconds(300))
        #expect(count(counter) > before, "and no longer frozen")
    }

    @Test func aChildThatExitsOnItsOwnIsReportedAsNotKilled() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "sleep 0.3"]
        try process.run()
        let killed = await ProcessFreezer.kill(process, when: { false }, within: .seconds(60))
        process.waitUntilExit()
        #expect(!killed)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}
