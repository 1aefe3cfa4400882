// WordPieceTokenizer.swift — a small WordPiece tokenizer for BERT-style vocabularies.
//
// Written for the personal search engine side project: it splits text into words (lowercasing and
// stripping accents like the "uncased" models do), then greedily matches the longest vocabulary
// entry from the start of each word, marking continuation pieces with "##". Unknown words become
// [UNK]. This is a learning exercise, not a drop-in replacement for the reference implementation.

import Foundation

/// Splits text into WordPiece token ids using a vocabulary file with one token per line.
struct WordPieceTokenizer {
    let vocabulary: [String: Int]
    let unknownToken = "[UNK]"
    let maxCharactersPerWord = 100

    /// Loads `vocab.txt`: the line number (from 0) is the token id.
    init(vocabularyFile: URL) throws {
        let text = try String(contentsOf: vocabularyFile, encoding: .utf8)
        var vocabulary: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            vocabulary[String(line)] = index
        }
        self.vocabulary = vocabulary
    }

    /// Lowercases, removes combining accents and splits on whitespace and punctuation
    /// (each punctuation character becomes its own word).
    func basicWords(_ text: String) -> [String] {
        let folded = text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        var words: [String] = []
        var current = ""
        for character in folded {
            if character.isWhitespace {
                if !current.isEmpty { words.append(current); current = "" }
            } else if character.isPunctuation || character.isSymbol {
                if !current.isEmpty { words.append(current); current = "" }
                words.append(String(character))
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Greedy longest-match-first split of one word into vocabulary pieces.
    func pieces(of word: String) -> [String] {
        let characters = Array(word)
        guard characters.count <= maxCharactersPerWord else { return [unknownToken] }
        var pieces: [String] = []
        var start = 0
        while start < characters.count {
            var end = characters.count
            var match: String?
            while start < end {
                var candidate = String(characters[start..<end])
                if start > 0 { candidate = "##" + candidate }
                if vocabulary[candidate] != nil { match = candidate; break }
                end -= 1
            }
            guard let found = match else { return [unknownToken] }
            pieces.append(found)
            start = end
        }
        return pieces
    }

    /// Token ids for `text`, wrapped in [CLS] ... [SEP] and cut to `maxTokens`.
    func encode(_ text: String, maxTokens: Int = 256) -> [Int] {
        let tokens = basicWords(text).flatMap(pieces(of:))
        let body = tokens.prefix(maxTokens - 2).map { vocabulary[$0] ?? vocabulary[unknownToken] ?? 100 }
        return [vocabulary["[CLS]"] ?? 101] + body + [vocabulary["[SEP]"] ?? 102]
    }
}

// Quick check from the command line:
//   let tokenizer = try WordPieceTokenizer(vocabularyFile: URL(fileURLWithPath: "vocab.txt"))
//   print(tokenizer.basicWords("Unaffable déjà-vu!"))   // ["unaffable", "deja", "-", "vu", "!"]
//   print(tokenizer.pieces(of: "unaffable"))            // ["un", "##aff", "##able"]
