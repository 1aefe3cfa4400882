import Foundation
import MCP

/// A tool's answer: readable text for the model, and the same data as JSON (`structuredContent`)
/// for programs, encoded exactly as the CLI's `--json` encodes it (sorted keys, unescaped slashes).
struct ToolOutput: Sendable {
    var text: String
    var structured: Value

    /// `value` encoded as the CLI encodes it, with `extra` keys added to the object.
    /// - Throws: `ToolFailure.engine` when the value cannot be encoded as a JSON object.
    init(text: String, encoding value: some Encodable, adding extra: [String: Value] = [:]) throws(ToolFailure) {
        self.text = text
        structured = try Self.value(of: value)
        if !extra.isEmpty {
            guard case .object(var object) = structured else {
                throw .engine(code: "failed", message: "a tool result is not a JSON object")
            }
            object.merge(extra) { _, new in new }
            structured = .object(object)
        }
    }

    /// The MCP result: one text content and the structured content.
    var result: CallTool.Result {
        CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: Optional(structured), isError: false)
    }

    /// A failed call's result: its message as text, `{"error":{"code","message"}}` as structured content.
    static func result(for failure: ToolFailure) -> CallTool.Result {
        let error: Value = ["error": ["code": .string(failure.code), "message": .string(failure.description)]]
        return CallTool.Result(content: [.text(text: "Error: \(failure.description)", annotations: nil, _meta: nil)],
                               structuredContent: Optional(error), isError: true)
    }

    /// `value` as a JSON `Value`, through the CLI's encoder settings.
    static func value(of value: some Encodable) throws(ToolFailure) -> Value {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try JSONDecoder().decode(Value.self, from: try encoder.encode(value))
        } catch {
            throw .engine(code: "failed", message: "cannot encode the result: \(error)")
        }
    }
}
