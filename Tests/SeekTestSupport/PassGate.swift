import Synchronization

/// Lets waiting tasks through only as far as the test allows: a deterministic hook in place of
/// sleeps. `pass()` suspends until a pass is free; `grant(total:)` raises the number of passes
/// given out so far (never lowers it), resuming waiters in order; `openFully()` lets everything through.
public final class PassGate: Sendable {
    private struct State {
        var granted = 0
        var used = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Passes taken so far.
    public var passesUsed: Int { state.withLock { $0.used } }

    /// Returns once this caller has a pass.
    public func pass() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state -> Bool in
                guard state.used < state.granted else {
                    state.waiters.append(continuation)
                    return false
                }
                state.used += 1
                return true
            }
            if free { continuation.resume() }
        }
    }

    /// Allows `total` passes in all (counting those already taken).
    public func grant(total: Int) {
        let released = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.granted = max(state.granted, total)
            var released: [CheckedContinuation<Void, Never>] = []
            while state.used < state.granted, !state.waiters.isEmpty {
                state.used += 1
                released.append(state.waiters.removeFirst())
            }
            return released
        }
        for continuation in released { continuation.resume() }
    }

    /// Lets every present and future caller through.
    public func openFully() {
        grant(total: Int.max)
    }
}
