/// An entry the scanner left out, with the reason.
public struct SkippedEntry: Sendable, Hashable, CustomStringConvertible {
    /// Absolute, standardized path of the entry (the link's own path for symlinks).
    public let path: String
    /// Why it was left out.
    public let reason: SkipReason

    public init(path: String, reason: SkipReason) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
