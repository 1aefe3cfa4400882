/// What one set of ignore rules says about an entry.
public enum IgnoreDecision: Sendable, Equatable {
    /// The last matching pattern excludes the entry.
    case ignored(lineNumber: Int)
    /// The last matching pattern is a `!` negation: the entry is re-included, overriding
    /// shallower ignore files.
    case reincluded(lineNumber: Int)
    /// No pattern matches: shallower ignore files decide.
    case unmatched
}
