/// Row id of an indexed root folder.
public struct RootID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The SQLite rowid.
    public var rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    public static func < (lhs: RootID, rhs: RootID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}
