import Foundation
import Logging
import SeekCore

/// Finds and fetches cross-encoder rerankers (`seek model fetch --reranker [NAME]`).
///
/// A reranker is a hub repository (default cross-encoder/ms-marco-MiniLM-L-6-v2) downloaded into
/// `<cache root>/rerankers/<owner>--<name>`. No digest is known in advance, so the first fetch
/// records one: the files are downloaded into a staging folder, must load as a cross-encoder,
/// and the weights' SHA-256, size and modification time are written to `seek-reranker.json`
/// before the folder is renamed into place. Every later load checks the weights against that
/// record (size and time first; the digest again when they changed) and refuses a file that
/// no longer matches.
public struct RerankerStore: Sendable {
    /// The reranker Seek fetches when none is named.
    public static let defaultName = "cross-encoder/ms-marco-MiniLM-L-6-v2"
    /// The record beside the files.
    public static let recordFile = "seek-reranker.json"
    static let requiredFiles = [ModelIdentity.configFile, ModelIdentity.tokenizerFile, ModelIdentity.weightsFile]
    static let optionalFiles = ["tokenizer_config.json", "special_tokens_map.json", "vocab.txt"]

    public let configuration: ModelStoreConfiguration
    let logger = Logger(label: "seek.model")

    public init(configuration: ModelStoreConfiguration) {
        self.configuration = configuration
    }

    /// Where reranker `name` lives in the cache.
    /// - Throws: `EmbeddingError.invalidInput` for a name that is not `owner/name` of letters,
    ///   digits, `.`, `_` and `-`.
    public func directory(name: String) throws -> URL {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && $0.unicodeScalars.allSatisfy(allowed.contains) }) else {
            throw EmbeddingError.invalidInput(reason: "'\(name)' is not a hub model name such as \(Self.defaultName)")
        }
        return configuration.cacheRoot.appendingPathComponent("rerankers").appendingPathComponent(parts.joined(separator: "--"))
    }

    /// The installed reranker `name`, checked against its record.
    /// - Throws: `EmbeddingError.missingFile` (with the fetch command) when it is not installed,
    ///   `EmbeddingError.invalidFile` when its weights changed since the fetch.
    public func resolve(name: String) throws -> RerankerFiles {
        let folder = try directory(name: name)
        let recordURL = folder.appendingPathComponent(Self.recordFile)
        guard let data = try? Data(contentsOf: recordURL), let record = try? JSONDecoder().decode(RerankerFiles.self, from: data) else {
            throw EmbeddingError.missingFile(
                path: folder.path, hint: "No reranker \(name) is installed: run `seek model fetch --reranker \(name)`.")
        }
        let weights = folder.appendingPathComponent(ModelIdentity.weightsFile)
        let (bytes, modified) = try Self.sizeAndTime(of: weights)
        if bytes == record.bytes, modified == record.modificationTime { return record.located(at: folder) }
        let digest = try ContentHash.sha256Hex(fileAt: weights)
        guard digest == record.sha256 else {
            throw EmbeddingError.invalidFile(
                path: weights.path, reason: "SHA-256 is \(digest), but \(record.sha256) was recorded when it was fetched",
                hint: "Run `seek model fetch --reranker \(name) --force` to download it again.")
        }
        return record.located(at: folder)
    }

    /// Downloads reranker `name` from the hub (again with `force`), checks that it loads as a
    /// cross-encoder, records its digest, and installs it.
    /// - Throws: `EmbeddingError.fetchFailed` when the hub cannot provide it, or the loading error.
    public func fetch(name: String, force: Bool) async throws -> RerankerFiles {
        let folder = try directory(name: name)
        if !force, let installed = try? resolve(name: name) { return installed }
        let parent = folder.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".staging-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            try await ModelStore.downloadFromHub(repository: name, requiredFiles: Self.requiredFiles, optionalFiles: Self.optionalFiles,
                                                 configuration: configuration, into: staging, logger: logger)
        } catch {
            throw EmbeddingError.fetchFailed(attempts: ["model hub (\(configuration.hubEndpoint.absoluteString)): \(error)"])
        }
        _ = try CrossEncoder(modelDirectory: staging)
        let weights = staging.appendingPathComponent(ModelIdentity.weightsFile)
        let (bytes, modified) = try Self.sizeAndTime(of: weights)
        let record = RerankerFiles(name: name, directory: folder.path, sha256: try ContentHash.sha256Hex(fileAt: weights), bytes: bytes,
                                   modificationTime: modified, fetchedAt: ISO8601DateFormatter().string(from: Date()))
        try JSONEncoder().encode(record).write(to: staging.appendingPathComponent(Self.recordFile), options: .atomic)
        if FileManager.default.fileExists(atPath: folder.path) {
            let old = parent.appendingPathComponent(".old-\(UUID().uuidString)")
            try FileManager.default.moveItem(at: folder, to: old)
            try? FileManager.default.removeItem(at: old)
        }
        try FileManager.default.moveItem(at: staging, to: folder)
        logger.info("reranker fetched", metadata: ["name": "\(name)", "path": "\(folder.path)"])
        return record
    }

    private static func sizeAndTime(of url: URL) throws -> (Int, Double) {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: url.path) } catch {
            throw EmbeddingError.missingFile(path: url.path, hint: "Run `seek model fetch --reranker --force` to download it again.")
        }
        return ((attributes[.size] as? NSNumber)?.intValue ?? 0, (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
    }
}
