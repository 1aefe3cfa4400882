/// The patterns of one `.gitignore`, `.seekignore` or `.git/info/exclude` file, with git's semantics.
///
/// Hand-written: no gitignore library exists among Seek's allowed Swift packages.
///
/// Parsing: blank lines and lines starting with `#` are skipped; `\#` and `\!` escape a leading
/// `#` or `!`; trailing spaces are removed unless escaped (`\ `); a trailing CR is removed; `!`
/// negates; a trailing `/` matches directories only; a `/` at the start or in the middle anchors the
/// pattern to the file's directory, otherwise it matches a name at any depth below it.
///
/// Matching: the last matching pattern wins. Combining files (deeper files override shallower
/// ones; a file inside an excluded directory cannot be re-included because the scanner never
/// enters that directory) is the scanner's job (`IgnoreStack`).
public struct IgnoreRules: Sendable, Equatable {
    /// The valid patterns, in file order.
    public let patterns: [IgnorePattern]
    /// Lines that hold an invalid glob; they match nothing, as in git.
    public let invalidLines: [IgnoreSyntaxIssue]

    /// Parses the text of an ignore file. A leading byte order mark is skipped.
    public init(parsing text: String) {
        var patterns: [IgnorePattern] = []
        var invalidLines: [IgnoreSyntaxIssue] = []
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let lines = scalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() {
            do {
                if let pattern = try IgnorePattern(line: line, lineNumber: offset + 1) {
                    patterns.append(pattern)
                }
            } catch {
                invalidLines.append(IgnoreSyntaxIssue(
                    lineNumber: offset + 1, line: String(String.UnicodeScalarView(line)), error: error))
            }
        }
        self.patterns = patterns
        self.invalidLines = invalidLines
    }

    /// True when the file holds no pattern at all.
    public var isEmpty: Bool { patterns.isEmpty }

    /// What these rules say about an entry.
    /// - Parameters:
    ///   - relativePath: the entry's path relative to the ignore file's directory, `/`-separated,
    ///     without a leading or trailing `/` (e.g. `src/build` or `notes.md`).
    ///   - isDirectory: whether the entry is a directory (for `pattern/` rules).
    /// - Throws: `ScanError.invalidRelativePath` for an empty path, a leading or trailing `/`,
    ///   an empty component or a `.`/`..` component.
    public func decision(for relativePath: String, isDirectory: Bool) throws(ScanError) -> IgnoreDecision {
        let scalars = Array(relativePath.unicodeScalars)
        let components = scalars.split(separator: "/", omittingEmptySubsequences: false)
        guard !scalars.isEmpty,
              components.allSatisfy({ !$0.isEmpty && !$0.elementsEqual(["."]) && !$0.elementsEqual([".", "."]) })
        else {
            throw .invalidRelativePath(relativePath)
        }
        let nameStart = (scalars.lastIndex(of: "/") ?? -1) + 1
        return decision(relativePath: scalars[...], name: scalars[nameStart...], isDirectory: isDirectory)
    }

    /// `decision(for:isDirectory:)` on already split scalars (the scanner's hot path).
    func decision(
        relativePath: ArraySlice<Unicode.Scalar>, name: ArraySlice<Unicode.Scalar>, isDirectory: Bool
    ) -> IgnoreDecision {
        for pattern in patterns.reversed()
        where pattern.matches(relativePath: relativePath, name: name, isDirectory: isDirectory) {
            return pattern.isNegated ? .reincluded(lineNumber: pattern.lineNumber) : .ignored(lineNumber: pattern.lineNumber)
        }
        return .unmatched
    }
}
