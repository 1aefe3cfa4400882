import SeekCore

extension WordPieceTokenizer {
    /// Tokenizes `text` in one pass over its Unicode scalars, appending token spans to `output`
    /// until it holds at least `limit` of them (then truncates it to `limit`).
    ///
    /// Normalization and pre-tokenization run per scalar into a reused word buffer; each finished word
    /// goes through WordPiece. ASCII takes a table-driven fast path.
    func appendTokenSpans(of text: String, limit: Int, to output: inout [TokenSpan]) {
        guard limit > 0 else { return }
        var word = WordBuffer()
        var normalized: [UInt32] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var offset = 0

        while index < scalars.endIndex {
            let value = scalars[index].value
            if addedTokens.mayStart(with: value), let match = addedTokens.match(in: scalars, at: index) {
                if flush(&word, to: &output, limit: limit) { return }
                let length = match.token.scalars.count
                output.append(TokenSpan(id: match.token.id, start: offset, end: offset + length, startsWord: true))
                if output.count >= limit { return }
                offset += length
                index = match.next
                continue
            }
            if value < 0x80 {
                switch normalizer.asciiClass(value) {
                case .removed:
                    break
                case .whitespace:
                    if flush(&word, to: &output, limit: limit) { return }
                case .punctuation:
                    if flush(&word, to: &output, limit: limit) { return }
                    word.append(normalizer.asciiScalar(value), source: offset)
                    if flush(&word, to: &output, limit: limit) { return }
                case .wordCharacter:
                    word.append(normalizer.asciiScalar(value), source: offset)
                }
            } else {
                switch normalizer.normalize(value, into: &normalized) {
                case .removed:
                    break
                case .whitespace:
                    if flush(&word, to: &output, limit: limit) { return }
                case .scalars:
                    if appendNormalized(normalized, source: offset, to: &word, output: &output, limit: limit) { return }
                case .isolatedScalars:
                    if flush(&word, to: &output, limit: limit) { return }
                    if appendNormalized(normalized, source: offset, to: &word, output: &output, limit: limit) { return }
                    if flush(&word, to: &output, limit: limit) { return }
                }
            }
            offset += 1
            scalars.formIndex(after: &index)
        }
        _ = flush(&word, to: &output, limit: limit)
    }

    /// Pre-tokenizes the normalized scalars of one source scalar into `word`; true once `limit` is reached.
    private func appendNormalized(
        _ normalized: [UInt32], source: Int, to word: inout WordBuffer, output: inout [TokenSpan], limit: Int
    ) -> Bool {
        for scalar in normalized {
            switch BertNormalizer.classify(scalar) {
            case .removed:
                break
            case .whitespace:
                if flush(&word, to: &output, limit: limit) { return true }
            case .punctuation:
                if flush(&word, to: &output, limit: limit) { return true }
                word.append(scalar, source: source)
                if flush(&word, to: &output, limit: limit) { return true }
            case .wordCharacter:
                word.append(scalar, source: source)
            }
        }
        return false
    }

    /// Runs WordPiece on the buffered word, if any, and empties the buffer; true once `output` holds
    /// `limit` tokens (it is then cut to exactly `limit`).
    @inline(__always)
    private func flush(_ word: inout WordBuffer, to output: inout [TokenSpan], limit: Int) -> Bool {
        guard !word.scalars.isEmpty else { return false }
        model.appendTokens(ofWord: word.scalars, sources: word.sources, to: &output)
        word.removeAll()
        if output.count >= limit {
            output.removeSubrange(limit...)
            return true
        }
        return false
    }
}
