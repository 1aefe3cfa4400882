/// A text with random access by Unicode scalar offset: its scalars, and slices by scalar range.
struct ScalarIndexedText {
    /// The text.
    let text: String
    /// The text's Unicode scalars (one byte each for ASCII text).
    let scalars: ScalarBuffer
    /// UTF-8 offset of each scalar, plus the text's UTF-8 length at the end; empty when the text
    /// is ASCII (offsets equal scalar indices). 32-bit: a document's text is far below 4 GiB (the
    /// parsers' decompression limit), and a whole-document table is the chunker's largest buffer.
    private let utf8Offsets: [UInt32]

    init(_ text: String) {
        precondition(text.utf8.count < Int(UInt32.max), "a document's text must be under 4 GiB")
        let scalars = ScalarBuffer(text)
        var utf8Offsets: [UInt32] = []
        if !scalars.isASCII {
            utf8Offsets.reserveCapacity(scalars.count + 1)
            var offset: UInt32 = 0
            for scalar in scalars {
                utf8Offsets.append(offset)
                offset += UInt32(UTF8.width(scalar))
            }
            utf8Offsets.append(offset)
        }
        self.text = text
        self.scalars = scalars
        self.utf8Offsets = utf8Offsets
    }

    /// Number of scalars.
    var count: Int { scalars.count }

    /// The text of the scalars `range`, copied out of `text` as UTF-8 (no per-scalar rebuilding).
    func slice(_ range: Range<Int>) -> String {
        let utf8 = text.utf8
        let lower = utf8Offsets.isEmpty ? range.lowerBound : Int(utf8Offsets[range.lowerBound])
        let upper = utf8Offsets.isEmpty ? range.upperBound : Int(utf8Offsets[range.upperBound])
        let start = utf8.index(utf8.startIndex, offsetBy: lower)
        let end = utf8.index(start, offsetBy: upper - lower)
        return String(text[start..<end])
    }

    /// Unicode White_Space (what the tokenizer splits on), with an ASCII fast path.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }
}
