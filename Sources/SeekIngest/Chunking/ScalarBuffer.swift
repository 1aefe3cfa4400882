/// A text's Unicode scalars by offset, one byte each when the text is ASCII (most files), four
/// bytes each otherwise.
///
/// The chunker reads a whole document's scalars at random offsets (cut classification, trimming),
/// so it keeps them in an array; for a 10 MB ASCII text that array is 10 MB here instead of the
/// 40 MB of `[Unicode.Scalar]`. Exactly one of the two stores holds the scalars; reading one is a
/// branch that the ASCII case always takes the same way.
@_spi(Testing) public struct ScalarBuffer: RandomAccessCollection {
    /// The scalars when every one is ASCII, else empty.
    private let ascii: [UInt8]
    /// The scalars when some are not ASCII, else empty.
    private let wide: [Unicode.Scalar]

    /// The scalars of `text` (the ASCII store when every UTF-8 byte is below 0x80).
    public init(_ text: String) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            ascii = Array(text.utf8)
            wide = []
        } else {
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(text.utf8.count)
            scalars.append(contentsOf: text.unicodeScalars)
            ascii = []
            wide = scalars
        }
    }

    /// `scalars` as they are (the wide store; callers that already hold an array, such as tests).
    public init(_ scalars: [Unicode.Scalar]) {
        ascii = []
        wide = scalars
    }

    /// True when the scalars are stored one byte each (UTF-8 offsets then equal scalar offsets).
    public var isASCII: Bool { wide.isEmpty }

    public var startIndex: Int { 0 }
    public var endIndex: Int { wide.isEmpty ? ascii.count : wide.count }

    @inline(__always)
    public subscript(position: Int) -> Unicode.Scalar {
        wide.isEmpty ? Unicode.Scalar(ascii[position]) : wide[position]
    }
}
