import SeekCore

/// The table of `seek eval`: one row per mode.
public struct EvaluationReport: Sendable, Equatable, Codable {
    /// Dataset name (its folder name).
    public var dataset: String
    /// One result per mode, in the order asked.
    public var results: [EvaluationResult]

    public init(dataset: String, results: [EvaluationResult]) {
        self.dataset = dataset
        self.results = results
    }
}
