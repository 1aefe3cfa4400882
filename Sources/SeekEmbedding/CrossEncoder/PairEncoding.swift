/// The model input of a (query, passage) pair for a BERT cross-encoder:
/// `[CLS] query [SEP] passage [SEP]`, token type 0 for the first segment and its `[SEP]`, 1 for
/// the second, truncated `longest_first` to `maxTokens` (as Hugging Face tokenizers do it).
public struct PairEncoding: Sendable, Equatable {
    /// Token ids, specials included.
    public let ids: [Int32]
    /// 0 or 1 per id.
    public let tokenTypes: [Int32]

    /// Truncation `longest_first`, with Hugging Face tokenizers' exact rule: with a budget of
    /// `maxTokens - 3` and n1 ≤ n2 the two segments' lengths, the shorter keeps all its tokens
    /// when the longer can take the rest (`n2 = max(n1, budget - n1)`); otherwise each gets half
    /// (the longer one the odd token). Tokens are cut from the end of each segment.
    public init(query: [Int32], passage: [Int32], cls: Int32, sep: Int32, maxTokens: Int) {
        let budget = max(0, maxTokens - 3)
        var first = query.count, second = passage.count
        if first + second > budget {
            let swapped = first > second
            var shorter = min(first, second), longer = max(first, second)
            longer = shorter > budget ? shorter : max(shorter, budget - shorter)
            if shorter + longer > budget {
                shorter = budget / 2
                longer = shorter + budget % 2
            }
            (first, second) = swapped ? (longer, shorter) : (shorter, longer)
            first = min(first, query.count)
            second = min(second, passage.count)
        }
        ids = [cls] + query.prefix(first) + [sep] + passage.prefix(second) + [sep]
        tokenTypes = Array(repeating: 0, count: first + 2) + Array(repeating: 1, count: second + 1)
    }

    /// One segment alone: `[CLS] query [SEP]`, all of token type 0, cut to `maxTokens`. What
    /// transformers does with an empty passage string (an empty `text_pair` is no pair).
    public init(query: [Int32], cls: Int32, sep: Int32, maxTokens: Int) {
        ids = [cls] + query.prefix(max(0, maxTokens - 2)) + [sep]
        tokenTypes = Array(repeating: 0, count: ids.count)
    }
}
