import Foundation

/// Clean JSON on standard output: one document, or one object per line.
enum JSONOutput {
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// Prints `value` as one JSON document (indented on a terminal, compact in a pipe).
    static func print<T: Encodable>(_ value: T) throws {
        var data = try encoder(pretty: Terminal.isStandardOutput).encode(value)
        data.append(UInt8(ascii: "\n"))
        FileHandle.standardOutput.write(data)
    }

    /// Writes one compact JSON object per line.
    static func printLine<T: Encodable>(_ value: T, using encoder: JSONEncoder = JSONOutput.encoder(pretty: false)) throws {
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        FileHandle.standardOutput.write(data)
    }
}
