/// A text with random access by Unicode scalar offset: its scalars, and slices by scalar range.
struct ScalarIndexedText {
    /// The text.
    let text: String
    /// The text's Unicode scalars.
    let scalars: [Unicode.Scalar]
    /// UTF-8 offset of each scalar, plus the text's UTF-8 length at the end.
    private let utf8Offsets: [Int]

    init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        var utf8Offsets: [Int] = []
        scalars.reserveCapacity(text.utf8.count)
        utf8Offsets.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            utf8Offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        utf8Offsets.append(offset)
        self.text = text
        self.scalars = scalars
        self.utf8Offsets = utf8Offsets
    }

    /// Number of scalars.
    var count: Int { scalars.count }

    /// The text of the scalars `range`, copied out of `text` as UTF-8 (no per-scalar rebuilding).
    func slice(_ range: Range<Int>) -> String {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: utf8Offsets[range.lowerBound])
        let end = utf8.index(start, offsetBy: utf8Offsets[range.upperBound] - utf8Offsets[range.lowerBound])
        return String(text[start..<end])
    }

    /// Unicode White_Space (what the tokenizer splits on), with an ASCII fast path.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }
}
