import SeekCore

extension CutQuality {
    /// The quality of cutting before each token of `tokens` (index 0 is `.none`: nothing before it).
    ///
    /// `tokens` are in text order with offsets into `scalars`. A cut needs a token that starts a word
    /// and shares no source character with the token before it; the text between the two tokens then
    /// decides how good the cut is. Linear in the text: each scalar is read at most twice.
    public static func qualities(of tokens: [TokenSpan], in scalars: [Unicode.Scalar]) -> [CutQuality] {
        qualities(of: tokens, in: ScalarBuffer(scalars))
    }

    /// `qualities(of:in:)` over the chunker's scalar buffer.
    static func qualities(of tokens: [TokenSpan], in scalars: ScalarBuffer) -> [CutQuality] {
        var terminals = SentenceTerminalScanner(buffer: scalars)
        return qualities(of: tokens, in: scalars, terminals: &terminals)
    }

    /// `qualities(of:in:)` with the sentence-end scanner passed in, so its work can be read afterwards.
    @_spi(Testing) public static func qualities(of tokens: [TokenSpan], in scalars: [Unicode.Scalar],
                                                terminals: inout SentenceTerminalScanner) -> [CutQuality] {
        qualities(of: tokens, in: ScalarBuffer(scalars), terminals: &terminals)
    }

    private static func qualities(of tokens: [TokenSpan], in scalars: ScalarBuffer,
                                  terminals: inout SentenceTerminalScanner) -> [CutQuality] {
        var qualities = [CutQuality](repeating: .none, count: tokens.count)
        guard tokens.count > 1 else { return qualities }
        for index in 1..<tokens.count {
            let previous = tokens[index - 1]
            let token = tokens[index]
            guard token.startsWord, token.start >= previous.end else { continue }
            qualities[index] = quality(between: previous.end, and: token.start, in: scalars, terminals: &terminals)
        }
        return qualities
    }

    /// Quality of a cut at `end` between a word ending at `start` and one starting at `end`.
    private static func quality(between start: Int, and end: Int, in scalars: ScalarBuffer,
                                terminals: inout SentenceTerminalScanner) -> CutQuality {
        var lineBreaks = 0
        var hasWhitespace = false
        var position = start
        while position < end {
            let scalar = scalars[position]
            if isLineBreak(scalar) {
                // "\r\n" is one line break.
                if !(scalar == "\r" && position + 1 < end && scalars[position + 1] == "\n") { lineBreaks += 1 }
                hasWhitespace = true
            } else if ScalarIndexedText.isWhitespace(scalar) {
                hasWhitespace = true
            }
            position += 1
        }
        if lineBreaks >= 2 { return .paragraphBreak }
        if lineBreaks == 1 { return .lineBreak }
        switch terminals.terminal(endingAt: start) {
        case .spaced where hasWhitespace, .unspaced:
            return .sentenceEnd
        default:
            return hasWhitespace ? .whitespace : .wordStart
        }
    }

    /// Scalars that end a line: LF, CR, VT, FF, NEL, LINE and PARAGRAPH SEPARATOR.
    public static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
