import SeekCore

extension Chunker {
    /// Splits the tokens `range` of a prose segment into overlapping pieces of at most
    /// `maxTextTokens` tokens.
    ///
    /// Each piece is filled up to the limit, then backs off to the best cut in the last half of the
    /// window (the latest of equally good ones), so a piece is never cut short for a slightly better
    /// break far back. Only when the back half has no cut at all (one word of many pieces) does it
    /// take the latest cut before it; when the whole window is one word, it is cut inside the word
    /// (impossible unless `maxTokens` is tiny: a word has at most `max_input_chars_per_word` pieces).
    func prosePieces(of range: Range<Int>, qualities: [CutQuality]) -> [Range<Int>] {
        let limit = configuration.maxTextTokens
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        while range.upperBound - start > limit {
            let windowEnd = start + limit
            let backHalf = start + max(1, limit / 2)
            var cut = -1
            var best = CutQuality.none
            for index in stride(from: windowEnd, through: backHalf, by: -1) where qualities[index] > best {
                cut = index
                best = qualities[index]
            }
            if cut < 0 {
                cut = stride(from: backHalf - 1, to: start, by: -1).first { qualities[$0] > .none } ?? -1
            }
            if cut < 0 {
                Self.logger.warning(
                    "a word longer than a chunk is split inside the word",
                    metadata: ["tokens": "\(start)..<\(windowEnd)", "maxTokens": "\(configuration.maxTokens)"])
                cut = windowEnd
            }
            pieces.append(start..<cut)
            start = overlapStart(endingAt: cut, after: start, qualities: qualities)
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }

    /// Where the piece after one ending at `cut` starts: about `overlapTokens` before `cut`, at a
    /// word start. Within a quarter of the overlap around that target it takes the best boundary
    /// (a sentence start over a plain space; the nearest of equals, the earlier on a tie), else the
    /// word start nearest the target; always after `previousStart`, so chunking advances.
    func overlapStart(endingAt cut: Int, after previousStart: Int, qualities: [CutQuality]) -> Int {
        let overlap = configuration.overlapTokens
        let lowest = previousStart + 1
        guard overlap > 0, lowest < cut else { return cut }
        let target = cut - overlap
        let radius = max(1, overlap / 4)
        let nearLow = max(lowest, target - radius)
        let nearHigh = min(cut - 1, target + radius)
        var best: Int?
        if nearLow <= nearHigh {
            for index in nearLow...nearHigh where qualities[index] >= .whitespace {
                guard let current = best else {
                    best = index
                    continue
                }
                if qualities[index] > qualities[current]
                    || (qualities[index] == qualities[current] && abs(index - target) < abs(current - target))
                {
                    best = index
                }
            }
        }
        if let best { return best }
        var nearest: Int?
        for index in lowest..<cut where qualities[index] > .none {
            if let current = nearest, abs(current - target) <= abs(index - target) { continue }
            nearest = index
        }
        return nearest ?? cut
    }

    /// Splits the tokens of a `records` segment into pieces of whole lines, packed greedily without
    /// overlap; a line longer than a piece on its own is split like prose.
    func recordPieces(of tokenCount: Int, qualities: [CutQuality]) -> [Range<Int>] {
        let limit = configuration.maxTextTokens
        var pieces: [Range<Int>] = []
        var group: Range<Int>?
        var lineStart = 0
        for index in 1...tokenCount {
            guard index == tokenCount || qualities[index] >= .lineBreak else { continue }
            let line = lineStart..<index
            lineStart = index
            if line.count > limit {
                if let current = group { pieces.append(current) }
                group = nil
                pieces.append(contentsOf: prosePieces(of: line, qualities: qualities))
            } else if let current = group, current.count + line.count <= limit {
                group = current.lowerBound..<line.upperBound
            } else {
                if let current = group { pieces.append(current) }
                group = line
            }
        }
        if let current = group { pieces.append(current) }
        return pieces
    }
}
