#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import MCP

/// MCP over standard input and output: one JSON-RPC message per line in each direction.
///
/// Written here rather than using the SDK's `StdioTransport` because that one makes standard
/// input non-blocking and, whenever no byte is waiting, sleeps 10 ms before it looks again: an
/// agent that sends its next call right after reading an answer waits up to 10 ms on every call
/// (about 10 ms of a 40 ms search call, measured). This transport blocks a thread of its own in
/// `read(2)`, so a line is handed to the server the moment it arrives.
///
/// Contract: `receive()` yields each non-empty line without its newline, in order; it finishes at
/// end of input (a last line without a newline is still delivered) or on a read error (logged).
/// A line longer than `maxMessageBytes` is dropped with an error in the log, and reading goes on
/// at the next line. `send(_:)` writes the whole message and a newline, or throws (`EPIPE` when
/// the client has gone; SIGPIPE is ignored by the process). The reading thread works on its own
/// duplicate of `input`, so the caller may close its descriptor at any time without the thread
/// ever reading a descriptor number the process has since reused. (`output` is used as given:
/// a duplicate would keep the pipe open after its owner closed it, and the peer would never see
/// the end of its input.)
public actor StandardIOTransport: Transport {
    /// The longest line accepted: 16 MiB (the largest tool call an agent sends is far smaller).
    public static let maxMessageBytes = 16 << 20

    public nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let messages: AsyncThrowingStream<Data, any Error>
    private let sink: AsyncThrowingStream<Data, any Error>.Continuation
    private var isConnected = false

    /// A transport on `input` and `output` (standard input and output by default).
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, logger: Logger = Logger(label: "seek.mcp.stdio")) {
        self.input = input
        self.output = output
        self.logger = logger
        (messages, sink) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    /// Starts the reading thread (once). The thread reads a duplicate of `input` that it closes
    /// when it ends, so whoever owns `input` may close it at any time.
    /// - Throws: `MCPError.transportError` when `input` cannot be duplicated.
    public func connect() async throws {
        guard !isConnected else { return }
        signal(SIGPIPE, SIG_IGN)
        let readDescriptor = fcntl(input, F_DUPFD_CLOEXEC, 0)
        guard readDescriptor >= 0 else { throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EBADF)) }
        isConnected = true
        let sink = sink, logger = logger
        let reader = Thread {
            Self.readLines(from: readDescriptor, into: sink, logger: logger)
            close(readDescriptor)
        }
        reader.name = "seek.mcp.stdin"
        reader.start()
    }

    /// Stops delivering messages; the server sees the end of its stream.
    public func disconnect() async {
        guard isConnected else { return }
        isConnected = false
        sink.finish()
    }

    /// Writes `data` and a newline, all of it.
    /// - Throws: `MCPError.transportError` when not connected or when the write fails.
    public func send(_ data: Data) async throws {
        guard isConnected else { throw MCPError.transportError(POSIXError(.ENOTCONN)) }
        var line = data
        line.append(UInt8(ascii: "\n"))
        let output = output
        let failure: Int32? = line.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let written = write(output, raw.baseAddress! + offset, raw.count - offset)
                if written >= 0 {
                    offset += written
                    continue
                }
                let code = errno
                if code == EINTR { continue }
                // Someone else made the descriptor non-blocking: wait until it can take more.
                if code == EAGAIN || code == EWOULDBLOCK, Self.wait(for: output, events: Int16(POLLOUT)) { continue }
                return code
            }
            return nil
        }
        if let failure {
            throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO))
        }
    }

    /// The messages received, one per line.
    public func receive() -> AsyncThrowingStream<Data, any Error> { messages }

    /// Blocking read loop (on its own thread): splits the input into lines and yields them.
    private static func readLines(from input: Int32, into sink: AsyncThrowingStream<Data, any Error>.Continuation, logger: Logger) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var pending: [UInt8] = []
        var discarding = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if count == 0 { break }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK, wait(for: input, events: Int16(POLLIN)) { continue }
                logger.error("cannot read standard input; the MCP session ends", metadata: ["error": "\(String(cString: strerror(code)))"])
                break
            }
            var start = 0
            while let newline = buffer[start..<count].firstIndex(of: UInt8(ascii: "\n")) {
                if !discarding {
                    pending.append(contentsOf: buffer[start..<newline])
                    if pending.count > maxMessageBytes {
                        logger.error("a message line is longer than \(maxMessageBytes) bytes; it is dropped")
                    } else if !pending.isEmpty {
                        sink.yield(Data(pending))
                    }
                }
                pending.removeAll(keepingCapacity: true)
                discarding = false
                start = newline + 1
            }
            guard !discarding else { continue }
            pending.append(contentsOf: buffer[start..<count])
            if pending.count > maxMessageBytes {
                logger.error("a message line is longer than \(maxMessageBytes) bytes; it is dropped")
                pending.removeAll()
                discarding = true
            }
        }
        if !pending.isEmpty, !discarding { sink.yield(Data(pending)) }
        sink.finish()
    }

    /// Waits until `descriptor` is ready for `events`; false when it cannot be polled.
    private static func wait(for descriptor: Int32, events: Int16) -> Bool {
        var request = pollfd(fd: descriptor, events: events, revents: 0)
        while true {
            let ready = poll(&request, 1, -1)
            if ready > 0 { return true }
            if ready < 0, errno == EINTR { continue }
            return false
        }
    }
}
