/// Reads the text of an RTF byte stream: groups, control words, destinations, code pages.
///
/// Hand-written: no RTF library exists among the available packages, and Foundation's RTF import
/// (NSAttributedString) is Darwin-only.
///
/// - Skipped destinations: `\*` groups, font/color/style/list tables, pictures, objects, headers and
///   footers, footnotes, annotations, field instructions, list numbering text, shape properties.
/// - `\info`: only `\title` (the document title), `\subject`, `\author` and `\keywords` are kept.
/// - `\par` `\line` `\sect` `\page` and `\row` end lines, `\tab` is a tab, `\cell` joins cells with " | ".
/// - `\'xx` and 8-bit bytes decode in the font's `\fcharset` when known (77 Mac Roman, 204 Cyrillic,
///   238 Central European) else in the document code page (`\ansicpgN`: 1252, 1250, 1251, 437, 850,
///   10000; `\ansi` `\mac` `\pc` `\pca`); an unsupported code page falls back to Windows-1252.
/// - `\uN` (negative N is N + 65536; surrogate pairs are joined) skips the next `\ucN` characters
///   (default 1), where a `\'xx`, a control word or one byte each count as one; `\~` `\_` `\-` are
///   no-break space, no-break hyphen and (dropped) optional hyphen; `\binN` skips N raw bytes.
struct RTFReader {
    /// The extracted body text (line endings LF).
    private(set) var text = String.UnicodeScalarView()
    /// `\info` fields found: "title", "subject", "author", "keywords".
    private(set) var infoFields: [String: String] = [:]
    /// The document code page in effect at the end.
    private(set) var codePage: SingleByteCodePage = .windows1252
    /// Code pages the document declared that are not supported (read as Windows-1252).
    private(set) var unsupportedCodePages: Set<Int> = []

    private enum Destination: Equatable {
        case body
        case skipped
        case fontTable
        case info
        case infoField(String)
    }

    private struct GroupState {
        var destination: Destination = .body
        var unicodeSkipCount = 1
        var fontCodePage: SingleByteCodePage?
        var ignorableFollows = false
    }

    private let bytes: [UInt8]
    private var index = 0
    private var state = GroupState()
    private var stack: [GroupState] = []
    private var skipRemaining = 0
    private var pendingHighSurrogate: UInt32?
    private var fonts: [Int: SingleByteCodePage] = [:]
    private var fontTableFont: Int?
    private var defaultFont: Int?
    private var infoBuffers: [String: String.UnicodeScalarView] = [:]

    /// Destinations whose content is never text.
    private static let skippedDestinations: Set<String> = [
        "colortbl", "stylesheet", "pict", "header", "headerl", "headerr", "headerf", "footer", "footerl",
        "footerr", "footerf", "footnote", "object", "objdata", "themedata", "colorschememapping", "datastore",
        "latentstyles", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "mmathPr", "fldinst",
        "listtext", "pntext", "pntxta", "pntxtb", "bkmkstart", "bkmkend", "sp", "sn", "sv", "shprslt", "nonshppict",
        "filetbl", "revtbl", "pgdsctbl", "userprops", "docvar", "template", "protusertbl", "xform", "fchars",
        "lchars", "wgrffmtfilter", "panose", "falt", "ftnsep", "ftnsepc", "ftncn", "aftnsep", "aftnsepc",
        "aftncn", "annotation", "atnid", "atnauthor", "atndate", "atnref", "factoidname", "blipuid", "defchp",
        "defpap", "pgptbl", "fontemb", "fontfile", "ud", "comment", "doccomm", "operator", "company", "category",
        "manager", "hlinkbase", "buptim", "creatim", "revtim", "printim",
    ]
    private static let infoDestinations: Set<String> = ["title", "subject", "author", "keywords"]
    private static let symbols: [String: Unicode.Scalar] = [
        "emdash": "\u{2014}", "endash": "\u{2013}", "emspace": "\u{2003}", "enspace": "\u{2002}",
        "qmspace": "\u{2005}", "bullet": "\u{2022}", "lquote": "\u{2018}", "rquote": "\u{2019}",
        "ldblquote": "\u{201C}", "rdblquote": "\u{201D}", "zwj": "\u{200D}", "zwnj": "\u{200C}",
    ]

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads the whole stream.
    mutating func read() {
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "{"):
                stack.append(state)
                state.ignorableFollows = false
                skipRemaining = 0
            case UInt8(ascii: "}"):
                closeGroup()
            case UInt8(ascii: "\\"):
                readControl()
            case 0x0D, 0x0A:
                continue
            case 0x09:
                emitCharacter("\t")
            default:
                emitCharacter(decoded(byte))
            }
        }
        flushInfoFields()
    }

    // MARK: - Groups

    private mutating func closeGroup() {
        skipRemaining = 0
        guard let outer = stack.popLast() else { return }
        let closed = state
        state = outer
        if closed.destination == .fontTable, outer.destination != .fontTable {
            fontTableFont = nil
            if let defaultFont { state.fontCodePage = fonts[defaultFont] }
        }
        if case .infoField = closed.destination, closed.destination != outer.destination {
            flushInfoFields()
        }
    }

    private mutating func enter(_ destination: Destination) {
        // A destination inside a skipped group stays skipped.
        if state.destination == .skipped { return }
        state.destination = destination
    }

    // MARK: - Control words and symbols

    private mutating func readControl() {
        guard index < bytes.count else { return }
        let first = bytes[index]
        if isLetter(first) {
            var word = ""
            while index < bytes.count, isLetter(bytes[index]), word.utf8.count < 32 {
                word.unicodeScalars.append(Unicode.Scalar(bytes[index]))
                index += 1
            }
            var parameter: Int?
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var digits = 0
            var value = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                if digits < 10 { value = value * 10 + Int(bytes[index] - 0x30) }
                digits += 1
                index += 1
            }
            if digits > 0 { parameter = negative ? -value : value }
            if index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            if skipRemaining > 0 {
                skipRemaining -= 1
                return
            }
            controlWord(word, parameter: parameter)
            return
        }
        index += 1
        switch first {
        case UInt8(ascii: "'"):
            guard index + 1 < bytes.count, let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else { return }
            index += 2
            emitCharacter(decoded(high << 4 | low))
        case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            emitCharacter(Unicode.Scalar(first))
        case UInt8(ascii: "~"):
            emitCharacter("\u{00A0}")
        case UInt8(ascii: "_"):
            emitCharacter("\u{2011}")
        case UInt8(ascii: "-"):
            consumeSkippedCharacter()
        case UInt8(ascii: "*"):
            if skipRemaining > 0 { skipRemaining -= 1 } else { state.ignorableFollows = true }
        case 0x0A, 0x0D:
            controlWord("par", parameter: nil)
        default:
            consumeSkippedCharacter()
        }
    }

    private mutating func controlWord(_ word: String, parameter: Int?) {
        if state.ignorableFollows {
            state.ignorableFollows = false
            enter(.skipped)
            return
        }
        switch word {
        case "fonttbl":
            enter(.fontTable)
        case "info":
            enter(.info)
        case _ where Self.infoDestinations.contains(word) && state.destination == .info:
            state.destination = .infoField(word)
        case _ where Self.skippedDestinations.contains(word):
            enter(.skipped)
        case "par", "line", "sect", "page":
            emitCharacter("\n")
        case "row", "nestrow":
            if state.destination == .body, text.suffix(3).elementsEqual(" | ".unicodeScalars) {
                text.removeLast(3)
            }
            emitCharacter("\n")
        case "tab":
            emitCharacter("\t")
        case "cell", "nestcell":
            emitString(" | ")
        case "u":
            guard let parameter else { return }
            emitUnicode(parameter < 0 ? parameter + 65_536 : parameter)
            skipRemaining = state.unicodeSkipCount
        case "uc":
            state.unicodeSkipCount = max(0, parameter ?? 1)
        case "ansicpg":
            guard let parameter else { return }
            if let page = SingleByteCodePage(windowsCodePage: parameter) {
                codePage = page
            } else {
                unsupportedCodePages.insert(parameter)
            }
        case "ansi": codePage = .windows1252
        case "mac": codePage = .macRoman
        case "pc": codePage = .ibm437
        case "pca": codePage = .ibm850
        case "deff":
            defaultFont = parameter
        case "f":
            guard let parameter else { return }
            if state.destination == .fontTable {
                fontTableFont = parameter
            } else {
                state.fontCodePage = fonts[parameter]
            }
        case "plain":
            state.fontCodePage = defaultFont.flatMap { fonts[$0] }
        case "fcharset":
            guard state.destination == .fontTable, let font = fontTableFont, let parameter else { return }
            switch parameter {
            case 77: fonts[font] = .macRoman
            case 204: fonts[font] = .windows1251
            case 238: fonts[font] = .windows1250
            case 0: fonts[font] = .windows1252
            default: break
            }
        case "bin":
            index = min(bytes.count, index + max(0, parameter ?? 0))
        default:
            if let symbol = Self.symbols[word] { emitCharacter(symbol) }
        }
    }

    // MARK: - Output

    private mutating func emitUnicode(_ value: Int) {
        let unit = UInt32(truncatingIfNeeded: value)
        if (0xD800...0xDBFF).contains(unit) {
            pendingHighSurrogate = unit
            return
        }
        if (0xDC00...0xDFFF).contains(unit), let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            let combined = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
            emitRaw(Unicode.Scalar(combined) ?? "\u{FFFD}")
            return
        }
        pendingHighSurrogate = nil
        emitRaw(Unicode.Scalar(unit) ?? "\u{FFFD}")
    }

    /// One character of input: dropped while a `\uN` fallback is being skipped.
    private mutating func emitCharacter(_ scalar: Unicode.Scalar) {
        if consumeSkippedCharacter() { return }
        emitRaw(scalar)
    }

    private mutating func emitString(_ string: String) {
        for scalar in string.unicodeScalars { emitRaw(scalar) }
    }

    /// Counts one skipped fallback character; true when the character must be dropped.
    @discardableResult
    private mutating func consumeSkippedCharacter() -> Bool {
        guard skipRemaining > 0 else { return false }
        skipRemaining -= 1
        return true
    }

    private mutating func emitRaw(_ scalar: Unicode.Scalar) {
        switch state.destination {
        case .body: text.append(scalar)
        case .infoField(let name): infoBuffers[name, default: String.UnicodeScalarView()].append(scalar)
        case .skipped, .fontTable, .info: break
        }
    }

    private mutating func flushInfoFields() {
        for (name, buffer) in infoBuffers {
            let value = String(buffer).collapsingWhitespace()
            if !value.isEmpty, infoFields[name] == nil { infoFields[name] = value }
        }
        infoBuffers = [:]
    }

    private func decoded(_ byte: UInt8) -> Unicode.Scalar {
        (state.fontCodePage ?? codePage).scalar(for: byte)
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
