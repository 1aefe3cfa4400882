/// One pattern line of a `.gitignore`-style file, parsed with git's rules.
public struct IgnorePattern: Sendable, Equatable {
    /// The glob as written, after removing `!`, the trailing `/`, the leading `/` and trailing spaces.
    public let glob: String
    /// `!pattern`: a match re-includes what an earlier (or shallower) pattern excluded.
    public let isNegated: Bool
    /// `pattern/`: matches directories only.
    public let isDirectoryOnly: Bool
    /// The pattern held a `/` (other than a trailing one): it matches the path relative to the
    /// ignore file's directory. Otherwise it matches the entry's name at any depth below it.
    public let isAnchored: Bool
    /// 1-based line in the ignore file.
    public let lineNumber: Int

    private let compiled: GlobPattern

    /// Parses one line; nil for blank lines and `#` comments.
    /// - Throws: `GlobSyntaxError` when the glob cannot be compiled (git ignores such a line).
    init?(line rawLine: ArraySlice<Unicode.Scalar>, lineNumber: Int) throws(GlobSyntaxError) {
        var line = Array(rawLine)
        if line.last == "\r" { line.removeLast() }
        guard let first = line.first, first != "#" else { return nil }
        Self.trimTrailingSpaces(&line)
        var negated = false
        if line.first == "!" {
            negated = true
            line.removeFirst()
        }
        var directoryOnly = false
        if line.last == "/" {
            directoryOnly = true
            line.removeLast()
        }
        guard !line.isEmpty else { return nil }
        let anchored = line.contains("/")
        if anchored, line.first == "/" { line.removeFirst() }
        guard !line.isEmpty else { return nil }
        self.compiled = try GlobPattern(line[...], treatsLiteralPrefixAsStart: anchored)
        self.glob = String(String.UnicodeScalarView(line))
        self.isNegated = negated
        self.isDirectoryOnly = directoryOnly
        self.isAnchored = anchored
        self.lineNumber = lineNumber
    }

    /// Whether the pattern matches an entry.
    /// - Parameters:
    ///   - relativePath: the entry's path relative to the ignore file's directory, `/`-separated.
    ///   - name: the entry's last path component.
    ///   - isDirectory: whether the entry is (or, for a followed symlink, leads to) a directory.
    func matches(relativePath: ArraySlice<Unicode.Scalar>, name: ArraySlice<Unicode.Scalar>, isDirectory: Bool) -> Bool {
        if isDirectoryOnly, !isDirectory { return false }
        return isAnchored
            ? compiled.matches(relativePath, slashIsSeparator: true)
            : compiled.matches(name, slashIsSeparator: false)
    }

    /// Removes trailing spaces unless escaped with a backslash (git's `trim_trailing_spaces`:
    /// only U+0020, and `\ ` keeps its space).
    private static func trimTrailingSpaces(_ line: inout [Unicode.Scalar]) {
        var firstTrailingSpace: Int?
        var index = 0
        while index < line.count {
            switch line[index] {
            case " ":
                if firstTrailingSpace == nil { firstTrailingSpace = index }
            case "\\":
                index += 1
                if index == line.count { return }
                firstTrailingSpace = nil
            default:
                firstTrailingSpace = nil
            }
            index += 1
        }
        if let firstTrailingSpace { line.removeSubrange(firstTrailingSpace...) }
    }

    public static func == (left: IgnorePattern, right: IgnorePattern) -> Bool {
        left.glob == right.glob && left.isNegated == right.isNegated && left.isDirectoryOnly == right.isDirectoryOnly
            && left.isAnchored == right.isAnchored && left.lineNumber == right.lineNumber
    }
}
