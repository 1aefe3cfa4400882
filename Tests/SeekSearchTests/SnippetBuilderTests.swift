import SeekSearch
import Testing
import SeekCore

struct SnippetBuilderTests {
    /// The highlighted words of a snippet, as text.
    static func marked(_ snippet: Snippet) -> [String] {
        let scalars = Array(snippet.text.unicodeScalars)
        return snippet.highlights.map { range in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range.start..<range.end])
            return String(view)
        }
    }

    @Test func marksQueryWordsIgnoringCaseAccentsAndSuffixes() {
        let snippet = SnippetBuilder().snippet(of: "Laminar FLOWS over a Café wing;\n\n the flowing air", terms: ["flow", "cafe", "air"])
        #expect(snippet.text == "Laminar FLOWS over a Café wing; the flowing air")
        #expect(Self.marked(snippet) == ["FLOWS", "Café", "flowing", "air"])
        // Short terms need an exact word: "air" does not mark "airfoil".
        #expect(Self.marked(SnippetBuilder().snippet(of: "airfoil air", terms: ["air"])) == ["air"])
    }

    @Test func windowMovesToTheDensestMatchesAndCutsAtWords() {
        let filler = Array(repeating: "lorem ipsum dolor", count: 40).joined(separator: " ")
        let text = filler + " shock wave shock tube attenuation " + filler
        let snippet = SnippetBuilder(maxCharacters: 80).snippet(of: text, terms: ["shock", "tube"])
        #expect(snippet.text.hasPrefix("…") && snippet.text.hasSuffix("…"))
        #expect(Self.marked(snippet) == ["shock", "shock", "tube"])
        let body = snippet.text.dropFirst().dropLast()
        #expect(body.unicodeScalars.count <= 80)
        // Cut at word boundaries: every word of the body is a whole word of the text.
        for word in body.split(separator: " ") { #expect(["lorem", "ipsum", "dolor", "shock", "wave", "tube", "attenuation"].contains(String(word))) }
    }

    @Test func withoutMatchesTheSnippetIsTheStart() {
        let snippet = SnippetBuilder(maxCharacters: 10).snippet(of: "alpha beta gamma delta", terms: ["zeta"])
        #expect(snippet.text == "alpha beta…")
        #expect(snippet.highlights.isEmpty)
        #expect(SnippetBuilder().snippet(of: "", terms: ["a"]) == Snippet(text: "", highlights: []))
    }

    @Test func offsetsAreUnicodeScalars() {
        let snippet = SnippetBuilder().snippet(of: "🚀 rocket 東京 launch", terms: ["launch", "東京"])
        #expect(Self.marked(snippet) == ["東京", "launch"])
        #expect(snippet.highlights == [HighlightRange(start: 9, end: 11), HighlightRange(start: 12, end: 18)])
    }
}
