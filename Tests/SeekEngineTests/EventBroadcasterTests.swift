import Foundation
import SeekEngine
import Testing

/// The engine's event stream: every subscriber gets every event in order; a slow one loses old
/// progress events first and never blocks publishing.
struct EventBroadcasterTests {
    static func progress(_ files: Int) -> EngineEvent {
        .runProgress(run: IndexRunID(1), progress: IndexingProgress(filesFound: files))
    }

    @Test func everySubscriberGetsEveryEventInOrder() async throws {
        let broadcaster = EventBroadcaster()
        let first = broadcaster.subscribe(), second = broadcaster.subscribe()
        let events: [EngineEvent] = [.warning(message: "a"), Self.progress(1), .fileRemoved(run: IndexRunID(1), path: "/x")]
        for event in events { broadcaster.publish(event) }
        broadcaster.finish()
        var received: [[EngineEvent]] = [[], []]
        for await event in first { received[0].append(event) }
        for await event in second { received[1].append(event) }
        #expect(received == [events, events])
    }

    @Test func aSlowSubscriberDropsOldProgressFirstAndPublishingNeverWaits() async throws {
        let broadcaster = EventBroadcaster()
        let slow = broadcaster.subscribe(bufferLimit: 4)
        broadcaster.publish(.warning(message: "keep me"))
        for files in 1...100 { broadcaster.publish(Self.progress(files)) }
        broadcaster.publish(.fileRemoved(run: IndexRunID(1), path: "/keep"))
        broadcaster.finish()
        var received: [EngineEvent] = []
        for await event in slow { received.append(event) }
        // Old progress went first: the other events and the newest progress are kept.
        #expect(received == [.warning(message: "keep me"), Self.progress(99), Self.progress(100), .fileRemoved(run: IndexRunID(1), path: "/keep")])
        #expect(slow.droppedCount == 98)
    }

    @Test func cancellingASubscriptionEndsItsSequenceAndRemovesIt() async throws {
        let broadcaster = EventBroadcaster()
        let subscription = broadcaster.subscribe()
        #expect(broadcaster.subscriberCount == 1)
        let consumer = Task { () -> Int in
            var count = 0
            for await _ in subscription { count += 1 }
            return count
        }
        broadcaster.publish(.warning(message: "one"))
        subscription.cancel()
        broadcaster.publish(.warning(message: "after the cancel"))
        #expect(await consumer.value <= 1)
        #expect(broadcaster.subscriberCount == 0)
    }

    @Test func cancellingTheIteratingTaskEndsTheWait() async throws {
        let broadcaster = EventBroadcaster()
        let subscription = broadcaster.subscribe()
        let consumer = Task { () -> Bool in
            for await _ in subscription { return false }
            return true
        }
        consumer.cancel()
        #expect(await consumer.value)
    }

    @Test func eventsEncodeWithTheirNameAndFields() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let indexed = String(decoding: try encoder.encode(EngineEvent.fileIndexed(run: IndexRunID(3), path: "/n/a.md", chunks: 4)), as: UTF8.self)
        #expect(indexed == #"{"chunks":4,"event":"indexed","path":"\/n\/a.md","run":3}"#)
        let ready = String(decoding: try encoder.encode(EngineEvent.watchReady(WatchReady(roots: ["/n"], directories: 2, degradedRoots: []))),
                           as: UTF8.self)
        #expect(ready == #"{"degraded_roots":[],"directories":2,"event":"ready","roots":["\/n"]}"#)
    }
}
