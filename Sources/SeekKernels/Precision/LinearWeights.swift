import CSeekKernels

/// A linear layer's weight [n × k] (PyTorch layout: out × in), prepared once, at model load, for
/// the precision its products run in:
///
/// - fp32: the `WeightMatrix` itself (a view into the mapped model file);
/// - bf16: an owned bfloat16 copy (half the bytes), rounded to nearest even;
/// - int8: an owned int8 copy quantised per output channel (row): `scale[r] = max|w[r]| / 127`,
///   `q = round(w / scale[r])`, so each row keeps its own range.
///
/// Immutable and shared by every encoder lane.
public struct LinearWeights: @unchecked Sendable {
    public let precision: ComputePrecision
    /// n: output features.
    public let rows: Int
    /// k: input features.
    public let columns: Int
    /// The fp32 weight (fp32 mode only).
    let fp32: WeightMatrix?
    /// Owns the bf16 or int8 copy.
    private let storage: ReducedWeightStorage?
    /// [n] per-row dequantisation scales (int8 only).
    let rowScales: [Float]
    /// [k] 1/s_j applied to each input column before it is quantised (int8 with smoothing only).
    let inputMultipliers: [Float]?

    /// Prepares `weight` for `precision`. For int8, `inputSmoothing` (s, one factor per input
    /// column) moves range from the activations into the weights, SmoothQuant's way: the layer
    /// computes (x ⊘ s) · (W ⊙ s)ᵀ = x · Wᵀ, with the activation outliers divided down before
    /// per-token quantisation and the weight columns multiplied up before per-row quantisation.
    public init(_ weight: WeightMatrix, precision: ComputePrecision, inputSmoothing: [Float]? = nil) {
        if let inputSmoothing {
            precondition(inputSmoothing.count == weight.columns && inputSmoothing.allSatisfy { $0 > 0 && $0.isFinite },
                         "LinearWeights: smoothing needs \(weight.columns) positive factors")
        }
        inputMultipliers = precision == .int8 ? inputSmoothing.map { $0.map { 1 / $0 } } : nil
        self.precision = precision
        rows = weight.rows
        columns = weight.columns
        switch precision {
        case .fp32:
            fp32 = weight
            storage = nil
            rowScales = []
        case .bf16:
            fp32 = nil
            let copy = ReducedWeightStorage(byteCount: weight.count * 2)
            seek_f32_to_bf16(weight.base, weight.rows, weight.columns, weight.columns, copy.pointer.assumingMemoryBound(to: UInt16.self))
            storage = copy
            rowScales = []
        case .int8:
            fp32 = nil
            let copy = ReducedWeightStorage(byteCount: weight.count)
            var scales = [Float](repeating: 1, count: weight.rows)
            // Weight columns scaled up by s: the same kernel, with s as its column multipliers.
            let multipliers = inputSmoothing
            scales.withUnsafeMutableBufferPointer { scales in
                multipliers.withOptionalBuffer { multipliers in
                    seek_quantize_rows_s8(weight.base, weight.rows, weight.columns, weight.columns, multipliers,
                                          copy.pointer.assumingMemoryBound(to: Int8.self), scales.baseAddress!)
                }
            }
            storage = copy
            rowScales = scales
        }
    }

    /// Bytes this layer's weight occupies in memory in its precision (a mapped fp32 weight counts
    /// in full: the encoder reads all of it).
    public var residentBytes: Int {
        switch precision {
        case .fp32: rows * columns * 4
        case .bf16: rows * columns * 2
        case .int8: rows * columns + rows * 4
        }
    }

    var reducedPointer: UnsafeRawPointer { UnsafeRawPointer(storage!.pointer) }
}

/// 64-byte aligned bytes owned by a reduced-precision weight.
final class ReducedWeightStorage: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer

    init(byteCount: Int) {
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 64)
    }

    deinit { pointer.deallocate() }
}
