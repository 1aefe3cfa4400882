import Foundation
import SeekKernels

/// How the embedding engine runs. Defaults suit a laptop; `seek` resolves CLI flags over the
/// config file over these defaults in one place.
public struct EmbeddingConfiguration: Sendable, Equatable, Codable {
    /// Encoder lanes (threads) that embed batches in parallel, each with single-threaded BLAS.
    /// Default: the number of active processors.
    public var threads: Int
    /// Texts per forward pass of one lane. Default 32.
    public var batchSize: Int
    /// Upper bound on the tokens of one forward pass, which bounds each lane's workspace
    /// (about 15 KB per token, plus 6 MB). Default 2,048.
    public var maxBatchTokens: Int
    /// The precision of the linear layers (`--precision`, config `embedding.precision`).
    /// Default `fp32`: exact, and what existing indexes were embedded with.
    public var precision: EmbeddingPrecision
    /// Which library computes fp32 products (`--gemm`, config `embedding.gemm`). Default `auto`:
    /// the faster of those that pass their known-answer check here.
    public var gemm: GEMMPreference

    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 32, maxBatchTokens: Int = 2048,
                precision: EmbeddingPrecision = .fp32, gemm: GEMMPreference = .auto) {
        self.threads = threads
        self.batchSize = batchSize
        self.maxBatchTokens = maxBatchTokens
        self.precision = precision
        self.gemm = gemm
    }

    /// Throws when a value cannot work.
    public func validated() throws -> EmbeddingConfiguration {
        guard threads >= 1, threads <= 256 else { throw EmbeddingError.invalidInput(reason: "threads must be 1...256, not \(threads)") }
        guard batchSize >= 1 else { throw EmbeddingError.invalidInput(reason: "batch size must be at least 1, not \(batchSize)") }
        guard maxBatchTokens >= 512 else { throw EmbeddingError.invalidInput(reason: "max batch tokens must be at least 512, not \(maxBatchTokens)") }
        return self
    }
}
