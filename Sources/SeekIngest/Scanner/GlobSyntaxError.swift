/// Why a gitignore pattern cannot be compiled. Git silently treats such a pattern as matching
/// nothing; Seek does the same but reports the line (see `IgnoreRules.invalidLines`).
public enum GlobSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `[` opens a character class that is never closed by `]`.
    case unclosedBracket
    /// A `[:name:]` class that POSIX does not define.
    case unknownCharacterClass(name: String)
    /// The pattern ends with a lone `\`, which escapes nothing.
    case trailingBackslash

    public var description: String {
        switch self {
        case .unclosedBracket: "unclosed '[' character class"
        case .unknownCharacterClass(let name): "unknown character class [:\(name):]"
        case .trailingBackslash: "pattern ends with an unescaped backslash"
        }
    }
}
