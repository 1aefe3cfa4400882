import Foundation
import Hummingbird
import SeekEngine
import ServiceLifecycle
import Synchronization

/// The /api/events stream: Server-Sent Events from the engine's event stream, each `event:` the
/// engine event's name and `data:` its JSON (the same objects `seek index --json` prints), after
/// a first `state` event; a `: heartbeat` comment every `heartbeatSeconds` keeps proxies and
/// browsers from timing out. The stream ends when the client goes away, the engine shuts down,
/// the server shuts down gracefully (`finishAll()`), or, with `until: "run"`, after the first
/// finished or failed run (for scripts that wait for a run).
final class ServerSentEvents: Sendable {
    private let open = Mutex<[UInt64: AsyncStream<ByteBuffer>.Continuation]>([:])
    private let nextID = Atomic<UInt64>(0)

    /// Streams open now.
    var openCount: Int { open.withLock { $0.count } }

    /// A body that sends `initial`, then each event of `subscription`, with heartbeats.
    func body(initial: ServerState, subscription: EventSubscription, heartbeatSeconds: Double, endsAfterRun: Bool) -> ResponseBody {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        open.withLock { $0[id] = continuation }
        continuation.yield(Self.frame(name: "state", initial))
        let events = Task {
            for await event in subscription {
                continuation.yield(Self.frame(name: event.name, event))
                if endsAfterRun, event.name == "run" || event.name == "run_failed" { break }
            }
            continuation.finish()
        }
        let heartbeats = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(heartbeatSeconds))
                if Task.isCancelled { break }
                continuation.yield(ByteBuffer(string: ": heartbeat\n\n"))
            }
        }
        continuation.onTermination = { [weak self] _ in
            events.cancel()
            heartbeats.cancel()
            subscription.cancel()
            _ = self?.open.withLock { $0.removeValue(forKey: id) }
        }
        return ResponseBody(asyncSequence: stream.cancelOnGracefulShutdown())
    }

    /// Ends every open stream (graceful shutdown: the server waits for open connections).
    func finishAll() {
        let continuations = open.withLock { open in
            defer { open.removeAll() }
            return Array(open.values)
        }
        for continuation in continuations { continuation.finish() }
    }

    /// One SSE frame: `event: name`, `data: json`, blank line (JSON has no raw newlines).
    static func frame<T: Encodable>(name: String, _ value: T) -> ByteBuffer {
        let json = (try? APIJSON.encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ByteBuffer(string: "event: \(name)\ndata: \(json)\n\n")
    }
}
