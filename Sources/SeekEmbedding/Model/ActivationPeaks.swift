import Foundation
import SeekKernels

/// Per-channel peaks (max |x| over tokens) of the inputs of each layer's int8 projections,
/// gathered by an fp32 pass over calibration text (`Int8Calibration`). They set SmoothQuant's
/// per-channel factors: a channel that peaks far above the others would otherwise take every
/// token's int8 range for itself.
public final class ActivationPeaks: @unchecked Sendable {
    /// [layer][hidden]: the query/key/value projection's input (the previous LayerNorm's output).
    public private(set) var qkvInput: [[Float]]
    /// [layer][hidden]: the attention output projection's input (the attention context).
    public private(set) var attentionOutputInput: [[Float]]
    /// [layer][hidden]: the feed-forward up-projection's input (the attention LayerNorm's output).
    public private(set) var feedForwardInput: [[Float]]
    /// [layer][intermediate]: the feed-forward down-projection's input (the GELU outputs).
    public private(set) var feedForwardDownInput: [[Float]]

    public init(layers: Int, hidden: Int, intermediate: Int) {
        let zeros = [[Float]](repeating: [Float](repeating: 0, count: hidden), count: layers)
        qkvInput = zeros
        attentionOutputInput = zeros
        feedForwardInput = zeros
        feedForwardDownInput = [[Float]](repeating: [Float](repeating: 0, count: intermediate), count: layers)
    }

    /// Peaks read back from `Int8CalibrationCache` (tables as the properties above).
    package init(qkvInput: [[Float]], attentionOutputInput: [[Float]], feedForwardInput: [[Float]], feedForwardDownInput: [[Float]]) {
        self.qkvInput = qkvInput
        self.attentionOutputInput = attentionOutputInput
        self.feedForwardInput = feedForwardInput
        self.feedForwardDownInput = feedForwardDownInput
    }

    enum Site { case qkv, attentionOutput, feedForward, feedForwardDown }

    func record(_ block: MatrixBlock, layer: Int, site: Site) {
        let peaks = block.columnPeaks()
        switch site {
        case .qkv: qkvInput[layer] = zip(qkvInput[layer], peaks).map { max($0, $1) }
        case .attentionOutput: attentionOutputInput[layer] = zip(attentionOutputInput[layer], peaks).map { max($0, $1) }
        case .feedForward: feedForwardInput[layer] = zip(feedForwardInput[layer], peaks).map { max($0, $1) }
        case .feedForwardDown: feedForwardDownInput[layer] = zip(feedForwardDownInput[layer], peaks).map { max($0, $1) }
        }
    }

    /// SmoothQuant's factors for one projection: s_j = a_j^α / w_j^(1−α) with a_j the activation
    /// peak and w_j the weight column's peak, α = 0.5 (range split evenly between the two); 1
    /// where either peak is 0. Clamped to [1e-3, 1e3].
    static func smoothing(activationPeaks: [Float], weightPeaks: [Float], alpha: Float = 0.5) -> [Float] {
        zip(activationPeaks, weightPeaks).map { activation, weight in
            guard activation > 0, weight > 0 else { return 1 }
            let factor = exp(alpha * log(activation) - (1 - alpha) * log(weight))
            return min(1e3, max(1e-3, factor))
        }
    }
}
