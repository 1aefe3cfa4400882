/// A line of an ignore file whose pattern cannot be compiled. Git silently ignores such lines;
/// Seek ignores them too and reports them so the person can fix the file.
public struct IgnoreSyntaxIssue: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number.
    public let lineNumber: Int
    /// The line as written.
    public let line: String
    /// What is wrong with it.
    public let error: GlobSyntaxError

    public var description: String {
        "line \(lineNumber) \"\(line)\": \(error)"
    }
}
