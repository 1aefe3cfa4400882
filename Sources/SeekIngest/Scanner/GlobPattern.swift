/// A gitignore glob compiled from git's wildmatch syntax and matched on Unicode scalars.
///
/// Hand-written: no gitignore/wildmatch library exists among Seek's allowed Swift packages, and
/// Foundation's `fnmatch` knows neither `**` nor git's escaping rules.
///
/// Syntax (git's): `\x` matches `x` literally; `?` one scalar; `[...]` a character class
/// (see `GlobCharacterClass`); `*` any run of scalars; `**` preceded by the start or `/` and
/// followed by `/` or the end crosses directories (`**/`, `/**`, `/**/`); any other `**` is `*`.
/// In path mode, `?`, `*` and classes never match `/`.
///
/// Differences from git, documented on purpose: git matches bytes, this matches Unicode scalars,
/// so `?` and `[é]` match one non-ASCII character, which is what a person writing the pattern
/// means. For ASCII the two agree.
///
/// Matching simulates the pattern as a small automaton (one pass over the text, no backtracking),
/// so no pattern can take exponential time.
struct GlobPattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        /// `?`
        case anyScalar
        /// `[...]`
        case characterClass(GlobCharacterClass)
        /// `*`: any run of scalars, `/` excluded in path mode.
        case star
        /// `**` at the end (`/**`) or alone: anything, `/` included.
        case anyPath
        /// Start of `**/`, compiled as `optionalDirectories, anyPath, literal("/")`: zero or more
        /// whole directories. It consumes nothing; it lets the match either enter the two tokens
        /// that follow or skip them.
        case optionalDirectories

        /// Whether the token can be passed without consuming input (to the next token).
        var matchesEmpty: Bool {
            switch self {
            case .star, .anyPath, .optionalDirectories: true
            case .literal, .anyScalar, .characterClass: false
            }
        }
    }

    let tokens: [Token]
    /// The whole pattern when it holds no wildcard, compared directly.
    private let literalText: [Unicode.Scalar]?

    /// Compiles `pattern`.
    /// - Parameter treatsLiteralPrefixAsStart: git compares an anchored pattern's wildcard-free
    ///   prefix separately and runs wildmatch on the rest only, so `foo**/bar` behaves like
    ///   `foo` + `**/bar`. True reproduces that for anchored patterns.
    init(_ pattern: ArraySlice<Unicode.Scalar>, treatsLiteralPrefixAsStart: Bool = false) throws(GlobSyntaxError) {
        let scalars = Array(pattern)
        var tokens: [Token] = []
        var sawWildcard = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                sawWildcard = true
                guard index + 1 < scalars.count else { throw .trailingBackslash }
                tokens.append(.literal(scalars[index + 1]))
                index += 2
            case "?":
                sawWildcard = true
                tokens.append(.anyScalar)
                index += 1
            case "[":
                sawWildcard = true
                let (characterClass, next) = try Self.parseClass(scalars, openingAt: index)
                tokens.append(.characterClass(characterClass))
                index = next
            case "*":
                var end = index
                while end < scalars.count, scalars[end] == "*" { end += 1 }
                let atStart = index == 0 || scalars[index - 1] == "/" || (treatsLiteralPrefixAsStart && !sawWildcard)
                sawWildcard = true
                if end - index >= 2, atStart {
                    if end == scalars.count {
                        tokens.append(.anyPath)
                        index = end
                    } else if scalars[end] == "/" {
                        tokens.append(contentsOf: [.optionalDirectories, .anyPath, .literal("/")])
                        index = end + 1
                    } else if scalars[end] == "\\", end + 1 < scalars.count, scalars[end + 1] == "/" {
                        tokens.append(contentsOf: [.optionalDirectories, .anyPath, .literal("/")])
                        index = end + 2
                    } else {
                        tokens.append(.star)
                        index = end
                    }
                } else {
                    tokens.append(.star)
                    index = end
                }
            default:
                tokens.append(.literal(scalar))
                index += 1
            }
        }
        self.tokens = tokens
        var literal: [Unicode.Scalar] = []
        for token in tokens {
            guard case .literal(let scalar) = token else { literal = []; break }
            literal.append(scalar)
        }
        self.literalText = literal.count == tokens.count ? literal : nil
    }

    /// Whether the whole `text` matches.
    /// - Parameter slashIsSeparator: path mode (git's WM_PATHNAME): `?`, `*` and classes do not
    ///   match `/`. Basename patterns are matched with `false`.
    func matches(_ text: ArraySlice<Unicode.Scalar>, slashIsSeparator: Bool) -> Bool {
        if let literalText {
            return text.elementsEqual(literalText)
        }
        let count = tokens.count
        var current = [Bool](repeating: false, count: count + 1)
        var next = current
        current[0] = true
        closeOverEmptyMatches(&current)
        for scalar in text {
            var anyActive = false
            let blocked = slashIsSeparator && scalar == "/"
            for index in 0..<count where current[index] {
                switch tokens[index] {
                case .literal(let expected):
                    if expected == scalar { next[index + 1] = true; anyActive = true }
                case .anyScalar:
                    if !blocked { next[index + 1] = true; anyActive = true }
                case .characterClass(let characterClass):
                    if !blocked, characterClass.contains(scalar) { next[index + 1] = true; anyActive = true }
                case .star:
                    if !blocked { next[index] = true; anyActive = true }
                case .anyPath:
                    next[index] = true
                    anyActive = true
                case .optionalDirectories:
                    break
                }
            }
            guard anyActive else { return false }
            closeOverEmptyMatches(&next)
            swap(&current, &next)
            for index in next.indices { next[index] = false }
        }
        return current[count]
    }

    /// Activates the states reachable without consuming input. Ascending order suffices: every
    /// such move goes forward.
    private func closeOverEmptyMatches(_ states: inout [Bool]) {
        for index in 0..<tokens.count where states[index] && tokens[index].matchesEmpty {
            states[index + 1] = true
            if tokens[index] == .optionalDirectories { states[index + 3] = true }
        }
    }

    /// Parses the bracket expression opening at `start` with git's rules: a `]` right after `[`
    /// or `[!` is literal, `-` between two members is a range, `\` escapes, `[:name:]` is a POSIX
    /// class, and a `[:` without its closing `:]` is a literal `[`.
    private static func parseClass(
        _ scalars: [Unicode.Scalar], openingAt start: Int
    ) throws(GlobSyntaxError) -> (GlobCharacterClass, next: Int) {
        var characterClass = GlobCharacterClass()
        var index = start + 1
        if index < scalars.count, scalars[index] == "!" || scalars[index] == "^" {
            characterClass.isNegated = true
            index += 1
        }
        var previous: Unicode.Scalar?
        var isFirst = true
        while true {
            guard index < scalars.count else { throw .unclosedBracket }
            let scalar = scalars[index]
            if scalar == "]", !isFirst {
                return (characterClass, index + 1)
            }
            isFirst = false
            if scalar == "\\" {
                guard index + 1 < scalars.count else { throw .unclosedBracket }
                let escaped = scalars[index + 1]
                characterClass.scalars.append(escaped)
                previous = escaped
                index += 2
            } else if scalar == "-", let lower = previous, index + 1 < scalars.count, scalars[index + 1] != "]" {
                var upperIndex = index + 1
                if scalars[upperIndex] == "\\" {
                    upperIndex += 1
                    guard upperIndex < scalars.count else { throw .unclosedBracket }
                }
                characterClass.ranges.append((lower.value, scalars[upperIndex].value))
                previous = nil
                index = upperIndex + 1
            } else if scalar == "[", index + 1 < scalars.count, scalars[index + 1] == ":" {
                let nameStart = index + 2
                var close = nameStart
                while close < scalars.count, scalars[close] != "]" { close += 1 }
                guard close < scalars.count else { throw .unclosedBracket }
                if close - nameStart >= 1, scalars[close - 1] == ":" {
                    let name = String(String.UnicodeScalarView(scalars[nameStart..<(close - 1)]))
                    guard let named = GlobCharacterClass.NamedClass(rawValue: name) else {
                        throw .unknownCharacterClass(name: name)
                    }
                    characterClass.namedClasses.append(named)
                    previous = nil
                    index = close + 1
                } else {
                    characterClass.scalars.append("[")
                    previous = "["
                    index += 1
                }
            } else {
                characterClass.scalars.append(scalar)
                previous = scalar
                index += 1
            }
        }
    }
}
