import MCP

/// One tool of the server: its name, description, arguments (which give its JSON Schema and
/// the checks of a call's arguments) and hints for clients.
struct ToolSpec: Sendable {
    var name: String
    var title: String
    var description: String
    var parameters: [ToolParameter]
    var annotations: Tool.Annotations

    /// The tool as `tools/list` shows it: an object schema with every parameter, `required`, and
    /// no other properties allowed.
    var tool: Tool {
        var schema: [String: Value] = [
            "type": "object",
            "properties": .object(Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.schema) })),
            "additionalProperties": false,
        ]
        let required = parameters.filter(\.isRequired).map { Value.string($0.name) }
        if !required.isEmpty { schema["required"] = .array(required) }
        return Tool(name: name, title: title, description: description, inputSchema: .object(schema), annotations: annotations)
    }

    /// The arguments of a call, checked against the schema.
    /// - Throws: `ToolFailure.invalidArguments` naming the first argument that is missing, unknown
    ///   or of the wrong type or range.
    func validate(_ arguments: [String: Value]?) throws(ToolFailure) -> ToolArguments {
        let values = arguments ?? [:]
        let known = Set(parameters.map(\.name))
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalidArguments("\(name): unknown argument '\(unknown)'; its arguments are \(parameters.map(\.name).joined(separator: ", "))")
        }
        for parameter in parameters {
            guard let value = values[parameter.name], value != .null else {
                if parameter.isRequired { throw .invalidArguments("\(name): the argument '\(parameter.name)' is required") }
                continue
            }
            if let problem = parameter.problem(with: value) {
                throw .invalidArguments("\(name): '\(parameter.name)' \(problem)")
            }
        }
        return ToolArguments(values: values.filter { $0.value != .null })
    }
}
