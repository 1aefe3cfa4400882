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
        /// `take` waiting out its window: resumed once `size` items wait, the input finished, or
        /// its timer (the window's end, matched by `id`) fires — whichever comes first.
        var group: (id: Int, size: Int, continuation: CheckedContinuation<Void, Never>)?
        var nextGroupID = 0
    }

    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `item`, suspending while the backlog is full.
    func put(_ item: WriteItem) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resume: (consumer: CheckedContinuation<Void, Never>?, group: CheckedContinuation<Void, Never>?, producer: Bool) =
                state.withLock { state in
                    state.items.append(item)
                    let consumer = state.consumer
                    state.consumer = nil
                    var group: CheckedContinuation<Void, Never>?
                    if let waiting = state.group, state.items.count >= waiting.size {
                        group = waiting.continuation
                        state.group = nil
                    }
                    if state.items.count >= capacity {
                        state.producers.append(continuation)
                        return (consumer, group, false)
                    }
                    return (consumer, group, true)
                }
            resume.consumer?.resume()
            resume.group?.resume()
            if resume.producer { continuation.resume() }
        }
    }

    /// No more items will come; `take` returns what is left, then nil.
    func finish() {
        let (consumer, group) = state.withLock { state in
            state.finished = true
            defer {
                state.consumer = nil
                state.group = nil
            }
            return (state.consumer, state.group?.continuation)
        }
        consumer?.resume()
        group?.resume()
    }

    /// The next group of at most `maxItems` items, in arrival order: waits for a first item, then
    /// up to `window` for more (ending early when the group is full or the input finished). Nil
    /// when the input finished and nothing is left.
    ///
    /// The window is one timer and a wake-up from `put`/`finish`, not a poll: polling every few
    /// milliseconds woke two threads ~200 times a second for the whole run, each wake-up taking a
    /// core from the embedder workers.
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
        await waitForGroup(of: maxItems, until: ContinuousClock.now.advanced(by: window))
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

    /// Returns once `size` items wait, the input finished, or `deadline` passed.
    private func waitForGroup(of size: Int, until deadline: ContinuousClock.Instant) async {
        var timer: Task<Void, Never>?
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let id: Int? = state.withLock { state in
                if state.items.count >= size || state.finished { return nil }
                let id = state.nextGroupID
                state.nextGroupID += 1
                state.group = (id, size, continuation)
                return id
            }
            guard let id else {
                continuation.resume()
                return
            }
            timer = Task { [self] in
                try? await Task.sleep(until: deadline, clock: .continuous)
                let expired = state.withLock { state -> CheckedContinuation<Void, Never>? in
                    guard let waiting = state.group, waiting.id == id else { return nil }
                    state.group = nil
                    return waiting.continuation
                }
                expired?.resume()
            }
        }
        timer?.cancel()
    }
}
