/// A `ChunkingConfiguration` (or its pairing with a tokenizer) that cannot work.
public enum ChunkingConfigurationError: Error, CustomStringConvertible, Equatable {
    /// `field` holds `value`, which is out of range for `reason`.
    case invalid(field: String, value: Int, reason: String)

    public var description: String {
        switch self {
        case .invalid(let field, let value, let reason): "invalid chunking configuration: \(field) = \(value): \(reason)"
        }
    }
}
