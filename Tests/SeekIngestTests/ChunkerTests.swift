import Foundation
import SeekCore
import SeekEmbedding
import SeekIngest
import SeekTestSupport
import Testing

/// Real inputs for the chunker tests: the model's tokenizer and the Cranfield abstracts.
enum ChunkerFixture {
    static let packageDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static let sharedTokenizer = Result {
        try WordPieceTokenizer(contentsOf: packageDirectory.appendingPathComponent("Tests/Fixtures/tokenizer.json"))
    }

    /// The all-MiniLM-L6-v2 tokenizer (maxTokens 256), loaded once per test process.
    static func tokenizer() throws -> WordPieceTokenizer { try sharedTokenizer.get() }

    /// The 1,400 Cranfield abstracts.
    static func cranfield() throws -> [CranfieldDataset.Document] { try CranfieldDataset.documents() }

    /// `count` abstracts from `offset`, each "Title.\n\nText", as paragraphs.
    static func abstracts(_ count: Int, from offset: Int = 0) throws -> [String] {
        try cranfield()[offset..<(offset + count)].map { $0.title.prefix(1).uppercased() + $0.title.dropFirst() + "\n\n" + $0.text }
    }
}

struct ChunkerTests {
    // MARK: Invariants every chunking must keep

    /// Checks every rule of the chunker contract on `chunks` of `document` and returns the number of
    /// chunks per segment. `minimumFill`: non-last chunks of a split prose segment hold at least this
    /// share of the text-token limit.
    @discardableResult
    func expectValidChunks(
        _ chunks: [ChunkDraft], of document: ExtractedDocument, tokenizer: WordPieceTokenizer,
        configuration: ChunkingConfiguration, minimumFill: Double = 0.5, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [Int: Int] {
        let scalars = Array(document.text.unicodeScalars)
        let segments = document.segments.isEmpty ? [DocumentSegment(start: 0, end: scalars.count)] : document.segments
        let limit = configuration.maxTokens - 2
        #expect(chunks.map(\.ordinal) == Array(0..<chunks.count), sourceLocation: sourceLocation)

        var covered = [Bool](repeating: false, count: scalars.count)
        var chunksPerSegment: [Int: Int] = [:]
        var previous: (chunk: ChunkDraft, segment: Int)?
        for chunk in chunks {
            // Size, special tokens and exact re-tokenization.
            #expect(chunk.tokenIds.count <= configuration.maxTokens, sourceLocation: sourceLocation)
            #expect(chunk.tokenIds.count >= 3, sourceLocation: sourceLocation)
            let retokenized = [tokenizer.clsTokenId] + tokenizer.tokenSpans(chunk.text).map(\.id) + [tokenizer.sepTokenId]
            #expect(retokenized == chunk.tokenIds, "chunk \(chunk.ordinal) \(chunk.text.prefix(80).debugDescription)", sourceLocation: sourceLocation)
            if configuration.maxTokens == tokenizer.maxTokens {
                #expect(tokenizer.encode(chunk.text) == chunk.tokenIds, sourceLocation: sourceLocation)
            }
            // Text and offsets.
            #expect(chunk.start >= 0 && chunk.start < chunk.end && chunk.end <= scalars.count, sourceLocation: sourceLocation)
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[chunk.start..<chunk.end])
            #expect(chunk.text == String(slice), sourceLocation: sourceLocation)
            #expect(chunk.text.unicodeScalars.first?.properties.isWhitespace == false, sourceLocation: sourceLocation)
            #expect(chunk.text.unicodeScalars.last?.properties.isWhitespace == false, sourceLocation: sourceLocation)
            #expect(chunk.textHash == ContentHash.sha256Hex(chunk.text), sourceLocation: sourceLocation)
            // Inside exactly the segment it names.
            guard let segmentIndex = segments.firstIndex(where: { chunk.start >= $0.start && chunk.end <= $0.end }) else {
                Issue.record("chunk \(chunk.ordinal) crosses a segment boundary", sourceLocation: sourceLocation)
                continue
            }
            let segment = segments[segmentIndex]
            #expect(chunk.page == segment.page && chunk.headingPath == segment.headingPath, sourceLocation: sourceLocation)
            chunksPerSegment[segmentIndex, default: 0] += 1
            for offset in chunk.start..<chunk.end { covered[offset] = true }

            if let previous, previous.segment == segmentIndex {
                #expect(chunk.start > previous.chunk.start, "chunks advance", sourceLocation: sourceLocation)
                let overlap = tokenCount(from: chunk.start, to: previous.chunk.end, in: document.text, scalars: scalars, tokenizer: tokenizer)
                switch segment.layout {
                case .prose:
                    #expect(
                        abs(overlap - configuration.overlapTokens) <= max(2, configuration.overlapTokens / 4),
                        "overlap of \(overlap) tokens between chunks \(previous.chunk.ordinal) and \(chunk.ordinal)", sourceLocation: sourceLocation)
                    #expect(Double(previous.chunk.tokenIds.count - 2) >= minimumFill * Double(limit), sourceLocation: sourceLocation)
                case .records:
                    // Only the pieces of one line too long for a chunk overlap, like prose.
                    if chunk.start < previous.chunk.end {
                        #expect(!scalars[previous.chunk.start..<chunk.end].contains("\n"), "records overlap only inside one line", sourceLocation: sourceLocation)
                    }
                }
            }
            previous = (chunk, segmentIndex)
        }
        // Every non-whitespace character of every segment is in some chunk.
        for segment in segments {
            for offset in max(0, segment.start)..<min(segment.end, scalars.count) where !covered[offset] {
                if !scalars[offset].properties.isWhitespace {
                    Issue.record("character \(offset) \(scalars[offset].escaped(asASCII: true)) is in no chunk", sourceLocation: sourceLocation)
                    break
                }
            }
        }
        return chunksPerSegment
    }

    /// Tokens of the document whose source lies within `start..<end` (the overlap of two chunks).
    private func tokenCount(from start: Int, to end: Int, in text: String, scalars: [Unicode.Scalar], tokenizer: WordPieceTokenizer) -> Int {
        guard start < end else { return 0 }
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: scalars[start..<end])
        return tokenizer.tokenSpans(String(slice)).count
    }

    private func chunker(maxTokens: Int = 256, overlapTokens: Int = 32) throws -> (Chunker, WordPieceTokenizer, ChunkingConfiguration) {
        let tokenizer = try ChunkerFixture.tokenizer()
        let configuration = ChunkingConfiguration(maxTokens: maxTokens, overlapTokens: overlapTokens)
        return (try Chunker(tokenizer: tokenizer, configuration: configuration), tokenizer, configuration)
    }

    // MARK: Documents

    @Test func longProseIsSplitAtParagraphsWithOverlap() throws {
        let (chunker, tokenizer, configuration) = try chunker()
        // Abstracts under 100 tokens, so a paragraph break is always in a window's back half.
        let paragraphs = try ChunkerFixture.abstracts(400).filter { tokenizer.tokenSpans($0).count < 100 }.prefix(40)
        #expect(paragraphs.count == 40)
        let document = ExtractedDocument(text: paragraphs.joined(separator: "\n\n"))
        let chunks = chunker.chunks(of: document)
        let total = tokenizer.tokenSpans(document.text).count
        #expect(chunks.count >= total / 254 + 1)
        expectValidChunks(chunks, of: document, tokenizer: tokenizer, configuration: configuration)
        let scalars = Array(document.text.unicodeScalars)
        for chunk in chunks.dropLast() {
            #expect(scalars[chunk.end] == "\n" && scalars[chunk.end + 1] == "\n", "chunk \(chunk.ordinal) ends at a paragraph break")
        }
        #expect(chunker.chunks(of: document) == chunks, "deterministic")
    }

    /// An ASCII text (scalars kept one byte each) and the same text with a non-ASCII paragraph
    /// after it (four bytes each, with a UTF-8 offset table) are cut alike up to that paragraph.
    @Test func asciiAndNonASCIITextsAreCutAlike() throws {
        let (chunker, tokenizer, configuration) = try chunker()
        let ascii = ExtractedDocument(text: try ChunkerFixture.abstracts(40).joined(separator: "\n\n"))
        #expect(ascii.text.utf8.allSatisfy { $0 < 0x80 })
        let wide = ExtractedDocument(text: ascii.text + "\n\nCafé déjà vu.")
        let asciiChunks = chunker.chunks(of: ascii)
        let wideChunks = chunker.chunks(of: wide)
        #expect(asciiChunks.count > 5)
        expectValidChunks(wideChunks, of: wide, tokenizer: tokenizer, configuration: configuration)
        #expect(Array(wideChunks.prefix(asciiChunks.count - 1)) == Array(asciiChunks.dropLast()))
        #expect(wideChunks.last?.text.hasSuffix("Café déjà vu.") == true)
    }

    @Test func proseWithoutParagraphsIsCutAtSentenceEndsWhenTheBackHalfHasOne() throws {
        let (chunker, tokenizer, configuration) = try chunker(maxTokens: 96, overlapTokens: 8)
        let text = try ChunkerFixture.cranfield()[0..<10].map(\.text).joined(separator: " ")
        let document = ExtractedDocument(text: text)
        let chunks = chunker.chunks(of: document)
        #expect(chunks.count > 15)
        expectValidChunks(chunks, of: document, tokenizer: tokenizer, configuration: configuration)
        // A chunk that does not end a sentence had no ". " cut in the back half of its window.
        let spans = tokenizer.tokenSpans(text)
        let scalars = Array(text.unicodeScalars)
        let limit = configuration.maxTokens - 2
        var sentenceEnds = 0
        for chunk in chunks.dropLast() {
            if chunk.text.hasSuffix(".") {
                sentenceEnds += 1
                continue
            }
            let first = try #require(spans.firstIndex { $0.start >= chunk.start })
            for cut in (first + limit / 2)...min(first + limit, spans.count - 1) {
                let endsSentence = scalars[spans[cut - 1].start] == "." && spans[cut].start > spans[cut - 1].end
                #expect(!endsSentence, "chunk \(chunk.ordinal) could have ended at the sentence end before token \(cut)")
            }
        }
        #expect(sentenceEnds > 0)
    }

    @Test func markdownSectionsAreSegmentsWithTheirHeadingPaths() throws {
        let (chunker, tokenizer, configuration) = try chunker()
        let abstracts = try ChunkerFixture.abstracts(12, from: 100)
        var text = ""
        var segments: [DocumentSegment] = []
        func section(_ heading: String, path: [String], body: String) {
            text += heading + "\n\n"
            let start = text.unicodeScalars.count
            text += body
            segments.append(DocumentSegment(start: start, end: text.unicodeScalars.count, headingPath: path))
            text += "\n\n"
        }
        section("# Wind tunnels", path: ["Wind tunnels"], body: abstracts[0])
        section("## Supersonic", path: ["Wind tunnels", "Supersonic"], body: abstracts[1...8].joined(separator: "\n\n"))
        section("## Short", path: ["Wind tunnels", "Short"], body: "Tiny section.")
        section("## Empty", path: ["Wind tunnels", "Empty"], body: "   \n ")
        section("# Notes", path: ["Notes"], body: "- a list item\n- another item with `code`\n\n```\nlet x = 1\n```\n" + abstracts[9])
        let document = ExtractedDocument(text: text, title: "Wind tunnels", segments: segments)
        let chunks = chunker.chunks(of: document)
        let perSegment = expectValidChunks(chunks, of: document, tokenizer: tokenizer, configuration: configuration)
        #expect(perSegment[0] != nil && (perSegment[1] ?? 0) >= 3 && perSegment[2] == 1 && perSegment[3] == nil && perSegment[4] != nil, "\(perSegment)")
        #expect(chunks.first { $0.text == "Tiny section." }?.headingPath == ["Wind tunnels", "Short"])
        // Headings are outside every segment: never chunked.
        #expect(!chunks.contains { $0.text.contains("# ") })
    }

    @Test func pdfPagesKeepTheirPageNumbers() throws {
        let (chunker, tokenizer, configuration) = try chunker()
        let abstracts = try ChunkerFixture.abstracts(9, from: 300)
        var text = ""
        var segments: [DocumentSegment] = []
        for page in 0..<3 {
            // Lines wrapped at about 70 characters, as pdftotext prints them, pages separated by form feeds.
            let body = abstracts[(page * 3)..<(page * 3 + 3)].joined(separator: "\n\n")
            var wrapped = ""
            var column = 0
            for word in body.split(separator: " ", omittingEmptySubsequences: false) {
                if column + word.count > 70 {
                    wrapped += "\n"
                    column = 0
                } else if !wrapped.isEmpty {
                    wrapped += " "
                    column += 1
                }
                wrapped += word
                column += word.count
            }
            let start = text.unicodeScalars.count
            text += wrapped
            segments.append(DocumentSegment(start: start, end: text.unicodeScalars.count, page: page + 1))
            text += "\n\u{0C}"
        }
        let document = ExtractedDocument(text: text, segments: segments)
        let chunks = chunker.chunks(of: document)
        let perSegment = expectValidChunks(chunks, of: document, tokenizer: tokenizer, configuration: configuration)
        #expect(perSegment.count == 3)
        let pages = chunks.compactMap(\.page)
        #expect(pages.count == chunks.count && pages == pages.sorted() && Set(pages) == [1, 2, 3])
        #expect(!chunks.contains { $0.text.unicodeScalars.contains("\u{0C}") })
    }

    @Test func csvRowsArePackedWholeWithoutOverlap() throws {
        let (chunker, tokenizer, configuration) = try chunker(maxTokens: 128, overlapTokens: 16)
        let abstracts = try ChunkerFixture.cranfield()
        var rows = ["id,title,words,mach"]
        for index in 0..<120 {
            rows.append("\(index + 1),\"\(abstracts[index].title)\",\(abstracts[index].text.split(separator: " ").count),\(Double(index % 7) * 0.5)")
        }
        let longRow = "999,\"" + abstracts[200].text + " " + abstracts[201].text + "\",0,0"
        rows.insert(longRow, at: 60)
        let text = rows.joined(separator: "\r\n") + "\r\n"
        let document = ExtractedDocument(text: text, segments: [DocumentSegment(start: 0, end: text.unicodeScalars.count, headingPath: ["data.csv"], layout: .records)])
        let chunks = chunker.chunks(of: document)
        let limit = configuration.maxTokens - 2
        expectValidChunks(chunks, of: document, tokenizer: tokenizer, configuration: configuration)
        #expect(tokenizer.tokenSpans(longRow).count > limit)

        // Every row that fits lies whole inside exactly one chunk; the long row is split over several.
        var rowStart = 0
        for row in rows {
            let rowEnd = rowStart + row.unicodeScalars.count
            let containing = chunks.filter { $0.start <= rowStart && rowEnd <= $0.end }
            let touching = chunks.filter { $0.start < rowEnd && rowStart < $0.end }
            if row == longRow {
                #expect(containing.isEmpty && touching.count >= 2)
                for (first, second) in zip(touching, touching.dropFirst()) {
                    #expect(second.start < first.end, "the long row's pieces overlap like prose")
                }
            } else {
                #expect(containing.count == 1 && touching.count == 1, "row \(row.prefix(20)) is whole in one chunk")
            }
            rowStart = rowEnd + 2
        }
        // Rows are packed: adding the next row would have overflowed each chunk of short rows.
        let rowsBefore = chunks.filter { $0.end <= text.unicodeScalars.count / 3 }
        for (chunk, next) in zip(rowsBefore, rowsBefore.dropFirst()) {
            let nextRowTokens = tokenizer.tokenSpans(String(next.text.split(separator: "\r\n").first ?? "")).count
            #expect(chunk.tokenIds.count - 2 + nextRowTokens > limit)
        }
    }

    @Test func fiveThousandWordsWithoutPunctuationAreCutAtSpaces() throws {
        let (chunker, tokenizer, configuration) = try chunker()
        let words = try Set(ChunkerFixture.cranfield()[0..<50].flatMap { $0.text.split(separator: " ") }.map(String.init))
            .filter { $0.allSatisfy(\.isLetter) }.sorted()
        #expect(words.count > 300)
        let text = (0..<5000).map { words[($0 * 7_919 + $0 / 3) % words.count] }.joined(separator: " ")
        let document = ExtractedDocument(text: text)
        let chunks = chunker.chunks(of: document)
        #expect(chunks.count > 20)
        expectValidChunks(chunks, of: document, tokenizer: tokenizer, configuration: configuration, minimumFill: 0.9)
        let scalars = Array(text.unicodeScalars)
        for chunk in chunks.dropLast() { #expect(scalars[chunk.end] == " ") }
        for chunk in chunks.dropFirst() { #expect(scalars[chunk.start - 1] == " ") }
    }

    @Test func cjkTextWithoutSpacesIsCutAtSentenceEnds() throws {
        let (chunker, tokenizer, configuration) = try chunker(maxTokens: 96, overlapTokens: 16)
        let sentences = [
            "风洞实验表明机翼在螺旋桨滑流中的升力分布随攻角变化。", "边界层在后缘附近分离，导致阻力显著增加！",
            "超音速流动中激波与边界层的相互作用是否影响控制面的效率？", "日本語の文章も同じように扱われます。",
            "高超音速飞行器的热防护需要考虑烧蚀材料的性能和重量。",
        ]
        let text = (0..<40).map { sentences[$0 % sentences.count] }.joined()
        let document = ExtractedDocument(text: text)
        let chunks = chunker.chunks(of: document)
        #expect(chunks.count > 10)
        expectValidChunks(chunks, of: document, tokenizer: tokenizer, configuration: configuration)
        for chunk in chunks.dropLast() {
            #expect(["。", "！", "？"].contains(chunk.text.suffix(1)), "chunk \(chunk.ordinal) ends a sentence: \(chunk.text.suffix(5))")
        }
    }

    @Test func aThreeHundredCharacterWordIsOneUnknownToken() throws {
        let (chunker, tokenizer, configuration) = try chunker()
        let word = String(repeating: "pneumonoultramicroscopic", count: 13).prefix(300)
        let alone = ExtractedDocument(text: "  " + word + "\n")
        let chunks = chunker.chunks(of: alone)
        #expect(chunks.count == 1)
        #expect(chunks.first?.tokenIds == [tokenizer.clsTokenId, tokenizer.unknownTokenId, tokenizer.sepTokenId])
        #expect(chunks.first?.start == 2 && chunks.first?.end == 302)
        expectValidChunks(chunks, of: alone, tokenizer: tokenizer, configuration: configuration)

        let inProse = ExtractedDocument(text: try ChunkerFixture.abstracts(3).joined(separator: " ") + " " + word + " " + ChunkerFixture.abstracts(3, from: 3).joined(separator: " "))
        expectValidChunks(chunker.chunks(of: inProse), of: inProse, tokenizer: tokenizer, configuration: configuration)
    }

    @Test func aWordLongerThanATinyChunkIsSplitBetweenItsPiecesWithoutLoss() throws {
        let (chunker, tokenizer, configuration) = try chunker(maxTokens: 8, overlapTokens: 0)
        let text = "lung disease: pneumonoultramicroscopicsilicovolcanoconiosis, rarely."
        let spans = tokenizer.tokenSpans(text)
        let chunks = chunker.chunks(of: ExtractedDocument(text: text))
        #expect(chunks.allSatisfy { $0.tokenIds.count <= configuration.maxTokens })
        #expect(chunks.flatMap { $0.tokenIds.dropFirst().dropLast() } == spans.map(\.id))
        // Some chunk starts inside the word, at a "##" piece.
        #expect(chunks.contains { chunk in spans.first { $0.start == chunk.start }?.startsWord == false })
    }

    @Test func emptyAndBlankDocumentsHaveNoChunks() throws {
        let (chunker, _, _) = try chunker()
        #expect(chunker.chunks(of: ExtractedDocument(text: "")).isEmpty)
        #expect(chunker.chunks(of: ExtractedDocument(text: " \n\t\u{3000}\n")).isEmpty)
        #expect(chunker.chunks(of: ExtractedDocument(text: "text", segments: [DocumentSegment(start: 4, end: 4)])).isEmpty)
    }

    @Test func shortDocumentIsOneTrimmedChunk() throws {
        let (chunker, tokenizer, _) = try chunker()
        let text = "\n  Café déjà vu — naïve façade.  \n"
        let chunks = chunker.chunks(of: ExtractedDocument(text: text, title: "t"))
        #expect(chunks.count == 1)
        let chunk = try #require(chunks.first)
        #expect(chunk.text == "Café déjà vu — naïve façade.")
        #expect(chunk.start == 3 && chunk.end == 3 + chunk.text.unicodeScalars.count)
        #expect(chunk.tokenIds == tokenizer.encode(text))
        #expect(chunk.page == nil && chunk.headingPath.isEmpty)
    }

    @Test func charactersThatMakeNoTokenStayInsideChunks() throws {
        let (chunker, tokenizer, configuration) = try chunker(maxTokens: 24, overlapTokens: 0)
        let text = "\u{FEFF}first row\u{7}\nsecond\u{200B} row here\u{0}\nthird row \u{AD}x\nfourth e\u{301}\u{327}\n" + String(repeating: "more words here and there ", count: 8)
        let document = ExtractedDocument(text: text, segments: [DocumentSegment(start: 0, end: text.unicodeScalars.count, layout: .records)])
        let chunks = chunker.chunks(of: document)
        #expect(chunks.count >= 3)
        expectValidChunks(chunks, of: document, tokenizer: tokenizer, configuration: configuration)
        #expect(chunks.first?.start == 0)
    }

    @Test func segmentEdgesInsideWordsStillRetokenizeExactly() throws {
        let (chunker, tokenizer, configuration) = try chunker()
        let text = "supersonic-flow measurements over a cone, expressed in hypersonicparameters."
        // Edges inside "measurements" and inside "hypersonicparameters".
        let segments = [DocumentSegment(start: 0, end: 20), DocumentSegment(start: 20, end: 59), DocumentSegment(start: 59, end: text.unicodeScalars.count)]
        let document = ExtractedDocument(text: text, segments: segments)
        let chunks = chunker.chunks(of: document)
        #expect(chunks.count == 3)
        expectValidChunks(chunks, of: document, tokenizer: tokenizer, configuration: configuration)
    }

    @Test func segmentsPastTheEndAreClampedAndGapsAreSkipped() throws {
        let (chunker, tokenizer, configuration) = try chunker()
        let text = "kept one. skipped gap. kept two"
        let count = text.unicodeScalars.count
        let document = ExtractedDocument(text: text, segments: [DocumentSegment(start: 0, end: 9), DocumentSegment(start: 23, end: count + 50)])
        let chunks = chunker.chunks(of: document)
        #expect(chunks.map(\.text) == ["kept one.", "kept two"])
        #expect(chunks.last?.end == count)
        let clamped = ExtractedDocument(text: text, segments: [DocumentSegment(start: 0, end: 9), DocumentSegment(start: 23, end: count)])
        expectValidChunks(chunks, of: clamped, tokenizer: tokenizer, configuration: configuration)
    }

    @Test func rejectsAConfigurationLargerThanTheModel() throws {
        let tokenizer = try ChunkerFixture.tokenizer()
        #expect(throws: ChunkingConfigurationError.self) {
            try Chunker(tokenizer: tokenizer, configuration: ChunkingConfiguration(maxTokens: 512, overlapTokens: 32))
        }
        #expect(throws: ChunkingConfigurationError.self) {
            try Chunker(tokenizer: tokenizer, configuration: ChunkingConfiguration(maxTokens: 256, overlapTokens: 200))
        }
    }
}
