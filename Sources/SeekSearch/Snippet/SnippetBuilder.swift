import Foundation
import SeekCore

/// Cuts a snippet out of a chunk: the window of at most `maxCharacters` characters holding the most
/// query words, snapped to word boundaries, with those words marked. Hand-written: no listed
/// library highlights text.
public struct SnippetBuilder: Sendable, Equatable {
    /// Longest snippet in Unicode scalars, ellipses excluded. Default 240.
    public var maxCharacters: Int

    public init(maxCharacters: Int = 240) {
        self.maxCharacters = maxCharacters
    }

    /// The snippet of `text` for the (lowercased) query `terms`. A word matches a term when equal
    /// ignoring case and accents, or when one starts with the other, the shorter has at least four
    /// letters and the longer at most three more ("flow", "flows", "flowing").
    public func snippet(of text: String, terms: [String]) -> Snippet {
        let scalars = Array(text.unicodeScalars)
        let foldedTerms = terms.map(Self.fold)
        var matches: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            guard FTSQueryBuilder.isTokenCharacter(scalars[index]) else { index += 1; continue }
            let start = index
            while index < scalars.count, FTSQueryBuilder.isTokenCharacter(scalars[index]) { index += 1 }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[start..<index])
            let folded = Self.fold(String(word))
            if foldedTerms.contains(where: { Self.matches(folded, $0) }) { matches.append(start..<index) }
        }
        let length = max(maxCharacters, 1)
        var windowStart = 0
        if !matches.isEmpty {
            // The match that starts the window holding the most matches; then a little context before it.
            var bestCount = 0, bestStart = matches[0].lowerBound, last = 0
            for (first, match) in matches.enumerated() {
                last = max(last, first)
                while last + 1 < matches.count, matches[last + 1].upperBound <= match.lowerBound + length { last += 1 }
                if last - first + 1 > bestCount { bestCount = last - first + 1; bestStart = match.lowerBound }
            }
            windowStart = max(0, bestStart - length / 5)
            // Start at a word: back to the previous whitespace, at most 20 characters.
            var back = windowStart
            while back > 0, windowStart - back < 20, !scalars[back - 1].properties.isWhitespace { back -= 1 }
            if back == 0 || scalars[back - 1].properties.isWhitespace { windowStart = back }
            // Keep the window full when the text ends soon after.
            windowStart = max(0, min(windowStart, scalars.count - length))
        }
        var windowEnd = min(scalars.count, windowStart + length)
        if windowEnd < scalars.count {
            var cut = windowEnd
            while cut > windowStart, windowEnd - cut < 20, !scalars[cut].properties.isWhitespace { cut -= 1 }
            if scalars[cut].properties.isWhitespace, cut > windowStart { windowEnd = cut }
        }
        return render(scalars, window: windowStart..<windowEnd, matches: matches)
    }

    /// The window on one line with its matches mapped to output offsets.
    private func render(_ scalars: [Unicode.Scalar], window: Range<Int>, matches: [Range<Int>]) -> Snippet {
        var output = String.UnicodeScalarView()
        var outputOffset = [Int](repeating: 0, count: window.count + 1)
        if window.lowerBound > 0 { output.append("…") }
        var count = output.count
        var pendingSpace = false
        for (position, index) in window.enumerated() {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                pendingSpace = count > (window.lowerBound > 0 ? 1 : 0)
                outputOffset[position] = count
                continue
            }
            if pendingSpace {
                output.append(" ")
                count += 1
                pendingSpace = false
            }
            outputOffset[position] = count
            output.append(scalar)
            count += 1
        }
        outputOffset[window.count] = count
        if window.upperBound < scalars.count { output.append("…") }
        let highlights = matches.compactMap { match -> HighlightRange? in
            guard match.lowerBound >= window.lowerBound, match.upperBound <= window.upperBound else { return nil }
            return HighlightRange(start: outputOffset[match.lowerBound - window.lowerBound], end: outputOffset[match.upperBound - window.lowerBound])
        }
        return Snippet(text: String(output), highlights: highlights)
    }

    static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    static func matches(_ word: String, _ term: String) -> Bool {
        if word == term { return true }
        let (shorter, longer) = word.count <= term.count ? (word, term) : (term, word)
        return shorter.count >= 4 && longer.count - shorter.count <= 3 && longer.hasPrefix(shorter)
    }
}
