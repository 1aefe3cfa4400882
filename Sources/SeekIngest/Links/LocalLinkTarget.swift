import Foundation

/// A link destination that names a local file: the percent-decoded path and the anchor after `#`.
/// Destinations with a scheme (`https:`, `mailto:`, `file:`), protocol-relative ones (`//host`)
/// and anchors alone (`#usage`, the same document) are not local.
struct LocalLinkTarget: Equatable {
    var path: String
    var anchor: String?

    /// The local target of `destination` as written in a link, or nil when it is not local.
    init?(destination raw: String) {
        var destination = raw.trimmingCharacters(in: .whitespaces)
        if destination.hasPrefix("<"), destination.hasSuffix(">") {
            destination = String(destination.dropFirst().dropLast())
        }
        guard !destination.isEmpty, !destination.hasPrefix("#"), !destination.hasPrefix("//"),
              !Self.hasScheme(destination)
        else { return nil }
        var anchor: String?
        if let hash = destination.firstIndex(of: "#") {
            let fragment = String(destination[destination.index(after: hash)...])
            anchor = fragment.isEmpty ? nil : (fragment.removingPercentEncoding ?? fragment)
            destination = String(destination[..<hash])
        }
        if let query = destination.firstIndex(of: "?") { destination = String(destination[..<query]) }
        let path = destination.removingPercentEncoding ?? destination
        guard !path.isEmpty else { return nil }
        self.path = path
        self.anchor = anchor
    }

    /// `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`). A
    /// single letter before `:` is a Windows drive (`C:`), kept local.
    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard scheme.count >= 2, let first = scheme.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
            return false
        }
        return scheme.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
    }
}
