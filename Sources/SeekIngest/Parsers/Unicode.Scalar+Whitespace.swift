extension Unicode.Scalar {
    /// Unicode White_Space, with a fast path for ASCII (the common case in extracted text).
    var isWhitespaceScalar: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}
