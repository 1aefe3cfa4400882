/// What the user gave on the command line; nil means "not given" (the file or the default applies).
public struct CommandLineSettings: Sendable, Equatable {
    public var indexDirectory: String?
    public var configPath: String?
    public var modelDirectory: String?
    public var threads: Int?
    public var batchSize: Int?
    /// `--precision` (auto, fp32, bf16, int8), as typed: `SeekSettings.resolve` checks it.
    public var precision: String?
    /// `--gemm` (auto, openblas, onednn, reference), as typed: `SeekSettings.resolve` checks it.
    public var gemm: String?
    /// `seek index` flags.
    public var maxFileMB: Int?
    public var includeHidden: Bool?
    public var followSymlinks: Bool?
    public var overlapTokens: Int?
    public var retryFailed: Bool?
    public var inProcess: Bool?
    public var workers: Int?
    /// `seek watch` flags.
    public var debounceMilliseconds: Int?
    /// `--no-ocr` (false); nil leaves OCR to the configuration file.
    public var ocrEnabled: Bool?
    /// `seek search` flags.
    public var searchK: Int?
    public var searchMode: String?
    /// `--rerank` of `seek search` and `seek eval`.
    public var rerank: String?
    /// `--rerank-depth` of `seek search` and `seek eval`.
    public var rerankDepth: Int?
    /// `--store`: `sqlite` or a `postgres://` URL.
    public var store: String?

    public init(indexDirectory: String? = nil, configPath: String? = nil, modelDirectory: String? = nil,
                threads: Int? = nil, batchSize: Int? = nil) {
        self.indexDirectory = indexDirectory
        self.configPath = configPath
        self.modelDirectory = modelDirectory
        self.threads = threads
        self.batchSize = batchSize
    }
}
