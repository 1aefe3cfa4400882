import SeekKernels

/// The weights of a BERT encoder, as zero-copy views into the mapped safetensors file.
/// In fp32 only the fused query/key/value projection is copied (3 × 384 × 384 floats per layer);
/// in bf16 and int8 every linear layer's weight is converted once, here (`LinearWeights`), and the
/// fp32 tensors of those layers are never read again.
public struct BertWeights: Sendable {
    public struct Layer: Sendable {
        /// [3·hidden × hidden]: query, key and value projections stacked, so one GEMM computes all three.
        let qkvWeight: LinearWeights
        /// [1 × 3·hidden]
        let qkvBias: WeightMatrix
        /// [hidden × hidden], [1 × hidden]
        let attentionOutputWeight: LinearWeights
        let attentionOutputBias: WeightMatrix
        let attentionNormGamma: WeightMatrix
        let attentionNormBeta: WeightMatrix
        /// [intermediate × hidden], [1 × intermediate]
        let intermediateWeight: LinearWeights
        let intermediateBias: WeightMatrix
        /// [hidden × intermediate], [1 × hidden]
        let outputWeight: LinearWeights
        let outputBias: WeightMatrix
        let outputNormGamma: WeightMatrix
        let outputNormBeta: WeightMatrix
    }

    public let configuration: BertConfiguration
    /// The precision the linear layers compute in.
    public let precision: ComputePrecision
    /// [vocabulary × hidden]
    let wordEmbeddings: WeightMatrix
    /// [maxPositions × hidden]
    let positionEmbeddings: WeightMatrix
    /// [typeVocabulary × hidden]
    let tokenTypeEmbeddings: WeightMatrix
    let embeddingNormGamma: WeightMatrix
    let embeddingNormBeta: WeightMatrix
    let layers: [Layer]

    /// Maps the tensors and prepares the linear layers for `precision`.
    ///
    /// In int8, `peaks` (from `Int8Calibration`) smooth every projection's input, SmoothQuant's
    /// way (`LinearWeights.init(_:precision:inputSmoothing:)`): without them each token's int8
    /// range is set by its largest channel, and a few channels run far above the rest: up to
    /// ~100× their RMS in the GELU outputs that feed the down-projection. Measured on the 200
    /// reference texts (cosine to the fp32 reference, mean / worst): plain int8 with the
    /// down-projection in bf16 0.9988 / 0.9881; smoothed, down in bf16 0.9995 / 0.9980; smoothed,
    /// everything int8 (this) 0.9986 / 0.9925, and 18% less CPU than with the down-projection in bf16.
    public init(file: SafetensorsFile, configuration: BertConfiguration, precision: ComputePrecision = .fp32,
                peaks: ActivationPeaks? = nil) throws {
        self.configuration = configuration
        self.precision = precision
        let h = configuration.hiddenSize, i = configuration.intermediateSize
        // In bf16 and int8 the fp32 weight is read once, converted, and its mapped pages given
        // back, so the process holds half (bf16) or a quarter (int8) of the fp32 weights.
        func linear(_ weight: WeightMatrix, _ inputPeaks: [Float]?) -> LinearWeights {
            defer { if precision != .fp32 { weight.releaseMappedPages() } }
            guard precision == .int8, let inputPeaks else { return LinearWeights(weight, precision: precision) }
            let smoothing = ActivationPeaks.smoothing(activationPeaks: inputPeaks, weightPeaks: weight.columnPeaks())
            return LinearWeights(weight, precision: precision, inputSmoothing: smoothing)
        }
        // Checkpoints saved from BertModel directly carry no prefix; some carry "bert.".
        let prefix = file.tensors["embeddings.word_embeddings.weight"] == nil
            && file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func tensor(_ name: String, _ shape: [Int]) throws -> WeightMatrix {
            try file.matrix(prefix + name, shape: shape)
        }
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [configuration.vocabularySize, h])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [configuration.maxPositions, h])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [configuration.typeVocabularySize, h])
        embeddingNormGamma = try tensor("embeddings.LayerNorm.weight", [h])
        embeddingNormBeta = try tensor("embeddings.LayerNorm.bias", [h])
        layers = try (0..<configuration.layerCount).map { index in
            let p = "encoder.layer.\(index)."
            let query = try tensor(p + "attention.self.query.weight", [h, h])
            let key = try tensor(p + "attention.self.key.weight", [h, h])
            let value = try tensor(p + "attention.self.value.weight", [h, h])
            let queryBias = try tensor(p + "attention.self.query.bias", [h])
            let keyBias = try tensor(p + "attention.self.key.bias", [h])
            let valueBias = try tensor(p + "attention.self.value.bias", [h])
            let stacked = WeightMatrix(stacking: [query, key, value])
            if precision != .fp32 { [query, key, value].forEach { $0.releaseMappedPages() } }
            return Layer(
                qkvWeight: linear(stacked, peaks?.qkvInput[index]),
                qkvBias: WeightMatrix(copying: queryBias.values + keyBias.values + valueBias.values, rows: 1, columns: 3 * h),
                attentionOutputWeight: linear(try tensor(p + "attention.output.dense.weight", [h, h]), peaks?.attentionOutputInput[index]),
                attentionOutputBias: try tensor(p + "attention.output.dense.bias", [h]),
                attentionNormGamma: try tensor(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBeta: try tensor(p + "attention.output.LayerNorm.bias", [h]),
                intermediateWeight: linear(try tensor(p + "intermediate.dense.weight", [i, h]), peaks?.feedForwardInput[index]),
                intermediateBias: try tensor(p + "intermediate.dense.bias", [i]),
                outputWeight: linear(try tensor(p + "output.dense.weight", [h, i]), peaks?.feedForwardDownInput[index]),
                outputBias: try tensor(p + "output.dense.bias", [h]),
                outputNormGamma: try tensor(p + "output.LayerNorm.weight", [h]),
                outputNormBeta: try tensor(p + "output.LayerNorm.bias", [h]))
        }
    }

    /// Bytes the linear layers' weights occupy in their precisions (fp32: 42 MB for MiniLM-L6;
    /// bf16 half that).
    public var linearResidentBytes: Int {
        layers.reduce(0) { sum, layer in
            sum + layer.qkvWeight.residentBytes + layer.attentionOutputWeight.residentBytes
                + layer.intermediateWeight.residentBytes + layer.outputWeight.residentBytes
        }
    }
}
