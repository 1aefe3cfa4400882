/// Text decoded from a file's bytes, with the encoding that was used.
public struct DecodedText: Sendable, Equatable {
    /// The text: byte order mark removed, CRLF and CR line endings turned into LF.
    public var text: String
    /// The encoding the bytes were decoded with.
    public var encoding: DetectedEncoding
    /// True when the bytes started with a byte order mark.
    public var hadByteOrderMark: Bool

    /// Creates a value from its fields (see each field for defaults).
    public init(text: String, encoding: DetectedEncoding, hadByteOrderMark: Bool) {
        self.text = text
        self.encoding = encoding
        self.hadByteOrderMark = hadByteOrderMark
    }
}
