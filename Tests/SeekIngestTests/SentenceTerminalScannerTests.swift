import SeekCore
import SeekEmbedding
@_spi(Testing) import SeekIngest
import SeekTestSupport
import Testing

/// The sentence-end look-back of the cut classification: the same answers as a plain backward
/// scan, with every scalar read once (a backward scan per token made long runs of `]` quadratic).
struct SentenceTerminalScannerTests {
    /// The plain definition: skip closing marks backwards from `end`, look at what is left.
    static func referenceTerminal(endingAt end: Int, in scalars: [Unicode.Scalar]) -> SentenceTerminalScanner.Terminal {
        var position = end - 1
        while position >= 0, SentenceTerminalScanner.isClosingMark(scalars[position]) { position -= 1 }
        guard position >= 0 else { return .none }
        switch scalars[position] {
        case ".", "!", "?", "\u{2026}": return .spaced
        case "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{FF0E}", "\u{FF61}": return .unspaced
        default: return .none
        }
    }

    @Test func answersAsABackwardScanForIncreasingAndDecreasingOffsets() {
        var generator = SeededGenerator(seed: 11)
        let alphabet: [Unicode.Scalar] = ["a", " ", ".", "!", "]", ")", "\"", "\u{201D}", "\u{3002}", "\n", "?", "}"]
        for _ in 0..<50 {
            let scalars = (0..<Int.random(in: 1...300, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            var scanner = SentenceTerminalScanner(scalars: scalars)
            var offsets = (0...scalars.count).filter { _ in Bool.random(using: &generator) }
            // Now and then an offset before the previous one (the scanner restarts its pass).
            if offsets.count > 2, Bool.random(using: &generator) { offsets.swapAt(0, offsets.count - 1) }
            for end in offsets {
                #expect(scanner.terminal(endingAt: end) == Self.referenceTerminal(endingAt: end, in: scalars),
                        "end \(end) of \(String(String.UnicodeScalarView(scalars)).debugDescription)")
            }
        }
    }

    /// 200,000 `]`, each its own token: the classification reads each scalar once. Before the
    /// scanner, every token looked back over the whole run (2 × 10^10 reads here).
    @Test func readsEachScalarOnceOnARunOfClosingBrackets() throws {
        let tokenizer = try ChunkerFixture.tokenizer()
        for text in [String(repeating: "]", count: 200_000), "Done." + String(repeating: "\")]} ", count: 50_000)] {
            let scalars = Array(text.unicodeScalars)
            let tokens = tokenizer.tokenSpans(text)
            #expect(tokens.count >= 200_000)
            var scanner = SentenceTerminalScanner(scalars: scalars)
            let qualities = CutQuality.qualities(of: tokens, in: scalars, terminals: &scanner)
            #expect(scanner.scalarsRead <= scalars.count)
            #expect(qualities.count == tokens.count)
        }
    }

    /// The classification is the same as with the backward scan on real prose and on punctuation runs.
    @Test func classifiesCutsAsBeforeOnProseAndPunctuation() throws {
        let tokenizer = try ChunkerFixture.tokenizer()
        let texts = try ChunkerFixture.abstracts(200) + [
            "He said \"stop.\") Then (\"go!\") 。next」 end… (x.)] ]] y",
            String(repeating: "]", count: 3_000), String(repeating: "[", count: 500) + String(repeating: "]", count: 500),
        ]
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            let tokens = tokenizer.tokenSpans(text)
            let qualities = CutQuality.qualities(of: tokens, in: scalars)
            var expected = [CutQuality](repeating: .none, count: tokens.count)
            for index in tokens.indices.dropFirst() {
                let previous = tokens[index - 1]
                let token = tokens[index]
                guard token.startsWord, token.start >= previous.end else { continue }
                expected[index] = Self.referenceQuality(between: previous.end, and: token.start, in: scalars)
            }
            #expect(qualities == expected, "\(text.prefix(60).debugDescription)")
        }
    }

    /// The cut classification as it was written before the scanner (quadratic on runs of closing marks).
    static func referenceQuality(between start: Int, and end: Int, in scalars: [Unicode.Scalar]) -> CutQuality {
        let gap = scalars[start..<end]
        let lineBreaks = gap.indices.filter { index in
            CutQuality.isLineBreak(scalars[index]) && !(scalars[index] == "\r" && index + 1 < end && scalars[index + 1] == "\n")
        }.count
        let hasWhitespace = gap.contains { $0.properties.isWhitespace }
        if lineBreaks >= 2 { return .paragraphBreak }
        if lineBreaks == 1 { return .lineBreak }
        switch referenceTerminal(endingAt: start, in: scalars) {
        case .spaced where hasWhitespace, .unspaced: return .sentenceEnd
        default: return hasWhitespace ? .whitespace : .wordStart
        }
    }
}
