import Foundation

/// The URIs of Seek's MCP resources: `seek://file/<path>` for an indexed file (its absolute path
/// without the leading slash, each component percent-encoded) and `seek://memory/<id>` for a memory.
public enum SeekResourceURI: Sendable, Equatable {
    case file(path: String)
    case memory(id: String)

    public static let filePrefix = "seek://file/"
    public static let memoryPrefix = "seek://memory/"

    /// The resource `uri` names, or nil when it is not a Seek resource URI.
    public init?(_ uri: String) {
        if uri.hasPrefix(Self.filePrefix) {
            let encoded = uri.dropFirst(Self.filePrefix.count)
            guard !encoded.isEmpty, let decoded = String(encoded).removingPercentEncoding else { return nil }
            self = .file(path: "/" + decoded)
        } else if uri.hasPrefix(Self.memoryPrefix) {
            let id = String(uri.dropFirst(Self.memoryPrefix.count))
            guard !id.isEmpty, !id.contains("/") else { return nil }
            self = .memory(id: id)
        } else {
            return nil
        }
    }

    public var uri: String {
        switch self {
        case .file(let path):
            let components = path.split(separator: "/", omittingEmptySubsequences: true).map {
                String($0).addingPercentEncoding(withAllowedCharacters: Self.componentCharacters) ?? String($0)
            }
            return Self.filePrefix + components.joined(separator: "/")
        case .memory(let id):
            return Self.memoryPrefix + id
        }
    }

    /// Characters left as they are in a path component of a URI (RFC 3986 unreserved and sub-delims, ':' and '@').
    private static let componentCharacters = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")
}
