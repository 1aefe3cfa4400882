/// What the user gave on the command line; nil means "not given" (the file or the default applies).
public struct CommandLineSettings: Sendable, Equatable {
    public var indexDirectory: String?
    public var configPath: String?
    public var modelDirectory: String?
    public var threads: Int?
    public var batchSize: Int?

    public init(indexDirectory: String? = nil, configPath: String? = nil, modelDirectory: String? = nil,
                threads: Int? = nil, batchSize: Int? = nil) {
        self.indexDirectory = indexDirectory
        self.configPath = configPath
        self.modelDirectory = modelDirectory
        self.threads = threads
        self.batchSize = batchSize
    }
}
