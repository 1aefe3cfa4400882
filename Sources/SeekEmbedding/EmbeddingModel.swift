import Foundation
import SeekKernels

/// A loaded model: verified files, tokenizer and memory-mapped weights. Load once per process.
public struct EmbeddingModel: Sendable {
    public let files: ModelFiles
    public let tokenizer: WordPieceTokenizer
    public let weights: BertWeights

    public var identity: ModelIdentity { files.identity }

    /// The precision the linear layers compute in.
    public var precision: ComputePrecision { weights.precision }

    /// Loads the model with its linear layers prepared for `precision` (a concrete mode: resolve
    /// `EmbeddingPrecision` first, which falls back on CPUs without the instructions).
    public init(files: ModelFiles, precision: ComputePrecision = .fp32) throws {
        let configuration = try BertConfiguration(contentsOf: files.configURL)
        guard configuration.hiddenSize == files.identity.dimension else {
            throw EmbeddingError.invalidFile(
                path: files.configURL.path, reason: "hidden_size is \(configuration.hiddenSize), expected \(files.identity.dimension)",
                hint: "Run `seek model fetch --force`.")
        }
        self.files = files
        tokenizer = try WordPieceTokenizer(
            contentsOf: files.tokenizerURL, maxTokens: files.identity.maxTokens, vocabularyCacheDirectory: files.vocabularyCacheDirectory)
        let file = try SafetensorsFile(path: files.weightsURL.path)
        let peaks = precision == .int8
            ? try Int8Calibration.peaks(file: file, configuration: configuration, tokenizer: tokenizer, weightsSHA256: files.weightsSHA256,
                                        cache: files.int8CalibrationCacheDirectory.map(Int8CalibrationCache.init(directory:)))
            : nil
        weights = try BertWeights(file: file, configuration: configuration, precision: precision, peaks: peaks)
    }
}
