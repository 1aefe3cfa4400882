extension WorkerMessage {
    /// Appends this message's payload (layouts on `WorkerMessage`).
    func encodePayload(into writer: inout PayloadWriter) {
        switch self {
        case .ready(let handshake):
            writer.append(handshake.pid)
            writer.append(UInt32(handshake.dimension))
            writer.append(UInt32(handshake.maxTokens))
            writer.append(UInt32(handshake.threads))
            writer.append(handshake.modelID)
            writer.append(handshake.precision)
            writer.append(handshake.gemm)
        case .embed(let request):
            writer.reserve(12 + 4 * request.sequences.count + 4 * request.tokenCount)
            writer.append(request.batchID)
            writer.append(UInt32(request.sequences.count))
            for sequence in request.sequences { writer.append(UInt32(sequence.count)) }
            for sequence in request.sequences {
                for id in sequence { writer.append(id) }
            }
        case .embedded(let response):
            let dimension = response.vectors.first?.count ?? 0
            writer.reserve(16 + 4 * response.vectors.count * (dimension + 1))
            writer.append(response.batchID)
            writer.append(UInt32(response.vectors.count))
            writer.append(UInt32(dimension))
            for count in response.tokenCounts { writer.append(UInt32(count)) }
            for vector in response.vectors {
                for value in vector { writer.append(value) }
            }
        case .failed(let batchID, let message):
            writer.append(batchID)
            writer.append(message)
        }
    }

    /// Decodes a payload of type `kind`, validating every count against the bytes present.
    static func decode(kind: Kind, payload: [UInt8]) throws(WorkerProtocolError) -> WorkerMessage {
        var reader = PayloadReader(payload, kind: kind.description)
        let message: WorkerMessage
        switch kind {
        case .ready:
            let pid = try reader.int32("pid")
            let dimension = try reader.count("dimension", limit: WorkerProtocol.maxDimension)
            let maxTokens = try reader.count("max tokens", limit: WorkerProtocol.maxSequenceTokens)
            let threads = try reader.count("threads", limit: 4096)
            let modelID = try reader.string("model id")
            let precision = try reader.string("precision")
            let gemm = try reader.string("gemm")
            message = .ready(WorkerHandshake(pid: pid, modelID: modelID, dimension: dimension, maxTokens: maxTokens, threads: threads,
                                             precision: precision, gemm: gemm))
        case .embed:
            let batchID = try reader.uint64("batch id")
            let count = try reader.count("sequence count", limit: WorkerProtocol.maxSequences)
            try reader.require(4 * count, for: "\(count) sequence lengths")
            var lengths: [Int] = []
            lengths.reserveCapacity(count)
            for index in 0..<count {
                lengths.append(try reader.count("length of sequence \(index)", limit: WorkerProtocol.maxSequenceTokens))
            }
            let total = lengths.reduce(0, +)
            guard total * 4 == reader.remaining else {
                throw reader.malformed("the lengths add up to \(total) token ids (\(total * 4) bytes), \(reader.remaining) bytes follow")
            }
            var sequences: [[Int32]] = []
            sequences.reserveCapacity(count)
            for length in lengths { sequences.append(try reader.int32Array(count: length, "token ids")) }
            message = .embed(EmbedRequest(batchID: batchID, sequences: sequences))
        case .embedded:
            let batchID = try reader.uint64("batch id")
            let count = try reader.count("vector count", limit: WorkerProtocol.maxSequences)
            let dimension = try reader.count("dimension", limit: WorkerProtocol.maxDimension)
            guard count == 0 || dimension > 0 else { throw reader.malformed("\(count) vectors of dimension 0") }
            guard 4 * count * (dimension + 1) == reader.remaining else {
                throw reader.malformed("\(count) vectors of dimension \(dimension) need \(4 * count * (dimension + 1)) bytes, \(reader.remaining) follow")
            }
            var tokenCounts: [Int] = []
            tokenCounts.reserveCapacity(count)
            for index in 0..<count {
                tokenCounts.append(try reader.count("token count of vector \(index)", limit: WorkerProtocol.maxSequenceTokens))
            }
            var vectors: [[Float]] = []
            vectors.reserveCapacity(count)
            for _ in 0..<count { vectors.append(try reader.floatArray(count: dimension, "vector")) }
            message = .embedded(EmbedResponse(batchID: batchID, tokenCounts: tokenCounts, vectors: vectors))
        case .failed:
            let batchID = try reader.uint64("batch id")
            message = .failed(batchID: batchID, message: try reader.string("message"))
        }
        try reader.finish()
        return message
    }
}
