import Logging
import SeekCore

/// Cuts an `ExtractedDocument` into chunks that each fit the embedding model whole.
///
/// The document is tokenized once; chunks stay inside their segment, hold at most
/// `maxTokens - 2` text tokens (so `[CLS]` + text + `[SEP]` fits the model: nothing is ever
/// truncated), and end only before a token that starts a word, preferring paragraph breaks, then
/// line breaks, sentence ends, other whitespace, and any word start last. `prose` segments are
/// packed greedily and consecutive chunks overlap by about `overlapTokens`; `records` segments (CSV
/// rows) are packed whole line by whole line without overlap. Every chunk's text re-tokenizes to
/// exactly its `tokenIds`, except in one case that needs `maxTokens` under about 100: a single word
/// with more pieces than a chunk holds is split between two of its pieces (nothing is dropped).
public struct Chunker: Sendable {
    /// The limits chunks are cut to.
    public let configuration: ChunkingConfiguration
    private let tokenizer: any TextTokenizing
    static let logger = Logger(label: "seek.ingest")

    /// - Throws: `ChunkingConfigurationError` when `configuration` is invalid or allows more tokens
    ///   than the tokenizer's model takes.
    public init(tokenizer: any TextTokenizing, configuration: ChunkingConfiguration = ChunkingConfiguration()) throws(ChunkingConfigurationError) {
        try configuration.validate()
        guard configuration.maxTokens <= tokenizer.maxTokens else {
            throw .invalid(
                field: "maxTokens", value: configuration.maxTokens,
                reason: "the tokenizer's model takes at most \(tokenizer.maxTokens) tokens")
        }
        self.configuration = configuration
        self.tokenizer = tokenizer
    }

    /// The chunks of `document`, in text order, numbered from 0.
    ///
    /// Empty `segments` means one prose segment over the whole text; text outside every segment is
    /// not chunked. Segments with no tokens (empty, whitespace) give no chunk. Segment offsets past
    /// the end of the text are clamped (and logged).
    public func chunks(of document: ExtractedDocument) -> [ChunkDraft] {
        let text = ScalarIndexedText(document.text)
        let scalars = text.scalars
        guard !scalars.isEmpty else { return [] }
        let documentTokens = tokenizer.tokenSpans(document.text)
        let segments = document.segments.isEmpty ? [DocumentSegment(start: 0, end: scalars.count)] : document.segments
        var drafts: [ChunkDraft] = []
        for (segmentIndex, original) in segments.enumerated() {
            var segment = original
            segment.start = min(max(segment.start, 0), scalars.count)
            segment.end = min(max(segment.end, segment.start), scalars.count)
            if segment.start != original.start || segment.end != original.end {
                Self.logger.warning(
                    "segment out of the text's bounds, clamped",
                    metadata: [
                        "segment": "\(segmentIndex)", "start": "\(original.start)", "end": "\(original.end)",
                        "scalars": "\(scalars.count)",
                    ])
            }
            guard segment.start < segment.end else { continue }
            let tokens = tokens(of: segment, documentTokens: documentTokens, text: text)
            guard !tokens.isEmpty else { continue }
            let qualities = CutQuality.qualities(of: tokens, in: scalars)
            let pieces: [Range<Int>] =
                switch segment.layout {
                case .prose: prosePieces(of: 0..<tokens.count, qualities: qualities)
                case .records: recordPieces(of: tokens.count, qualities: qualities)
                }
            for piece in pieces {
                drafts.append(
                    draft(of: piece, ordinal: drafts.count, tokens: tokens, segment: segment, text: text))
            }
        }
        return drafts
    }

    /// The tokens inside `segment`: the document's own when the segment's edges fall between words,
    /// else (an edge inside a word) the segment's text tokenized on its own, so that every chunk's
    /// text still re-tokenizes to its ids.
    private func tokens(of segment: DocumentSegment, documentTokens: [TokenSpan], text: ScalarIndexedText) -> [TokenSpan] {
        let lower = firstToken(startingAtOrAfter: segment.start, in: documentTokens)
        let upper = firstToken(startingAtOrAfter: segment.end, in: documentTokens)
        if isCleanEdge(segment.start, tokenIndex: lower, tokens: documentTokens)
            && isCleanEdge(segment.end, tokenIndex: upper, tokens: documentTokens)
        {
            // The whole document (the usual case) shares the array instead of copying it.
            return lower == 0 && upper == documentTokens.count ? documentTokens : Array(documentTokens[lower..<upper])
        }
        return tokenizer.tokenSpans(text.slice(segment.start..<segment.end)).map { token in
            TokenSpan(id: token.id, start: token.start + segment.start, end: token.end + segment.start, startsWord: token.startsWord)
        }
    }

    /// True when cutting the text at `offset` leaves the tokens on both sides unchanged: no token
    /// straddles it and the first token after it starts a word.
    private func isCleanEdge(_ offset: Int, tokenIndex: Int, tokens: [TokenSpan]) -> Bool {
        if tokenIndex > 0 && tokens[tokenIndex - 1].end > offset { return false }
        if tokenIndex < tokens.count && !tokens[tokenIndex].startsWord { return false }
        return true
    }

    /// Index of the first token whose start is at or after `offset` (binary search; starts never decrease).
    private func firstToken(startingAtOrAfter offset: Int, in tokens: [TokenSpan]) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].start < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The chunk of the segment tokens `piece`. Its text runs from its first token (from the
    /// segment's first non-whitespace character for the first piece) to just before the next
    /// token (to the segment's end for the last piece), without trailing whitespace, so characters
    /// that make no token (control or format characters) are kept in some chunk.
    private func draft(of piece: Range<Int>, ordinal: Int, tokens: [TokenSpan], segment: DocumentSegment, text: ScalarIndexedText) -> ChunkDraft {
        let scalars = text.scalars
        var start = tokens[piece.lowerBound].start
        if piece.lowerBound == 0 {
            start = segment.start
            while start < tokens[0].start && ScalarIndexedText.isWhitespace(scalars[start]) { start += 1 }
        }
        let lastEnd = tokens[piece.upperBound - 1].end
        var end = piece.upperBound == tokens.count ? segment.end : tokens[piece.upperBound].start
        while end > lastEnd && ScalarIndexedText.isWhitespace(scalars[end - 1]) { end -= 1 }
        end = max(end, lastEnd)

        let chunkText = text.slice(start..<end)
        var tokenIds: [Int32] = []
        tokenIds.reserveCapacity(piece.count + 2)
        tokenIds.append(tokenizer.clsTokenId)
        for token in tokens[piece] { tokenIds.append(token.id) }
        tokenIds.append(tokenizer.sepTokenId)
        return ChunkDraft(
            ordinal: ordinal, text: chunkText, start: start, end: end, page: segment.page,
            headingPath: segment.headingPath, tokenIds: tokenIds, textHash: ContentHash.sha256Hex(chunkText))
    }
}
