import SeekCore

/// The WordPiece model of Hugging Face `tokenizers`: splits one pre-tokenized, normalized word into
/// vocabulary pieces, greedily taking the longest piece at each position, continuation pieces
/// spelled with the `##` prefix.
struct WordPieceModel: Sendable {
    /// The vocabulary as a trie.
    let trie: VocabularyTrie
    /// Node of the continuation prefix (`##`): continuation pieces are looked up from here.
    let continuationNode: Int32
    /// Id of the unknown token (`[UNK]`).
    let unknownTokenId: Int32
    /// Words longer than this, in normalized scalars, become one `[UNK]` (`max_input_chars_per_word`).
    let maxInputCharactersPerWord: Int

    init(vocabulary: SortedVocabulary, unknownTokenId: Int32, continuingSubwordPrefix: String, maxInputCharactersPerWord: Int) {
        trie = VocabularyTrie(vocabulary)
        continuationNode = trie.node(from: VocabularyTrie.root, following: continuingSubwordPrefix)
        self.unknownTokenId = unknownTokenId
        self.maxInputCharactersPerWord = maxInputCharactersPerWord
    }

    /// Appends the pieces of the word `scalars` (normalized, non-empty), where `sources[i]` is the
    /// scalar offset in the original text that `scalars[i]` came from.
    ///
    /// A piece spans from the source of its first scalar to one past the source of its last. When
    /// some position has no matching piece, the whole word becomes one `[UNK]` (as `tokenizers`).
    func appendTokens(ofWord scalars: [UInt32], sources: [Int], to output: inout [TokenSpan]) {
        let count = scalars.count
        let wordStart = sources[0]
        let wordEnd = sources[count - 1] + 1
        guard count <= maxInputCharactersPerWord else {
            output.append(TokenSpan(id: unknownTokenId, start: wordStart, end: wordEnd, startsWord: true))
            return
        }
        let firstPiece = output.count
        var start = 0
        while start < count {
            var node = start == 0 ? VocabularyTrie.root : continuationNode
            var matchEnd = -1
            var matchId = VocabularyTrie.none
            var position = start
            while position < count && node != VocabularyTrie.none {
                node = trie.child(of: node, scalar: scalars[position])
                position += 1
                if node != VocabularyTrie.none {
                    let id = trie.tokenId(at: node)
                    if id != VocabularyTrie.none {
                        matchEnd = position
                        matchId = id
                    }
                }
            }
            guard matchEnd > 0 else {
                output.removeSubrange(firstPiece...)
                output.append(TokenSpan(id: unknownTokenId, start: wordStart, end: wordEnd, startsWord: true))
                return
            }
            output.append(TokenSpan(id: matchId, start: sources[start], end: sources[matchEnd - 1] + 1, startsWord: start == 0))
            start = matchEnd
        }
    }
}
