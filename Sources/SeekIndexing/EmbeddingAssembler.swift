import SeekEmbedding

/// Collects the vectors of each parsed file as batches come back (batches mix chunks of many
/// files), and hands a file to the writer once every chunk has its vector — or as failed, naming
/// the chunk, when the embedder could not embed one of them.
actor EmbeddingAssembler {
    /// One chunk of one registered file.
    struct ChunkRef: Sendable {
        let fileKey: Int
        let chunkIndex: Int
    }

    private struct PendingFile {
        let parsed: ParsedFile
        var vectors: [[Float]?]
        var remaining: Int
        var failure: String?
    }

    private var files: [Int: PendingFile] = [:]
    private var nextKey = 0

    /// Registers a file whose chunks at `missing` still need embedding (the others come from the
    /// cache). Returns its key, and its write item when nothing is missing.
    func register(_ parsed: ParsedFile, cached: [Int: [Float]], missing: [Int]) -> (key: Int, ready: WriteItem?) {
        let key = nextKey
        nextKey += 1
        var vectors = [[Float]?](repeating: nil, count: parsed.chunks.count)
        for (index, vector) in cached { vectors[index] = vector }
        if missing.isEmpty {
            return (key, .indexed(parsed, embeddings: vectors.map { $0! }))
        }
        files[key] = PendingFile(parsed: parsed, vectors: vectors, remaining: missing.count, failure: nil)
        return (key, nil)
    }

    /// Records one batch's outcomes; `refs[i]` lists every chunk that shares sequence i (same text).
    /// Returns the files now complete.
    func deliver(_ refs: [[ChunkRef]], _ outcomes: [EmbeddingOutcome]) -> [WriteItem] {
        var ready: [WriteItem] = []
        for (sharing, outcome) in zip(refs, outcomes) {
            for ref in sharing {
                guard var file = files[ref.fileKey] else { continue }
                switch outcome {
                case .vector(let vector):
                    file.vectors[ref.chunkIndex] = vector
                case .failed(let failure):
                    if file.failure == nil {
                        file.failure = failure.reason(chunk: file.parsed.chunks[ref.chunkIndex].ordinal)
                    }
                }
                file.remaining -= 1
                if file.remaining == 0 {
                    files[ref.fileKey] = nil
                    if let failure = file.failure {
                        ready.append(.unindexed(file.parsed.input, status: .failed, reason: failure))
                    } else {
                        ready.append(.indexed(file.parsed, embeddings: file.vectors.map { $0! }))
                    }
                } else {
                    files[ref.fileKey] = file
                }
            }
        }
        return ready
    }
}
