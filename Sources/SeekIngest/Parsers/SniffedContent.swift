/// What the first bytes of a file say about its type (see `ContentSniffer`).
public enum SniffedContent: Sendable, Equatable {
    /// Text: a Unicode byte order mark, UTF-16 without one, or bytes with no NUL and few controls.
    case text
    /// A PDF document (`%PDF-` header).
    case pdf
    /// An RTF document (`{\rtf` header).
    case rtf
    /// A recognised binary format that Seek does not index; the payload names it ("PNG image").
    case knownBinary(String)
    /// Binary bytes (NUL bytes or many control characters) of no recognised format.
    case unknownBinary
}
