import Synchronization

/// The write stage's inbox: finished files wait here until the writer takes them as a group, so
/// files that finish close together share one transaction (group commit). Bounded: `put`
/// suspends while `capacity` items wait, which holds the embed stage back as the unbuffered
/// channel did.
///
/// Hand-written because AsyncAlgorithms' buffers hand out one element at a time and cannot say
/// what is already waiting.
final class WriteBacklog: Sendable {
    private struct State {
        var items: [WriteItem] = []
        var finished = false
        var consumer: CheckedContinuation<Void, Never>?
        var producers: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `item`, suspending while the backlog is full.
    func put(_ item: WriteItem) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resume: (consumer: CheckedContinuation<Void, Never>?, producer: Bool) = state.withLock { state in
                state.items.append(item)
                let consumer = state.consumer
                state.consumer = nil
                if state.items.count >= capacity {
                    state.producers.append(continuation)
                    return (consumer, false)
                }
                return (consumer, true)
            }
            resume.consumer?.resume()
            if resume.producer { continuation.resume() }
        }
    }

    /// No more items will come; `take` returns what is left, then nil.
    func finish() {
        let consumer = state.withLock { state in
            state.finished = true
            defer { state.consumer = nil }
            return state.consumer
        }
        consumer?.resume()
    }

    /// The next group of at most `maxItems` items, in arrival order: waits for a first item, then
    /// up to `window` for more (polling every few milliseconds, ending early when the group is
    /// full or the input finished). Nil when the input finished and nothing is left.
    func take(maxItems: Int, window: Duration) async -> [WriteItem]? {
        while true {
            let waiting: Bool? = state.withLock { state in
                if !state.items.isEmpty { return false }
                return state.finished ? nil : true
            }
            guard let waiting else { return nil }
            if !waiting { break }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if !state.items.isEmpty || state.finished { return true }
                    state.consumer = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: window)
        while clock.now < deadline, state.withLock({ $0.items.count < maxItems && !$0.finished }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        let (group, producers): ([WriteItem], [CheckedContinuation<Void, Never>]) = state.withLock { state in
            let group = Array(state.items.prefix(maxItems))
            state.items.removeFirst(group.count)
            guard state.items.count < capacity else { return (group, []) }
            defer { state.producers = [] }
            return (group, state.producers)
        }
        for producer in producers { producer.resume() }
        return group
    }
}
