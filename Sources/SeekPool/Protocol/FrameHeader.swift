/// The validated 8-byte header of a frame (see `WorkerProtocol`).
public struct FrameHeader: Sendable, Equatable {
    /// What the payload holds.
    public let kind: WorkerMessage.Kind
    /// Payload size in bytes, at most `WorkerProtocol.maxPayloadBytes`.
    public let payloadBytes: Int

    /// Parses and checks a header: magic, version, known message type, payload size cap.
    /// - Throws: the `WorkerProtocolError` naming the first problem found.
    public init(_ bytes: some Collection<UInt8>) throws(WorkerProtocolError) {
        let header = Array(bytes)
        guard header.count == WorkerProtocol.headerBytes else {
            throw .truncated(expectedBytes: WorkerProtocol.headerBytes, receivedBytes: header.count)
        }
        guard header[0] == WorkerProtocol.magic[0], header[1] == WorkerProtocol.magic[1] else {
            throw .badMagic(Array(header[0..<2]))
        }
        guard header[2] == WorkerProtocol.version else {
            throw .unsupportedVersion(header[2])
        }
        guard let kind = WorkerMessage.Kind(rawValue: header[3]) else {
            throw .unknownMessageType(header[3])
        }
        var length = 0
        for index in 0..<4 { length |= Int(header[4 + index]) << (8 * index) }
        guard length <= WorkerProtocol.maxPayloadBytes else {
            throw .frameTooLarge(bytes: length, limit: WorkerProtocol.maxPayloadBytes)
        }
        self.kind = kind
        payloadBytes = length
    }
}
