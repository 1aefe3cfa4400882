/// Why an XML part could not be read.
struct XMLReadFailure: Error, CustomStringConvertible {
    /// Line of the error in the part.
    var line: Int
    /// The XML parser's message.
    var message: String

    var description: String { "malformed XML at line \(line): \(message)" }
}
