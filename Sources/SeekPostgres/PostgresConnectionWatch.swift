import NIOCore
import PostgresNIO
import Synchronization

/// Runs work on a pooled connection and ends it with an error the moment that connection closes
/// under it, instead of waiting forever.
///
/// Why this exists: postgres-nio (the version Seek builds with) writes each query to its channel
/// without a completion promise, so a query sent on a connection that the server has already
/// closed never completes. A server that crashed mid-transaction (a backend killed, the
/// postmaster restarting every session, a network cut seen by TCP) left an indexer waiting for a
/// reply that could not come, for ever. Through `run`, the caller gets
/// `PostgresConnectionClosed` as soon as the connection's close future completes; the stuck work
/// is abandoned in a task of its own (its connection is gone, so it holds no lease anyone waits
/// for, only a few hundred bytes).
///
/// One close callback per connection (not per call), so a connection that runs millions of
/// transactions does not pile up callbacks: calls register in `waiters` and remove themselves
/// when they end. Connection ids are unique within one `PostgresClient`: one watch per client.
package final class PostgresConnectionWatch: Sendable {
    private struct State {
        /// Connections whose close future has our callback.
        var watched = Set<Int>()
        /// Calls waiting on each connection, by token.
        var waiters: [Int: [UInt64: @Sendable () -> Void]] = [:]
        var nextToken: UInt64 = 0
    }

    private let state = Mutex(State())

    package init() {}

    /// Leases a connection of `client`, runs `body` on it and returns its result; throws
    /// `PostgresConnectionClosed` when the connection closes before `body` ends. Cancelling the
    /// calling task cancels `body`.
    package func run<Result: Sendable>(
        on client: PostgresClient, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let outcome = Outcome<Result>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
                outcome.start(continuation, task: Task {
                    do {
                        let value = try await client.withConnection { connection in
                            let token = self.onClose(of: connection) { outcome.finish(.failure(PostgresConnectionClosed())) }
                            defer { self.remove(token, of: connection) }
                            return try await body(connection)
                        }
                        outcome.finish(.success(value))
                    } catch {
                        outcome.finish(.failure(error))
                    }
                })
            }
        } onCancel: {
            outcome.cancel()
        }
    }

    /// Calls waiting on connections now (for tests: each call removes itself when it ends).
    package var waitingCalls: Int {
        state.withLock { $0.waiters.values.reduce(0) { $0 + $1.count } }
    }

    private func onClose(of connection: PostgresConnection, _ action: @escaping @Sendable () -> Void) -> UInt64 {
        let id = connection.id
        let (token, isNew) = state.withLock { state in
            let token = state.nextToken
            state.nextToken += 1
            state.waiters[id, default: [:]][token] = action
            return (token, state.watched.insert(id).inserted)
        }
        // A future that already completed runs the callback at once (on its event loop).
        if isNew {
            connection.closeFuture.whenComplete { _ in
                let actions = self.state.withLock { state in
                    state.watched.remove(id)
                    return state.waiters.removeValue(forKey: id).map { Array($0.values) } ?? []
                }
                for action in actions { action() }
            }
        }
        return token
    }

    private func remove(_ token: UInt64, of connection: PostgresConnection) {
        let id = connection.id
        state.withLock { state in
            state.waiters[id]?[token] = nil
            if state.waiters[id]?.isEmpty == true { state.waiters[id] = nil }
        }
    }
}

/// The one result of a watched call: the first of the body's end, the connection's close, or
/// cancellation resumes the caller; later ones are ignored.
private final class Outcome<Result: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result, any Error>?
        var task: Task<Void, Never>?
        var early: Swift.Result<Result, any Error>?
        var cancelled = false
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<Result, any Error>, task: Task<Void, Never>) {
        let (ready, cancelled): (Swift.Result<Result, any Error>?, Bool) = state.withLock { state in
            if let early = state.early { return (early, false) }
            state.continuation = continuation
            state.task = task
            return (nil, state.cancelled)
        }
        if let ready { continuation.resume(with: ready) }
        if cancelled { task.cancel() }
    }

    func finish(_ result: Swift.Result<Result, any Error>) {
        let continuation: CheckedContinuation<Result, any Error>? = state.withLock { state in
            guard let continuation = state.continuation else {
                if state.early == nil { state.early = result }
                return nil
            }
            state.continuation = nil
            state.early = result
            return continuation
        }
        continuation?.resume(with: result)
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}
