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
        try write(data)
    }

    /// Writes one compact JSON object per line.
    static func printLine<T: Encodable>(_ value: T, using encoder: JSONEncoder = JSONOutput.encoder(pretty: false)) throws {
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        try write(data)
    }

    /// Writes `data` to standard output. When the reader has gone (`seek files --json | head`:
    /// EPIPE, SIGPIPE being ignored in this process), the output is no longer wanted and the
    /// process ends quietly with status 0, as ripgrep does; `FileHandle.write(_:)` would crash.
    private static func write(_ data: Data) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch let error as NSError where error.domain == NSPOSIXErrorDomain && error.code == Int(EPIPE)
            || (error.userInfo[NSUnderlyingErrorKey] as? NSError).map({ $0.domain == NSPOSIXErrorDomain && $0.code == Int(EPIPE) }) == true {
            exit(0)
        }
    }
}
