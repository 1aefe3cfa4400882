import Synchronization

/// Lets waiting tasks through only as far as the test allows: a deterministic hook in place of
/// sleeps. `pass(weight:)` suspends until `weight` passes are free; `grant(total:)` raises the
/// number of passes given out so far (never lowers it), resuming waiters in order;
/// `openFully()` lets everything through.
public final class PassGate: Sendable {
    private struct Waiter {
        let weight: Int
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var granted = 0
        var used = 0
        var waiters: [Waiter] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Passes taken so far.
    public var passesUsed: Int { state.withLock { $0.used } }

    /// Returns once this caller has `weight` passes (one per sequence of a batch, say). Waiters
    /// go through in arrival order.
    public func pass(weight: Int = 1) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state -> Bool in
                guard state.waiters.isEmpty, state.used + weight <= state.granted else {
                    state.waiters.append(Waiter(weight: weight, continuation: continuation))
                    return false
                }
                state.used += weight
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
            while let first = state.waiters.first, state.granted - state.used >= first.weight {
                state.used += first.weight
                released.append(state.waiters.removeFirst().continuation)
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
