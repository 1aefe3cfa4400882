import Foundation
import Synchronization

/// Runs batches of token-id sequences on N encoder lanes in parallel. Sequences are sorted by
/// length (longest first, for balance) and grouped into batches of similar length; each lane takes
/// the next batch until none is left. Encoders (and their workspaces) are reused across calls.
final class EncoderLanes: Sendable {
    private let weights: BertWeights
    private let configuration: EmbeddingConfiguration
    /// Idle encoders; a lane takes one for the duration of a call.
    private let idle = Mutex<[BertEncoder]>([])

    init(weights: BertWeights, configuration: EmbeddingConfiguration) {
        self.weights = weights
        self.configuration = configuration
    }

    /// Embeddings in input order. `profile`, when given, receives the summed per-op time of all lanes.
    func encode(_ sequences: [[Int32]], profile: Bool) throws -> (vectors: [[Float]], profile: EncoderProfile?) {
        guard !sequences.isEmpty else { return ([], profile ? EncoderProfile() : nil) }
        let batches = Self.plan(lengths: sequences.map(\.count), configuration: configuration)
        let laneCount = min(configuration.threads, batches.count)
        let results = Mutex<[[Float]?]>(Array(repeating: nil, count: sequences.count))
        let nextBatch = Atomic<Int>(0)
        let failure = Mutex<Error?>(nil)
        let profiles = Mutex<EncoderProfile?>(profile ? EncoderProfile() : nil)

        DispatchQueue.concurrentPerform(iterations: laneCount) { _ in
            let encoder = takeEncoder()
            encoder.profile = profile ? EncoderProfile() : nil
            defer {
                if let laneProfile = encoder.profile { profiles.withLock { $0?.merge(laneProfile) } }
                returnEncoder(encoder)
            }
            while failure.withLock({ $0 == nil }) {
                let index = nextBatch.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < batches.count else { return }
                let members = batches[index]
                do {
                    let vectors = try encoder.encode(members.map { sequences[$0] })
                    results.withLock { slots in
                        for (member, vector) in zip(members, vectors) { slots[member] = vector }
                    }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let vectors = results.withLock { $0.map { $0! } }
        return (vectors, profiles.withLock { $0 })
    }

    /// Groups sequence indices into batches: sorted by length, longest first, at most `batchSize`
    /// sequences and `maxBatchTokens` tokens each; small inputs are split so every lane gets work.
    static func plan(lengths: [Int], configuration: EmbeddingConfiguration) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        let perLane = (lengths.count + configuration.threads - 1) / configuration.threads
        let batchSize = max(1, min(configuration.batchSize, perLane))
        var batches: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        for index in order {
            if !current.isEmpty, current.count == batchSize || tokens + lengths[index] > configuration.maxBatchTokens {
                batches.append(current)
                current = []
                tokens = 0
            }
            current.append(index)
            tokens += lengths[index]
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    private func takeEncoder() -> BertEncoder {
        idle.withLock { $0.popLast() } ?? BertEncoder(weights: weights)
    }

    private func returnEncoder(_ encoder: BertEncoder) {
        encoder.profile = nil
        idle.withLock { $0.append(encoder) }
    }
}
