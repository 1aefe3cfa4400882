import Synchronization

/// One subscriber's view of the engine's events (`EventBroadcaster.subscribe`): an
/// `AsyncSequence` that ends when the subscription is cancelled, the broadcaster finishes, or
/// the task iterating it is cancelled. One consumer at a time.
public final class EventSubscription: AsyncSequence, Sendable {
    public typealias Element = EngineEvent

    private struct State {
        /// Waiting events, oldest first, from `head` on.
        var events: [EngineEvent] = []
        var head = 0
        var waiter: CheckedContinuation<EngineEvent?, Never>?
        var finished = false
        var dropped = 0

        var count: Int { events.count - head }

        mutating func removeOldest(where predicate: (EngineEvent) -> Bool) -> Bool {
            guard let index = events[head...].firstIndex(where: predicate) else { return false }
            events.remove(at: index)
            return true
        }

        mutating func popFirst() -> EngineEvent? {
            guard head < events.count else { return nil }
            let event = events[head]
            head += 1
            if head > 256, head * 2 > events.count {
                events.removeFirst(head)
                head = 0
            }
            return event
        }
    }

    /// Events kept at most while the consumer is behind.
    public let bufferLimit: Int
    private let state = Mutex(State())
    private let onCancel: @Sendable (ObjectIdentifier) -> Void

    init(bufferLimit: Int, onCancel: @escaping @Sendable (ObjectIdentifier) -> Void) {
        self.bufferLimit = bufferLimit
        self.onCancel = onCancel
    }

    /// Events this subscriber lost because it was too slow.
    public var droppedCount: Int { state.withLock { $0.dropped } }

    /// Stops the subscription: no more events are buffered; waiting events are still delivered,
    /// then the sequence ends.
    public func cancel() {
        finish()
        onCancel(ObjectIdentifier(self))
    }

    func deliver(_ event: EngineEvent) {
        let waiter: CheckedContinuation<EngineEvent?, Never>? = state.withLock { state in
            guard !state.finished else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            if state.count >= bufferLimit {
                if !state.removeOldest(where: \.isProgress) {
                    _ = state.popFirst()
                }
                state.dropped += 1
            }
            state.events.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }

    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<EngineEvent?, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next event, waiting for one; nil once the subscription ended and is drained.
    func next() async -> EngineEvent? {
        if Task.isCancelled { return nil }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<EngineEvent?, Never>) in
                let ready: EngineEvent?? = state.withLock { state in
                    if let event = state.popFirst() { return .some(event) }
                    // Checked under the lock: a cancellation either came before (seen here) or
                    // comes after the waiter is stored (then `onCancel` resumes it).
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<EngineEvent?, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let subscription: EventSubscription

        public mutating func next() async -> EngineEvent? {
            await subscription.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(subscription: self)
    }
}
