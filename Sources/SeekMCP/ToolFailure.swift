import SeekEngine

/// Why a tool call failed, as the agent sees it: a tool result with `isError` true, its message
/// as text and `{"error":{"code","message"}}` as structured content. The server goes on.
enum ToolFailure: Error, Equatable, CustomStringConvertible {
    /// The arguments do not fit the tool's schema.
    case invalidArguments(String)
    /// The `index` tool was asked for a path outside every root and every `--allow-root`.
    case notAllowed(String)
    /// The engine refused or failed (`code` from its `EngineError` case).
    case engine(code: String, message: String)

    /// A short code for programs: `invalid_arguments`, `not_allowed`, `not_indexed`, `no_index`...
    var code: String {
        switch self {
        case .invalidArguments: "invalid_arguments"
        case .notAllowed: "not_allowed"
        case .engine(let code, _): code
        }
    }

    var description: String {
        switch self {
        case .invalidArguments(let message), .notAllowed(let message), .engine(_, let message): message
        }
    }

    /// `error` in the agent's terms.
    init(_ error: EngineError) {
        let code = switch error {
        case .noIndex: "no_index"
        case .writerBusy: "writer_busy"
        case .readOnlyIndex: "read_only_index"
        case .damagedIndex: "damaged_index"
        case .invalidRoot: "invalid_root"
        case .notARoot: "not_a_root"
        case .invalidRequest: "invalid_request"
        case .notIndexed: "not_indexed"
        case .cancelled: "cancelled"
        case .shutDown: "shut_down"
        case .failed: "failed"
        }
        self = .engine(code: code, message: error.description)
    }
}
