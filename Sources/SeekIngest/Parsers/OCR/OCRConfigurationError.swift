/// An invalid `OCRConfiguration` setting: the key (as in the configuration file) and why.
public struct OCRConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The setting's key in the `"ocr"` section ("languages", "page_timeout_seconds"...).
    public var key: String
    /// What is wrong with it.
    public var reason: String

    /// An error for setting `key` with `reason`.
    public init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String { "ocr.\(key) \(reason)" }
}
