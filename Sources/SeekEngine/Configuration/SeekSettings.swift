import Foundation
import SeekEmbedding

/// Every setting of a Seek run, resolved in one place: CLI flags, then environment variables
/// (SEEK_INDEX, SEEK_MODEL_DIR, SEEK_CONFIG...), then the configuration file, then the documented
/// defaults of each module's configuration struct.
public struct SeekSettings: Sendable {
    /// The index directory (default `./.seek`).
    public var indexDirectory: URL
    public var modelStore: ModelStoreConfiguration
    public var embedding: EmbeddingConfiguration
    /// The configuration file that was applied, if any.
    public var configurationFile: String?

    public static let defaultIndexDirectory = ".seek"

    public static func resolve(_ flags: CommandLineSettings = CommandLineSettings(),
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SeekSettings {
        let indexPath = flags.indexDirectory ?? environment["SEEK_INDEX"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultIndexDirectory
        let indexDirectory = URL(fileURLWithPath: indexPath).standardizedFileURL
        let file = try loadFile(flags: flags, environment: environment, indexDirectory: indexDirectory)

        var modelStore = ModelStoreConfiguration.fromEnvironment(environment)
        if let directory = flags.modelDirectory ?? environment["SEEK_MODEL_DIR"].flatMap({ $0.isEmpty ? nil : $0 }) ?? file.modelDirectory {
            modelStore.explicitDirectory = URL(fileURLWithPath: directory).standardizedFileURL
        }

        var embedding = EmbeddingConfiguration()
        if let threads = try flags.threads ?? file.int("embedding", "threads") { embedding.threads = threads }
        if let batch = try flags.batchSize ?? file.int("embedding", "batch_size") { embedding.batchSize = batch }
        if let tokens = try file.int("embedding", "max_batch_tokens") { embedding.maxBatchTokens = tokens }
        embedding = try embedding.validated()

        return SeekSettings(indexDirectory: indexDirectory, modelStore: modelStore, embedding: embedding,
                            configurationFile: file.path)
    }

    /// `--config` / SEEK_CONFIG (must exist), else `<index>/config.json`, else
    /// `$XDG_CONFIG_HOME/seek/config.json` (each optional).
    static func loadFile(flags: CommandLineSettings, environment: [String: String], indexDirectory: URL) throws -> ConfigurationFile {
        if let explicit = flags.configPath ?? environment["SEEK_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try ConfigurationFile.load(from: URL(fileURLWithPath: explicit))
        }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        for candidate in [indexDirectory.appendingPathComponent("config.json"), configHome.appendingPathComponent("seek/config.json")]
        where FileManager.default.fileExists(atPath: candidate.path) {
            return try ConfigurationFile.load(from: candidate)
        }
        return ConfigurationFile()
    }
}
