/// `seek validate --json`: `ok` is false when there is any error; warnings never fail validation.
public struct ValidationReport: Sendable, Codable, Equatable {
    public var ok: Bool
    /// Broken invariants, each naming the table and the first few ids involved.
    public var errors: [String]
    /// Suspicious but consistent states (a large drop since the previous snapshot, files gone from disk).
    public var warnings: [String]

    public init(errors: [String], warnings: [String]) {
        self.ok = errors.isEmpty
        self.errors = errors
        self.warnings = warnings
    }
}
