/// Text from indexed files and file names made safe for a terminal: a heading or a file name
/// holding `ESC ] 0 ; … BEL` would otherwise set the window title, and `ESC ] 52` write the
/// clipboard. Control characters (C0, DEL, C1) and the Unicode bidirectional overrides are shown
/// as visible escapes (`\x1b`, `\u{202e}`). JSON output never goes through here: its escaping is exact.
enum TerminalText {
    /// One line: newlines and tabs are escaped too (`\n`, `\t`), so one file is one line.
    static func line(_ text: String) -> String {
        escaped(text, keepsLayout: false)
    }

    /// A block of text (a chunk in `seek show`): newlines and tabs are kept, every other control
    /// character is escaped.
    static func block(_ text: String) -> String {
        escaped(text, keepsLayout: true)
    }

    private static func escaped(_ text: String, keepsLayout: Bool) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where keepsLayout, "\t" where keepsLayout:
                output.unicodeScalars.append(scalar)
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                output += "\\x" + hex(scalar.value, digits: 2)
            case _ where isBidiControl(scalar):
                output += "\\u{" + hex(scalar.value, digits: 4) + "}"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isBidiControl(scalar)
    }

    /// Embeddings, overrides and isolates that reorder what follows them on screen.
    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
