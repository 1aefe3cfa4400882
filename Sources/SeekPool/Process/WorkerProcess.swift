import Dispatch
import Foundation
import Synchronization

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// One running worker process seen from the pool: its pid, the write end of its standard input
/// and the read end of its standard output.
///
/// A dedicated reader thread reads frames until the worker's output ends, then reaps the process
/// (so there are never zombies) and reports how it ended. Writes go through a serial queue of
/// their own, so a full pipe never blocks the caller; a failed write (EPIPE when the worker is
/// gone) is reported, never fatal. `kill` is safe at any time: it never signals a reaped pid.
@_spi(Testing) public final class WorkerProcess: Sendable {
    /// What the reader thread reports, in order; `exited` is always the last event.
    enum Event: Sendable {
        case message(WorkerMessage)
        /// The output broke the protocol; the reader discards the rest until the process ends.
        case protocolError(WorkerProtocolError)
        case exited(TerminationStatus)
    }

    let pid: Int32
    private let input: FileDescriptor
    private let output: FileDescriptor
    private let writeQueue: DispatchQueue
    /// Whether the process has been reaped; `kill` and the reaper both hold this lock.
    private let reaped = Mutex(false)
    /// Whether standard input was closed (nothing is written after that).
    private let inputClosed = Mutex(false)

    private init(pid: Int32, input: FileDescriptor, output: FileDescriptor) {
        self.pid = pid
        self.input = input
        self.output = output
        writeQueue = DispatchQueue(label: "seek.pool.worker.\(pid).input")
    }

    /// A process object for `pid` with no process behind it, for tests of the pool's state machine
    /// (which only stores process objects and hands them back in its actions). Writing to it
    /// fails (EBADF); never `kill` it.
    @_spi(Testing) public convenience init(unstartedPID pid: Int32) {
        self.init(pid: pid, input: FileDescriptor(rawValue: -1), output: FileDescriptor(rawValue: -1))
    }

    /// Starts `command` with pipes on its standard input and output, from the process's spawner
    /// thread (so the worker's parent-death signal fires only when this process dies).
    /// - Throws: `PoolError.spawnFailed` when the pipes or the process cannot be created.
    static func spawn(command: [String], environment: [String: String]) throws(PoolError) -> WorkerProcess {
        ProcessSpawner.ignoreBrokenPipeSignal()
        let result = SpawnerThread.shared.run { () -> Result<WorkerProcess, PoolError> in
            // Pipes and spawn under one lock: no child of ours can inherit another worker's pipe.
            ProcessSpawner.spawnLock.withLock { _ in
                Result { () throws(PoolError) in try spawnUnlocked(command: command, environment: environment) }
            }
        }
        return try result.get()
    }

    private static func spawnUnlocked(command: [String], environment: [String: String]) throws(PoolError) -> WorkerProcess {
        let toWorker: (read: FileDescriptor, write: FileDescriptor)
        let fromWorker: (read: FileDescriptor, write: FileDescriptor)
        do {
            toWorker = try FileDescriptor.pipe()
        } catch {
            throw .spawnFailed(command: command.joined(separator: " "), reason: error.description)
        }
        do {
            fromWorker = try FileDescriptor.pipe()
        } catch {
            toWorker.read.close()
            toWorker.write.close()
            throw .spawnFailed(command: command.joined(separator: " "), reason: error.description)
        }
        defer {
            // The child holds its own copies; the parent keeps only its two ends.
            toWorker.read.close()
            fromWorker.write.close()
        }
        do {
            let pid = try ProcessSpawner.spawn(command: command, environment: environment,
                                               standardInput: toWorker.read, standardOutput: fromWorker.write)
            return WorkerProcess(pid: pid, input: toWorker.write, output: fromWorker.read)
        } catch {
            toWorker.write.close()
            fromWorker.read.close()
            throw error
        }
    }

    /// Starts the reader thread; `handler` receives every event on that thread, `exited` last.
    func startReading(_ handler: @escaping @Sendable (Event) -> Void) {
        let thread = Thread { [self] in
            readUntilExit(handler)
        }
        thread.name = "seek.pool.reader.\(pid)"
        thread.start()
    }

    /// Queues `message` for the worker's standard input, encoded on the write queue (so callers
    /// holding a lock only queue it); `onFailure` gets the write error.
    func send(_ message: WorkerMessage, onFailure: @escaping @Sendable (WorkerProtocolError) -> Void) {
        writeQueue.async { [self] in
            guard !inputClosed.withLock({ $0 }) else { return }
            do throws(WorkerProtocolError) {
                try input.writeAll(WorkerProtocol.encode(message))
            } catch {
                onFailure(error)
            }
        }
    }

    /// Closes the worker's standard input after the queued writes: a worker exits on this EOF.
    func closeInput() {
        writeQueue.async { [self] in
            let wasClosed = inputClosed.withLock { closed in
                defer { closed = true }
                return closed
            }
            if !wasClosed { input.close() }
        }
    }

    /// SIGKILL, unless the process has already been reaped (its pid may belong to another by then).
    func kill() {
        reaped.withLock { isReaped in
            if !isReaped { _ = systemKill(pid, SIGKILL) }
        }
    }

    private func readUntilExit(_ handler: @Sendable (Event) -> Void) {
        var reader = FrameReader(source: output)
        do {
            while let message = try reader.next() {
                handler(.message(message))
            }
        } catch {
            handler(.protocolError(error))
            drain()
        }
        output.close()
        handler(.exited(reap()))
        closeInput()
    }

    /// Reads and drops output until the process closes it.
    private func drain() {
        var scratch = [UInt8](repeating: 0, count: 64 << 10)
        while let count = try? output.read(into: &scratch, offset: 0, count: scratch.count), count > 0 {}
    }

    /// Waits for the process to end without reaping it, then reaps it under the lock `kill` takes.
    private func reap() -> TerminationStatus {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        return reaped.withLock { isReaped in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            isReaped = true
            return TerminationStatus(waitStatus: status)
        }
    }
}

#if canImport(Darwin)
private let systemKill = Darwin.kill
#else
private let systemKill = Glibc.kill
#endif
