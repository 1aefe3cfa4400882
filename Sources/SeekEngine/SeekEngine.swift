import Foundation
import Logging
import SeekCore
import SeekEmbedding
import Synchronization

/// The facade the CLI and the servers talk to: resolved settings, the model (loaded once and kept
/// warm), and the operations built on them. Thread-safe.
public final class SeekEngine: Sendable {
    public static var version: String { SeekVersion.current }

    public let settings: SeekSettings
    private let loadedEmbedder = Mutex<Embedder?>(nil)
    let logger = Logger(label: "seek.engine")

    public init(settings: SeekSettings) {
        self.settings = settings
    }

    public var modelStore: ModelStore { ModelStore(configuration: settings.modelStore) }

    /// Verified model files, fetched into the cache first when absent.
    public func modelFiles(allowFetch: Bool = true) async throws -> ModelFiles {
        try await modelStore.resolve(allowFetch: allowFetch)
    }

    /// The embedder, loading the model on first use (never per query).
    public func embedder() async throws -> Embedder {
        if let embedder = loadedEmbedder.withLock({ $0 }) { return embedder }
        let files = try await modelFiles()
        let embedder = try Embedder(model: EmbeddingModel(files: files), configuration: settings.embedding)
        return loadedEmbedder.withLock { current in
            if let current { return current }
            current = embedder
            return embedder
        }
    }
}
