/// One edge a parser found in a document: a link, wikilink or embed to another file, a tag, or a
/// front-matter `related` entry. Targets are kept as written (percent-decoded); the index resolves
/// them to files (`seek links`).
public struct DocumentLink: Sendable, Equatable, Hashable, Codable {
    /// What kind of edge this is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A Markdown inline or reference link, or an HTML `<a href>`, to a local file.
        case link
        /// An Obsidian `[[wikilink]]`.
        case wikilink
        /// An Obsidian `![[embed]]` or a Markdown image `![alt](file)`.
        case embed
        /// An inline `#tag` or a front-matter `tags` entry (`target` is the tag, lowercased, without `#`).
        case tag
        /// A front-matter `related` entry.
        case frontmatter
    }

    public var kind: Kind
    /// The target as written: a relative or absolute path (`../notes/a b.md`), a wikilink name
    /// (`folder/Note`), or a tag (`project/seek`). Never empty.
    public var target: String
    /// The heading or anchor after `#` (`[[Note#Install]]`, `a.md#usage`); nil when none.
    public var anchor: String?
    /// Unicode scalar offset in the document's text where the edge is written; nil for front matter.
    public var offset: Int?
    /// True for `[[...]]` forms (wikilinks, `![[embeds]]`, front-matter `"[[Note]]"`): the target
    /// is a name or a path from the root, not a path relative to the document.
    public var isWikiTarget: Bool

    public init(kind: Kind, target: String, anchor: String? = nil, offset: Int? = nil, isWikiTarget: Bool = false) {
        self.kind = kind
        self.target = target
        self.anchor = anchor
        self.offset = offset
        self.isWikiTarget = isWikiTarget
    }
}
