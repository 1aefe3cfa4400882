/// The `BertNormalizer` of Hugging Face `tokenizers`, applied one Unicode scalar at a time, with the
/// character classes of its `BertPreTokenizer`.
///
/// `tokenizers` runs, in order: clean text (drop NUL, U+FFFD and control characters, map whitespace
/// to a space), put spaces around Chinese characters, strip accents (NFD, then drop nonspacing marks),
/// lowercase (per character, no context). Every step maps one scalar to zero or more scalars
/// independently of its neighbours, so composing them per scalar gives the same text; the one
/// exception, NFD's canonical reordering of combining marks, only reorders marks that survive accent
/// stripping, and no BERT vocabulary piece contains such a mark (a word holding one is `[UNK]` in
/// any order).
struct BertNormalizer: Sendable {
    /// What the pre-tokenizer does with a normalized scalar.
    enum ScalarClass: UInt8, Sendable {
        /// Deleted by text cleaning: produces nothing and does not split words.
        case removed
        /// Ends the current word and is dropped.
        case whitespace
        /// Becomes a word of its own.
        case punctuation
        /// Part of the current word.
        case wordCharacter
    }

    /// What normalization made of one non-ASCII source scalar.
    enum Outcome: Sendable {
        /// Deleted by text cleaning.
        case removed
        /// Mapped to whitespace by text cleaning.
        case whitespace
        /// Replaced by the scalars written to the output buffer, each to be classified with `classify`.
        case scalars
        /// A Chinese character: the scalars written to the output buffer form a word of their own.
        case isolatedScalars
    }

    /// `clean_text`: drop control characters, map whitespace to a space.
    let cleansText: Bool
    /// `handle_chinese_chars`: surround CJK ideographs with spaces.
    let isolatesChineseCharacters: Bool
    /// `strip_accents`: NFD, then drop nonspacing marks.
    let stripsAccents: Bool
    /// `lowercase`.
    let lowercases: Bool

    /// Class of each ASCII scalar after normalization.
    private let asciiClasses: [ScalarClass]
    /// Each ASCII scalar after normalization (lowercased when `lowercases`).
    private let asciiScalars: [UInt32]

    init(cleansText: Bool, isolatesChineseCharacters: Bool, stripsAccents: Bool, lowercases: Bool) {
        self.cleansText = cleansText
        self.isolatesChineseCharacters = isolatesChineseCharacters
        self.stripsAccents = stripsAccents
        self.lowercases = lowercases
        var classes = [ScalarClass](repeating: .removed, count: 128)
        var scalars = [UInt32](repeating: 0, count: 128)
        for value in UInt32(0)..<128 {
            if cleansText && Self.isRemovedByCleaning(value) {
                classes[Int(value)] = .removed
                continue
            }
            let mapped = lowercases ? Self.lowercaseMappings[value].map { Self.lowercaseTable[$0.lowerBound] } ?? value : value
            scalars[Int(value)] = mapped
            classes[Int(value)] = Self.classify(mapped)
        }
        asciiClasses = classes
        asciiScalars = scalars
    }

    /// Class of the ASCII scalar `value` (< 128) after normalization.
    @inline(__always)
    func asciiClass(_ value: UInt32) -> ScalarClass { asciiClasses[Int(value)] }

    /// The ASCII scalar `value` (< 128) after normalization.
    @inline(__always)
    func asciiScalar(_ value: UInt32) -> UInt32 { asciiScalars[Int(value)] }

    /// Normalizes the non-ASCII scalar `value`, replacing the contents of `output` when the outcome
    /// is `.scalars` or `.isolatedScalars`.
    func normalize(_ value: UInt32, into output: inout [UInt32]) -> Outcome {
        output.removeAll(keepingCapacity: true)
        if cleansText {
            if Self.isRemovedByCleaning(value) { return .removed }
            if Self.isWhitespace(value) { return .whitespace }
        }
        if stripsAccents {
            if Self.appendHangulDecomposition(of: value, to: &output) {
                // Jamo are never nonspacing marks: nothing to strip.
            } else if let range = Self.decompositions[value] {
                for index in range where !Self.isNonspacingMark(Self.decompositionTable[index]) {
                    output.append(Self.decompositionTable[index])
                }
            } else if !Self.isNonspacingMark(value) {
                output.append(value)
            }
        } else {
            output.append(value)
        }
        if lowercases {
            var index = 0
            while index < output.count {
                if let range = Self.lowercaseMappings[output[index]] {
                    output.replaceSubrange(index...index, with: Self.lowercaseTable[range])
                    index += range.count
                } else {
                    index += 1
                }
            }
        }
        return isolatesChineseCharacters && Self.isChineseCharacter(value) ? .isolatedScalars : .scalars
    }

    /// Pre-tokenizer class of a normalized scalar.
    @inline(__always)
    static func classify(_ value: UInt32) -> ScalarClass {
        if isWhitespace(value) { return .whitespace }
        if isPunctuation(value) { return .punctuation }
        return .wordCharacter
    }

    /// The CJK ideograph blocks `tokenizers` isolates (its `is_chinese_char`).
    static func isChineseCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            true
        default:
            false
        }
    }

    static func isRemovedByCleaning(_ value: UInt32) -> Bool {
        rangesContain(BertUnicodeTables.removedByCleaning, value)
    }

    static func isWhitespace(_ value: UInt32) -> Bool {
        if value < 128 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return sortedContains(BertUnicodeTables.whitespace, value)
    }

    static func isPunctuation(_ value: UInt32) -> Bool {
        rangesContain(BertUnicodeTables.punctuation, value)
    }

    static func isNonspacingMark(_ value: UInt32) -> Bool {
        value >= 0x300 && rangesContain(BertUnicodeTables.nonspacingMarks, value)
    }

    /// Appends the canonical decomposition of a Hangul syllable (Unicode §3.12, algorithmic, so not
    /// in the generated table); false when `value` is not one.
    private static func appendHangulDecomposition(of value: UInt32, to output: inout [UInt32]) -> Bool {
        guard value >= 0xAC00 && value < 0xAC00 + 11_172 else { return false }
        let syllable = value - 0xAC00
        output.append(0x1100 + syllable / 588)
        output.append(0x1161 + (syllable % 588) / 28)
        let trailing = syllable % 28
        if trailing != 0 { output.append(0x11A7 + trailing) }
        return true
    }

    private static let decompositionTable = BertUnicodeTables.canonicalDecompositions
    private static let decompositions = recordIndex(BertUnicodeTables.canonicalDecompositions)
    private static let lowercaseTable = BertUnicodeTables.lowercaseMappings
    private static let lowercaseMappings = recordIndex(BertUnicodeTables.lowercaseMappings)

    /// Maps each record's scalar to the range of its replacement in the flat record table.
    private static func recordIndex(_ records: [UInt32]) -> [UInt32: Range<Int>] {
        var index: [UInt32: Range<Int>] = [:]
        var position = 0
        while position < records.count {
            let count = Int(records[position + 1])
            index[records[position]] = (position + 2)..<(position + 2 + count)
            position += 2 + count
        }
        return index
    }

    /// Binary search in flat, sorted, inclusive `(first, last)` range pairs.
    private static func rangesContain(_ ranges: [UInt32], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count / 2
        while low < high {
            let middle = (low + high) / 2
            if ranges[2 * middle + 1] < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < ranges.count / 2 && ranges[2 * low] <= value
    }

    private static func sortedContains(_ values: [UInt32], _ value: UInt32) -> Bool {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low] == value
    }
}
