import MCP

/// The arguments of one tool call after `ToolSpec.validate`: typed reads of values already
/// checked against the tool's schema (absent arguments read as nil).
struct ToolArguments: Sendable {
    let values: [String: Value]

    func string(_ name: String) -> String? {
        values[name]?.stringValue
    }

    func integer(_ name: String) -> Int? {
        values[name].flatMap(ToolParameter.integer)
    }

    func number(_ name: String) -> Double? {
        values[name].flatMap(ToolParameter.number)
    }

    func bool(_ name: String) -> Bool? {
        values[name]?.boolValue
    }

    func strings(_ name: String) -> [String]? {
        values[name]?.arrayValue?.compactMap(\.stringValue)
    }
}
