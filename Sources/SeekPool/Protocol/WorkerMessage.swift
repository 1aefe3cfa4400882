/// Every message of the worker protocol. Payload layouts (little-endian; see `WorkerProtocol`):
///
/// - `ready` (worker → pool, first frame): pid Int32, dimension UInt32, maxTokens UInt32,
///   threads UInt32, model id (UInt32 byte count + UTF-8), precision (UInt32 byte count + UTF-8:
///   fp32, bf16 or int8), GEMM summary (UInt32 byte count + UTF-8). Pool and workers are always
///   the same executable, so the layout changes without a version.
/// - `embed` (pool → worker): batchID UInt64, sequence count UInt32, one UInt32 length per
///   sequence, then all token ids as Int32, sequence after sequence.
/// - `embedded` (worker → pool): batchID UInt64, sequence count UInt32, dimension UInt32, one
///   UInt32 token count per sequence, then count × dimension Float32 values, vector after vector.
/// - `failed` (worker → pool): batchID UInt64, message (UInt32 byte count + UTF-8). The worker
///   could not embed the batch (e.g. a token id outside the vocabulary) and keeps serving.
public enum WorkerMessage: Sendable, Equatable {
    case ready(WorkerHandshake)
    case embed(EmbedRequest)
    case embedded(EmbedResponse)
    case failed(batchID: UInt64, message: String)

    /// The message type byte of the frame header.
    public enum Kind: UInt8, Sendable, CustomStringConvertible {
        case ready = 1
        case embed = 2
        case embedded = 3
        case failed = 4

        public var description: String {
            switch self {
            case .ready: "ready"
            case .embed: "embed"
            case .embedded: "embedded"
            case .failed: "failed"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .ready: .ready
        case .embed: .embed
        case .embedded: .embedded
        case .failed: .failed
        }
    }
}
