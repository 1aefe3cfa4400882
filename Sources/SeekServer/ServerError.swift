/// Why `seek serve` cannot start.
public enum ServerError: Error, CustomStringConvertible, Equatable {
    /// A non-loopback address without a bearer token would expose the index to the network.
    case tokenRequired(host: String)
    /// A setting is out of range.
    case invalidConfiguration(reason: String)
    /// The web page resources are missing from the build.
    case missingResource(name: String)

    public var description: String {
        switch self {
        case .tokenRequired(let host):
            "refusing to listen on \(host) without a token: give --token T (or SEEK_TOKEN), or bind to 127.0.0.1"
        case .invalidConfiguration(let reason):
            reason
        case .missingResource(let name):
            "the web resource \(name) is missing from this build"
        }
    }
}
