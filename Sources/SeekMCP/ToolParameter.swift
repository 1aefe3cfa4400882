import MCP

/// One argument of a tool: its JSON Schema and the check its value gets before the tool runs.
struct ToolParameter: Sendable {
    /// The JSON type and its bounds.
    enum Kind: Sendable {
        case string(minLength: Int = 0, allowed: [String]? = nil)
        case integer(minimum: Int, maximum: Int? = nil)
        case number(minimum: Double, maximum: Double)
        case boolean
        case stringArray(minItems: Int = 0)
    }

    var name: String
    var kind: Kind
    var description: String
    var defaultValue: Value? = nil
    var isRequired = false

    /// The property's JSON Schema.
    var schema: Value {
        var schema: [String: Value] = ["description": .string(description)]
        switch kind {
        case .string(let minLength, let allowed):
            schema["type"] = "string"
            if minLength > 0 { schema["minLength"] = .int(minLength) }
            if let allowed { schema["enum"] = .array(allowed.map { .string($0) }) }
        case .integer(let minimum, let maximum):
            schema["type"] = "integer"
            schema["minimum"] = .int(minimum)
            if let maximum { schema["maximum"] = .int(maximum) }
        case .number(let minimum, let maximum):
            schema["type"] = "number"
            schema["minimum"] = .double(minimum)
            schema["maximum"] = .double(maximum)
        case .boolean:
            schema["type"] = "boolean"
        case .stringArray(let minItems):
            schema["type"] = "array"
            schema["items"] = ["type": "string"]
            if minItems > 0 { schema["minItems"] = .int(minItems) }
        }
        if let defaultValue { schema["default"] = defaultValue }
        return .object(schema)
    }

    // Hand-written: no JSON Schema validator is among the packages; it checks the keywords `schema` emits.
    /// `value` checked against the schema: the reason it does not fit, or nil when it does.
    func problem(with value: Value) -> String? {
        switch (kind, value) {
        case (.string(let minLength, let allowed), .string(let text)):
            if text.count < minLength { return minLength == 1 ? "must not be empty" : "must have at least \(minLength) characters" }
            if let allowed, !allowed.contains(text) { return "must be one of \(allowed.joined(separator: ", ")), not '\(text)'" }
            return nil
        case (.integer(let minimum, let maximum), _):
            guard let number = Self.integer(value) else { return "must be an integer, not \(Self.describe(value))" }
            if number < minimum || number > (maximum ?? Int.max) {
                return maximum.map { "must be between \(minimum) and \($0), not \(number)" } ?? "must be at least \(minimum), not \(number)"
            }
            return nil
        case (.number(let minimum, let maximum), _):
            guard let number = Self.number(value) else { return "must be a number, not \(Self.describe(value))" }
            if number < minimum || number > maximum { return "must be between \(minimum) and \(maximum), not \(number)" }
            return nil
        case (.boolean, .bool):
            return nil
        case (.stringArray(let minItems), .array(let items)):
            if items.contains(where: { $0.stringValue == nil }) { return "must be an array of strings" }
            if items.count < minItems { return "must have at least \(minItems) item\(minItems == 1 ? "" : "s")" }
            return nil
        case (.string, _):
            return "must be a string, not \(Self.describe(value))"
        case (.boolean, _):
            return "must be true or false, not \(Self.describe(value))"
        case (.stringArray, _):
            return "must be an array of strings, not \(Self.describe(value))"
        }
    }

    /// An integer given as a JSON number without a fractional part (`3` or `3.0`).
    static func integer(_ value: Value) -> Int? {
        switch value {
        case .int(let number): number
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: Int(number)
        default: nil
        }
    }

    /// A JSON number as a Double.
    static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number) where number.isFinite: number
        default: nil
        }
    }

    private static func describe(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .int(let number): "\(number)"
        case .double(let number): "\(number)"
        case .string(let text): "the string '\(text.prefix(40))'"
        case .data: "binary data"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
