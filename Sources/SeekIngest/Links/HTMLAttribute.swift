/// Reads one attribute from the inside of an HTML start tag (`href="a.html" class=x`).
enum HTMLAttribute {
    /// The value of attribute `name` (case-insensitive) in `attributes`, unquoted and with
    /// entities decoded; nil when the attribute is absent or has no value.
    static func value(of name: String, in attributes: String) -> String? {
        let scalars = Array(attributes.unicodeScalars)
        var index = 0
        while index < scalars.count {
            while index < scalars.count, scalars[index].isWhitespaceScalar { index += 1 }
            let nameStart = index
            while index < scalars.count, !scalars[index].isWhitespaceScalar, scalars[index] != "=", scalars[index] != ">" { index += 1 }
            let attribute = String(scalars: scalars[nameStart..<index]).lowercased()
            while index < scalars.count, scalars[index].isWhitespaceScalar { index += 1 }
            guard index < scalars.count, scalars[index] == "=" else {
                if index == nameStart { index += 1 }
                continue
            }
            index += 1
            while index < scalars.count, scalars[index].isWhitespaceScalar { index += 1 }
            var value: String
            if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                let quote = scalars[index]
                let end = scalars[(index + 1)...].firstIndex(of: quote) ?? scalars.count
                value = String(scalars: scalars[(index + 1)..<end])
                index = end + 1
            } else {
                let start = index
                while index < scalars.count, !scalars[index].isWhitespaceScalar { index += 1 }
                value = String(scalars: scalars[start..<index])
            }
            if attribute == name { return HTMLEntityDecoder.decode(Substring(value)) }
        }
        return nil
    }
}
