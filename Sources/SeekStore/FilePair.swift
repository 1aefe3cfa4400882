/// Two files as an unordered pair of ids (stored smaller first).
public struct FilePair: Sendable, Hashable {
    public let first: Int64
    public let second: Int64

    public init(_ a: Int64, _ b: Int64) {
        first = min(a, b)
        second = max(a, b)
    }
}
