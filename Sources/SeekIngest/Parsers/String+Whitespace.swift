extension String {
    /// The string without leading and trailing whitespace and newlines.
    func trimmingWhitespaceAndNewlines() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceScalar }),
              let last = scalars.lastIndex(where: { !$0.isWhitespaceScalar })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Runs of whitespace (newlines included) replaced by one space, ends trimmed.
    func collapsingWhitespace() -> String {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isWhitespaceScalar {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(scalars: result)
    }
}

extension String {
    /// A string made of `scalars`, built through a UTF-8 byte buffer (appending scalars to a
    /// `String.UnicodeScalarView` one by one is several times slower).
    init<Scalars: Sequence>(scalars: Scalars) where Scalars.Element == Unicode.Scalar {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.underestimatedCount)
        for scalar in scalars {
            if scalar.value < 0x80 {
                utf8.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { utf8.append($0) }
            }
        }
        self = String(decoding: utf8, as: UTF8.self)
    }
}
