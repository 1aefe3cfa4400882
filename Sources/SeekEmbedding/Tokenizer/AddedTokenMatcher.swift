/// Finds the added tokens of a tokenizer (`[CLS]`, `[SEP]`, `[MASK]`...) in raw text.
///
/// `tokenizers` splits the input on its added tokens before normalizing (for tokens with
/// `normalized: false`), leftmost-longest: "a[SEP]b" is `a`, `[SEP]`, `b`. Matching is exact and
/// case-sensitive.
struct AddedTokenMatcher: Sendable {
    /// One added token, spelled in Unicode scalars.
    struct Token: Sendable {
        var scalars: [UInt32]
        var id: Int32
    }

    /// Tokens by first scalar, longest first.
    private let tokensByFirstScalar: [UInt32: [Token]]
    /// The same for ASCII first scalars, indexed by the scalar: no hashing on the hot path (a run
    /// of `[` asks at every character).
    private let asciiCandidates: [[Token]]
    /// `asciiStarts[b]` is true when some token starts with the ASCII scalar `b`.
    private let asciiStarts: [Bool]

    init(_ tokens: [Token]) {
        var byFirst: [UInt32: [Token]] = [:]
        var asciiStarts = [Bool](repeating: false, count: 128)
        for token in tokens {
            guard let first = token.scalars.first else { continue }
            byFirst[first, default: []].append(token)
            if first < 128 { asciiStarts[Int(first)] = true }
        }
        let sorted = byFirst.mapValues { candidates in
            candidates.sorted { ($0.scalars.count, $1.id) > ($1.scalars.count, $0.id) }
        }
        tokensByFirstScalar = sorted
        asciiCandidates = (0..<128).map { sorted[UInt32($0)] ?? [] }
        self.asciiStarts = asciiStarts
    }

    /// True when some added token may start with `value` (a fast first filter).
    @inline(__always)
    func mayStart(with value: UInt32) -> Bool {
        value < 128 ? asciiStarts[Int(value)] : tokensByFirstScalar[value] != nil
    }

    /// The longest added token spelled by `scalars` from `index`, with the index just past it.
    func match(in scalars: String.UnicodeScalarView, at index: String.UnicodeScalarView.Index)
        -> (token: Token, next: String.UnicodeScalarView.Index)?
    {
        let first = scalars[index].value
        guard let candidates = first < 128 ? asciiCandidates[Int(first)] : tokensByFirstScalar[first] else { return nil }
        candidateLoop: for candidate in candidates {
            var position = index
            for expected in candidate.scalars {
                guard position < scalars.endIndex, scalars[position].value == expected else { continue candidateLoop }
                scalars.formIndex(after: &position)
            }
            return (candidate, position)
        }
        return nil
    }
}
