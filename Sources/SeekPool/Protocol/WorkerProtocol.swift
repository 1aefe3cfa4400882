/// The wire format between the pool and its `seek embedder-worker` processes.
///
/// Every message is one frame: an 8-byte header followed by `length` payload bytes.
///
/// | bytes | field |
/// |---|---|
/// | 0-1 | magic `"SK"` (0x53 0x4B) |
/// | 2 | protocol version (`version`) |
/// | 3 | message type (`WorkerMessage.Kind`) |
/// | 4-7 | payload length, UInt32 little-endian, at most `maxPayloadBytes` |
///
/// Payloads are little-endian (integers, IEEE-754 Float32 vectors); strings are UTF-8 with a
/// UInt32 byte count. The payload of each message type is documented on `WorkerMessage`.
/// Decoding validates every count against the bytes actually present before allocating, so a
/// garbage or hostile stream yields a `WorkerProtocolError`, never a crash or a huge allocation.
public enum WorkerProtocol {
    /// First two bytes of every frame.
    public static let magic: [UInt8] = [0x53, 0x4B]
    /// Version of this format; a peer speaking another version is refused.
    public static let version: UInt8 = 1
    /// Size of a frame header in bytes.
    public static let headerBytes = 8
    /// Largest payload accepted (64 MiB): a request of 4,096 sequences of 512 tokens is 8 MiB.
    public static let maxPayloadBytes = 64 << 20
    /// Most sequences in one request or response.
    public static let maxSequences = 65_536
    /// Most token ids in one sequence (the model accepts far fewer; the worker checks that).
    public static let maxSequenceTokens = 65_536
    /// Longest embedding accepted in a response.
    public static let maxDimension = 65_536
    /// Longest string (model id, error message) in bytes.
    public static let maxStringBytes = 1 << 20

    /// The complete frame (header and payload) of `message`.
    public static func encode(_ message: WorkerMessage) -> [UInt8] {
        var payload = PayloadWriter()
        message.encodePayload(into: &payload)
        var frame: [UInt8] = []
        frame.reserveCapacity(headerBytes + payload.bytes.count)
        frame.append(contentsOf: magic)
        frame.append(version)
        frame.append(message.kind.rawValue)
        let length = UInt32(payload.bytes.count)
        for shift in stride(from: 0, to: 32, by: 8) { frame.append(UInt8(truncatingIfNeeded: length >> UInt32(shift))) }
        frame.append(contentsOf: payload.bytes)
        return frame
    }

    /// Decodes the frame at the start of `bytes`, returning the message and the bytes it took.
    /// - Throws: `WorkerProtocolError.truncated` when `bytes` ends inside the frame, or the error
    ///   that names what is wrong with the header or payload.
    public static func decode(_ bytes: [UInt8]) throws(WorkerProtocolError) -> (message: WorkerMessage, consumed: Int) {
        guard bytes.count >= headerBytes else {
            throw .truncated(expectedBytes: headerBytes, receivedBytes: bytes.count)
        }
        let header = try FrameHeader(bytes[0..<headerBytes])
        let end = headerBytes + header.payloadBytes
        guard bytes.count >= end else {
            throw .truncated(expectedBytes: end, receivedBytes: bytes.count)
        }
        let message = try WorkerMessage.decode(kind: header.kind, payload: Array(bytes[headerBytes..<end]))
        return (message, end)
    }
}
