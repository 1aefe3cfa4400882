/// A WordPiece vocabulary as its pieces in UTF-8 byte order, every spelling in one byte buffer.
///
/// It is the order `VocabularyTrie` is built in and the order `TokenizerVocabularyCache` stores,
/// so a tokenizer loaded from the cache builds its trie without sorting and without a
/// `Dictionary<String, Int32>` of 30,522 hashed strings (together ~20 ms of every process that
/// loads the tokenizer, measured by `perf` on `seek search` and `seek index`). A piece's id is
/// found by binary search over the spellings.
package struct SortedVocabulary: Sendable, Equatable {
    /// Every spelling, one after the other.
    private let spellings: [UInt8]
    /// Entry `i` is spelled by `spellings[starts[i]..<starts[i + 1]]`; `count + 1` values.
    private let starts: [Int32]
    /// Entry `i`'s token id.
    package let ids: [Int32]

    /// Entries.
    package var count: Int { ids.count }

    /// The vocabulary of `dictionary` (piece -> id), sorted.
    package init(_ dictionary: [String: Int32]) {
        let entries = dictionary.map { (bytes: Array($0.key.utf8), id: $0.value) }
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        var spellings: [UInt8] = []
        var starts: [Int32] = [0]
        starts.reserveCapacity(entries.count + 1)
        for entry in entries {
            spellings += entry.bytes
            starts.append(Int32(spellings.count))
        }
        self.spellings = spellings
        self.starts = starts
        ids = entries.map(\.id)
    }

    /// A vocabulary read back from its parts, or nil unless they make one: `starts` begins at 0,
    /// never decreases and ends at the buffer's end, one id per entry, every spelling valid UTF-8
    /// and each strictly after the one before in byte order (so no piece twice).
    package init?(spellings: [UInt8], starts: [Int32], ids: [Int32]) {
        guard starts.first == 0, starts.count == ids.count + 1, Int(starts[starts.count - 1]) == spellings.count else { return nil }
        for index in 0..<ids.count {
            let (start, end) = (Int(starts[index]), Int(starts[index + 1]))
            guard start <= end, String(validating: spellings[start..<end], as: UTF8.self) != nil else { return nil }
            if index > 0 {
                let previous = spellings[Int(starts[index - 1])..<start]
                guard previous.lexicographicallyPrecedes(spellings[start..<end]) else { return nil }
            }
        }
        self.spellings = spellings
        self.starts = starts
        self.ids = ids
    }

    /// The UTF-8 spelling of entry `index`.
    @inline(__always)
    package func spelling(_ index: Int) -> ArraySlice<UInt8> {
        spellings[Int(starts[index])..<Int(starts[index + 1])]
    }

    /// Byte `depth` of entry `index`'s spelling (which is longer than `depth`).
    @inline(__always)
    func byte(at depth: Int, of index: Int) -> UInt8 {
        spellings[Int(starts[index]) + depth]
    }

    /// The piece of entry `index`.
    package func token(_ index: Int) -> String {
        String(decoding: spelling(index), as: UTF8.self)
    }

    /// The id of `token`, or nil when it is not a piece of the vocabulary.
    package func id(of token: String) -> Int32? {
        let wanted = Array(token.utf8)
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            let spelled = spelling(middle)
            if spelled.elementsEqual(wanted) { return ids[middle] }
            if spelled.lexicographicallyPrecedes(wanted) { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Piece -> id, as `tokenizer.json` spells it (for tests and diagnostics).
    package var dictionary: [String: Int32] {
        Dictionary(uniqueKeysWithValues: (0..<count).map { (token($0), ids[$0]) })
    }
}
