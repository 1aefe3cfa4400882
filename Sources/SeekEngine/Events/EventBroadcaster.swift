import Synchronization

/// The engine's one event stream, fanned out to any number of subscribers.
///
/// Publishing never blocks and never waits for a subscriber: each subscription has its own
/// bounded buffer. When a slow subscriber's buffer is full, its oldest progress event is dropped
/// first (a newer one says more); only when it holds no progress event is its oldest event
/// dropped. Each subscription counts what it lost (`EventSubscription.droppedCount`).
public final class EventBroadcaster: Sendable {
    private let subscriptions = Mutex<[ObjectIdentifier: EventSubscription]>([:])

    public init() {}

    /// A new subscription that receives every event published from now on, until it is
    /// cancelled or the broadcaster finishes. `bufferLimit` events wait at most (default 1,024).
    public func subscribe(bufferLimit: Int = 1024) -> EventSubscription {
        let subscription = EventSubscription(bufferLimit: max(1, bufferLimit)) { [weak self] id in
            _ = self?.subscriptions.withLock { $0.removeValue(forKey: id) }
        }
        subscriptions.withLock { $0[ObjectIdentifier(subscription)] = subscription }
        return subscription
    }

    /// Subscriptions open now.
    public var subscriberCount: Int { subscriptions.withLock { $0.count } }

    /// Hands `event` to every subscription (never blocks).
    package func publish(_ event: EngineEvent) {
        let targets = subscriptions.withLock { Array($0.values) }
        for subscription in targets { subscription.deliver(event) }
    }

    /// Ends every subscription: their iterators return nil once drained.
    package func finish() {
        let targets = subscriptions.withLock { subscriptions in
            defer { subscriptions.removeAll() }
            return Array(subscriptions.values)
        }
        for subscription in targets { subscription.finish() }
    }
}
