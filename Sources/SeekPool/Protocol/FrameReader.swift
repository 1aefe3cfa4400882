/// Reads whole frames from a stream (a pipe), blocking. Used by the worker on its standard input
/// and by the pool's reader thread on each worker's standard output.
public struct FrameReader {
    let source: FileDescriptor
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0

    /// Reads from the open descriptor `fileDescriptor` (which the caller keeps and closes).
    public init(fileDescriptor: Int32) {
        self.init(source: FileDescriptor(rawValue: fileDescriptor))
    }

    init(source: FileDescriptor, bufferBytes: Int = 64 << 10) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: bufferBytes)
    }

    /// The next message, or nil when the stream ends cleanly between frames.
    /// - Throws: `WorkerProtocolError.truncated` when it ends inside a frame, or the error of a
    ///   bad header, payload or read.
    public mutating func next() throws(WorkerProtocolError) -> WorkerMessage? {
        guard let headerBytes = try read(WorkerProtocol.headerBytes, allowCleanEnd: true) else { return nil }
        let header = try FrameHeader(headerBytes)
        let payload = try read(header.payloadBytes, allowCleanEnd: false) ?? []
        return try WorkerMessage.decode(kind: header.kind, payload: payload)
    }

    /// Exactly `count` bytes; nil when the stream ends before the first of them and `allowCleanEnd`.
    private mutating func read(_ count: Int, allowCleanEnd: Bool) throws(WorkerProtocolError) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            if start == end {
                start = 0
                end = try source.read(into: &buffer, offset: 0, count: buffer.count)
                if end == 0 {
                    if result.isEmpty && allowCleanEnd { return nil }
                    throw .truncated(expectedBytes: count, receivedBytes: result.count)
                }
            }
            let take = min(count - result.count, end - start)
            result.append(contentsOf: buffer[start..<start + take])
            start += take
        }
        return result
    }
}
