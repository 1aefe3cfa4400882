/// Tells whether the text before an offset ends a sentence, for offsets visited in increasing order,
/// in one forward pass over the text.
///
/// A sentence ends at `.` `!` `?` `…` (when whitespace follows) or a CJK full stop, possibly followed
/// by closing quotes and brackets. Looking back from each offset over those closing marks costs the
/// length of the run every time: a file of 400,000 `]` (each its own token) took a minute. The
/// scanner instead remembers the last scalar that is not a closing mark as it moves forward, so
/// every scalar is read once however long the runs are.
@_spi(Testing) public struct SentenceTerminalScanner {
    /// What ends the text before an offset.
    public enum Terminal {
        /// `.` `!` `?` `…`: a sentence end when whitespace follows.
        case spaced
        /// CJK full stops and marks, which need no space after them.
        case unspaced
        case none
    }

    private let scalars: ScalarBuffer
    /// Every scalar before this offset has been read.
    private var readEnd = 0
    /// The last offset before `readEnd` whose scalar is not a closing mark; -1 when there is none.
    private var lastOpen = -1
    /// Scalars read so far (each at most once while offsets increase): the scanner's work.
    public private(set) var scalarsRead = 0

    public init(scalars: [Unicode.Scalar]) {
        self.scalars = ScalarBuffer(scalars)
    }

    /// A scanner over the chunker's scalar buffer.
    init(buffer: ScalarBuffer) {
        self.scalars = buffer
    }

    /// What ends the text before `end` (an offset in `0...scalars.count`), looking back over
    /// closing marks. Amortised O(1) when `end` does not decrease between calls; an earlier `end`
    /// (never seen from the chunker: token ends do not decrease) restarts the pass from 0.
    public mutating func terminal(endingAt end: Int) -> Terminal {
        if end < readEnd {
            readEnd = 0
            lastOpen = -1
        }
        while readEnd < end {
            if !Self.isClosingMark(scalars[readEnd]) { lastOpen = readEnd }
            readEnd += 1
            scalarsRead += 1
        }
        guard lastOpen >= 0 else { return .none }
        switch scalars[lastOpen] {
        case ".", "!", "?", "\u{2026}": return .spaced
        case "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{FF0E}", "\u{FF61}": return .unspaced
        default: return .none
        }
    }

    /// Closing quotes and brackets that may follow a sentence's terminal punctuation.
    public static func isClosingMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", ")", "]", "}", "\u{2019}", "\u{201D}", "\u{00BB}", "\u{300D}", "\u{300F}", "\u{FF09}": true
        default: false
        }
    }
}
