import SeekIngest
import Testing

/// `IgnoreRules` on its own: parsing and single-file matching with git's documented semantics.
/// Every case of `IgnoreRulesCase.all` is also checked against real `git check-ignore` in
/// `IgnoreRulesGitParityTests` when git is installed.
struct IgnoreRulesTests {
    @Test(arguments: IgnoreRulesCase.all)
    func decisionFollowsGitSemantics(_ testCase: IgnoreRulesCase) throws {
        let rules = IgnoreRules(parsing: testCase.rules)
        let decision = try rules.decision(for: testCase.path, isDirectory: testCase.isDirectory)
        #expect(IgnoreRulesCase.Outcome(decision) == testCase.expected, "\(testCase)")
    }

    @Test func commentsBlankLinesAndSpacesAreNotPatterns() {
        let rules = IgnoreRules(parsing: "# a comment\n\n   \n\t\n*.log\n  #not-a-comment\n")
        #expect(rules.patterns.map(\.glob) == ["\t", "*.log", "  #not-a-comment"])
        #expect(rules.patterns.map(\.lineNumber) == [4, 5, 6])
        #expect(rules.invalidLines.isEmpty)
    }

    @Test func parsesFlagsAndStripsMarkers() {
        let rules = IgnoreRules(parsing: "!/build/\ndocs/api\nname\n**/deep/**\n\\!literal\n\\#hash\n")
        let summary = rules.patterns.map { "\($0.glob) neg=\($0.isNegated) dir=\($0.isDirectoryOnly) anchored=\($0.isAnchored)" }
        #expect(summary == [
            "build neg=true dir=true anchored=true",
            "docs/api neg=false dir=false anchored=true",
            "name neg=false dir=false anchored=false",
            "**/deep/** neg=false dir=false anchored=true",
            "\\!literal neg=false dir=false anchored=false",
            "\\#hash neg=false dir=false anchored=false",
        ])
    }

    @Test func trailingSpacesAreTrimmedUnlessEscapedAndCarriageReturnsDropped() {
        let rules = IgnoreRules(parsing: "\u{FEFF}a   \nb\\ \\ \nc\\  \r\nd\r\n")
        #expect(rules.patterns.map(\.glob) == ["a", "b\\ \\ ", "c\\ ", "d"])
    }

    @Test func markersAloneAreNotPatterns() {
        let rules = IgnoreRules(parsing: "/\n!\n!/\n//\n")
        #expect(rules.patterns.isEmpty)
    }

    @Test func invalidLinesMatchNothingAndAreReported() throws {
        let rules = IgnoreRules(parsing: "a[b\n*.tmp\nfoo\\\n[[:nope:]]x\n")
        #expect(rules.patterns.map(\.glob) == ["*.tmp"])
        #expect(rules.invalidLines.map(\.lineNumber) == [1, 3, 4])
        #expect(rules.invalidLines.map(\.error) == [
            .unclosedBracket, .trailingBackslash, .unknownCharacterClass(name: "nope"),
        ])
        #expect(rules.invalidLines[0].description.contains("line 1 \"a[b\""))
        #expect(try rules.decision(for: "a[b", isDirectory: false) == .unmatched)
        #expect(try rules.decision(for: "foo", isDirectory: false) == .unmatched)
        #expect(try rules.decision(for: "x.tmp", isDirectory: false) == .ignored(lineNumber: 2))
    }

    @Test func decisionNamesTheDecidingLine() throws {
        let rules = IgnoreRules(parsing: "*.log\n!keep.log\n")
        #expect(try rules.decision(for: "a/x.log", isDirectory: false) == .ignored(lineNumber: 1))
        #expect(try rules.decision(for: "a/keep.log", isDirectory: false) == .reincluded(lineNumber: 2))
    }

    /// Deliberate difference from git, which matches bytes: `?` and classes match one Unicode
    /// scalar, so they match accented and CJK names the way a person means them.
    @Test func wildcardsMatchWholeUnicodeScalars() throws {
        let rules = IgnoreRules(parsing: "caf?.md\n[é]t[é].txt\n日?.txt\n")
        #expect(try rules.decision(for: "café.md", isDirectory: false) == .ignored(lineNumber: 1))
        #expect(try rules.decision(for: "été.txt", isDirectory: false) == .ignored(lineNumber: 2))
        #expect(try rules.decision(for: "日本.txt", isDirectory: false) == .ignored(lineNumber: 3))
        #expect(try rules.decision(for: "日本語.txt", isDirectory: false) == .unmatched)
    }

    @Test func manyStarsDoNotBacktrackExponentially() throws {
        let rules = IgnoreRules(parsing: "*a*a*a*a*a*a*a*a*a*a*a*a*b\n**/**/**/**/**/**/**/**/z\n")
        let name = String(repeating: "a", count: 200)
        #expect(try rules.decision(for: name, isDirectory: false) == .unmatched)
        let deep = Array(repeating: "d", count: 60).joined(separator: "/") + "/y"
        #expect(try rules.decision(for: deep, isDirectory: false) == .unmatched)
        #expect(try rules.decision(for: deep.dropLast() + "z", isDirectory: false) == .ignored(lineNumber: 2))
    }

    @Test(arguments: ["", "/abs", "dir/", "a//b", "./a", "a/../b", ".."])
    func rejectsPathsThatAreNotRelative(_ path: String) {
        #expect(throws: ScanError.invalidRelativePath(path)) {
            try IgnoreRules(parsing: "*").decision(for: path, isDirectory: false)
        }
    }
}

/// One line-up of rules, a path relative to the rules' directory and git's verdict for it.
struct IgnoreRulesCase: Sendable, CustomStringConvertible {
    enum Outcome: String, Sendable {
        case ignored, reincluded, unmatched

        init(_ decision: IgnoreDecision) {
            switch decision {
            case .ignored: self = .ignored
            case .reincluded: self = .reincluded
            case .unmatched: self = .unmatched
            }
        }
    }

    let rules: String
    let path: String
    let isDirectory: Bool
    let expected: Outcome

    var description: String { "rules \(rules.debugDescription) path \(path)\(isDirectory ? "/" : "") -> \(expected)" }

    private static func file(_ rules: String, _ path: String, _ expected: Outcome) -> IgnoreRulesCase {
        IgnoreRulesCase(rules: rules, path: path, isDirectory: false, expected: expected)
    }

    private static func directory(_ rules: String, _ path: String, _ expected: Outcome) -> IgnoreRulesCase {
        IgnoreRulesCase(rules: rules, path: path, isDirectory: true, expected: expected)
    }

    /// Cases taken from the gitignore documentation's rules and examples, plus edge cases of
    /// git's wildmatch; each verdict was checked with `git check-ignore` (git 2.39).
    static let all: [IgnoreRulesCase] = [
        // a pattern without a slash matches a name at any depth
        file("*.log", "a.log", .ignored),
        file("*.log", "deep/er/a.log", .ignored),
        file("*.log", "a.log.txt", .unmatched),
        directory("*.log", "dir.log", .ignored),
        // a leading or middle slash anchors to the file's directory
        file("/root.txt", "root.txt", .ignored),
        file("/root.txt", "sub/root.txt", .unmatched),
        file("doc/frotz", "doc/frotz", .ignored),
        file("doc/frotz", "a/doc/frotz", .unmatched),
        file("/*.c", "x.c", .ignored),
        file("/*.c", "d/x.c", .unmatched),
        // a trailing slash matches directories only
        directory("frotz/", "frotz", .ignored),
        file("frotz/", "frotz", .unmatched),
        directory("frotz/", "a/frotz", .ignored),
        directory("doc/frotz/", "doc/frotz", .ignored),
        file("doc/frotz/", "doc/frotz", .unmatched),
        directory("doc/frotz/", "x/doc/frotz", .unmatched),
        // negation and "last match wins"
        file("*.log\n!keep.log", "keep.log", .reincluded),
        file("*.log\n!keep.log", "x.log", .ignored),
        file("!keep.log\n*.log", "keep.log", .ignored),
        directory("build/\n!build/", "build", .reincluded),
        file("*.txt\n!/keep.txt", "keep.txt", .reincluded),
        file("*.txt\n!/keep.txt", "d/keep.txt", .ignored),
        file("a/**\n!a/keep", "a/keep", .reincluded),
        file("a/**\n!a/keep", "a/other", .ignored),
        // escapes, comments, spaces
        file("\\#hash", "#hash", .ignored),
        file("#comment", "#comment", .unmatched),
        file("\\!bang", "!bang", .ignored),
        file("trail   ", "trail", .ignored),
        file("space\\ ", "space ", .ignored),
        file("space\\ ", "space", .unmatched),
        file(" lead", " lead", .ignored),
        file(" lead", "lead", .unmatched),
        file("crlf.txt\r\n", "crlf.txt", .ignored),
        file("e\\scaped", "escaped", .ignored),
        // ** forms
        file("**/foo", "foo", .ignored),
        file("**/foo", "a/b/foo", .ignored),
        file("**/foo/bar", "foo/bar", .ignored),
        file("**/foo/bar", "x/y/foo/bar", .ignored),
        file("**/foo/bar", "x/foo/baz", .unmatched),
        file("abc/**", "abc/x", .ignored),
        file("abc/**", "abc/x/y", .ignored),
        directory("abc/**", "abc", .unmatched),
        file("a/**/b", "a/b", .ignored),
        file("a/**/b", "a/x/b", .ignored),
        file("a/**/b", "a/x/y/b", .ignored),
        file("a/**/b", "c/a/b", .unmatched),
        file("**/b", "ab", .unmatched),
        file("a/**/b", "a/xb", .unmatched),
        file("**/[ab]", "ca", .unmatched),
        directory("a/**/", "a/x", .ignored),
        file("a/**/", "a/x", .unmatched),
        file("**", "a/b", .ignored),
        file("a**b", "axyb", .ignored),
        file("x/a**b", "x/aQb", .ignored),
        file("x/a**b", "x/a/b", .unmatched),
        file("x/**b", "x/yb", .ignored),
        file("x/**b", "x/y/b", .unmatched),
        // git compares an anchored pattern's wildcard-free prefix on its own
        file("foo**/bar", "foo/x/bar", .ignored),
        file("foo**/bar", "fooa/b/bar", .ignored),
        // * and ? do not cross a slash in anchored patterns
        file("x/a?c", "x/abc", .ignored),
        file("x/a?c", "x/a/c", .unmatched),
        file("x/a*c", "x/abbc", .ignored),
        file("x/a*c", "x/a/bc", .unmatched),
        file("d/*", "d/x", .ignored),
        file("*", "anything", .ignored),
        file("a?c", "abc", .ignored),
        file("a?c", "ac", .unmatched),
        // character classes
        file("[a-c]at", "bat", .ignored),
        file("[a-c]at", "dat", .unmatched),
        file("[!a-c]at", "dat", .ignored),
        file("[!a-c]at", "bat", .unmatched),
        file("[^a-c]at", "dat", .ignored),
        file("[[:digit:]]*.txt", "1x.txt", .ignored),
        file("[[:digit:]]*.txt", "x1.txt", .unmatched),
        file("[[:upper:][:punct:]]z", "Qz", .ignored),
        file("[[:upper:][:punct:]]z", "_z", .ignored),
        file("[[:upper:][:punct:]]z", "qz", .unmatched),
        file("[]]x", "]x", .ignored),
        file("[!]]x", "]x", .unmatched),
        file("[!]]x", "yx", .ignored),
        file("[a-]z", "-z", .ignored),
        file("[\\]]x", "]x", .ignored),
        file("[z-a]x", "mx", .unmatched),
        file("*.[oa]", "x.o", .ignored),
        file("*.[oa]", "x.c", .unmatched),
        file("q[[:]x", "q:x", .ignored),
        file("q[[:]x", "q[x", .ignored),
        file("[a-c-e]x", "-x", .ignored),
        file("[a-c-e]x", "dx", .unmatched),
        // invalid patterns match nothing
        file("foo\\", "foo", .unmatched),
        file("a[b", "a[b", .unmatched),
        file("[[:foo:]]z", "fz", .unmatched),
        // case-sensitive, like git on Linux
        file("README", "readme", .unmatched),
    ]
}
