import Foundation

/// How `seek mcp` (and the `/mcp` endpoint of `seek serve`) exposes an index to agents.
public struct SeekMCPConfiguration: Sendable, Equatable {
    /// Folders under which the `index` tool may add new roots (`--allow-root`), absolute and
    /// standardised. Default none: agents may only re-index existing roots and paths under them.
    public var allowedRoots: [String]
    /// Resources per page of `resources/list`. Default 500.
    public var resourcesPerPage: Int
    /// Load the model and the searcher in the background once a client initialises, so the first
    /// search does not pay for them. Default true.
    public var warmsUpOnInitialize: Bool

    public init(allowedRoots: [String] = [], resourcesPerPage: Int = 500, warmsUpOnInitialize: Bool = true) {
        self.allowedRoots = allowedRoots.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        self.resourcesPerPage = resourcesPerPage
        self.warmsUpOnInitialize = warmsUpOnInitialize
    }
}
