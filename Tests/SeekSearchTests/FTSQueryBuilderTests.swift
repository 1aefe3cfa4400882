import SeekSearch
import Testing

struct FTSQueryBuilderTests {
    let builder = FTSQueryBuilder()

    @Test func quotesEachTermAndJoinsWithOr() throws {
        #expect(try builder.matchExpression(for: "Laminar boundary-layer flow") == #""laminar" OR "boundary" OR "layer" OR "flow""#)
        #expect(builder.terms(in: "flow FLOW Flow flows") == ["flow", "flows"])
    }

    @Test func operatorsAndPunctuationBecomePlainWords() throws {
        #expect(try builder.matchExpression(for: #"NEAR(wing "tip" AND(drag) -lift col:value* ^start"#)
            == #""near" OR "wing" OR "tip" OR "drag" OR "lift" OR "col" OR "value" OR "start""#)
        #expect(builder.terms(in: "a+b=c OR NOT d") == ["b", "c", "d"])
    }

    @Test func stopwordsAreDroppedUnlessNothingElseRemains() {
        #expect(builder.terms(in: "what are the effects of heat on the wing") == ["effects", "heat", "wing"])
        #expect(builder.terms(in: "The Who") == ["the", "who"])
        #expect(FTSQueryBuilder(removesStopwords: false).terms(in: "the wing") == ["the", "wing"])
    }

    @Test func unicodeWordsSurvive() {
        #expect(builder.terms(in: "Ünïcödé café naïve") == ["ünïcödé", "café", "naïve"])
        #expect(builder.terms(in: "我爱北京天安门 Привет, как дела?") == ["我爱北京天安门", "привет", "как", "дела"])
        // A decomposed accent stays inside its word.
        #expect(builder.terms(in: "cafe\u{301} x") == ["cafe\u{301}", "x"])
    }

    @Test func textWithoutWordsThrowsAClearError() {
        for text in ["", "   ", "🚀🔥🌕", "\"*()-:^", "\u{0}\u{1}"] {
            #expect(throws: SearchError.self) { try builder.matchExpression(for: text) }
            do {
                _ = try builder.matchExpression(for: text)
            } catch {
                #expect("\(error)".contains("no searchable word"))
            }
        }
    }

    @Test func longInputKeepsTheFirstTerms() throws {
        let text = (0..<2_000).map { "w\($0)" }.joined(separator: " ")
        #expect(text.count > 10_000)
        let terms = builder.terms(in: text)
        #expect(terms.count == 64)
        #expect(terms.first == "w0" && terms.last == "w63")
        #expect(FTSQueryBuilder(maxTerms: 3).terms(in: text) == ["w0", "w1", "w2"])
    }
}
