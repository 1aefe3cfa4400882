/// A vector stored as Int8 codes and one scale: `x[i] ≈ Float(codes[i]) * scale`.
public struct QuantizedVector: Sendable, Equatable {
    /// One code per component.
    public var codes: [Int8]
    /// `max|x| / 127`; 0 for a zero vector.
    public var scale: Float

    public init(codes: [Int8], scale: Float) {
        self.codes = codes
        self.scale = scale
    }
}
