/// The relationships of one OOXML part (`<folder>/_rels/<name>.rels`): relationship id -> target part.
struct OfficeRelationships {
    /// One relationship: the target part's path inside the archive and the relationship type URI.
    struct Relationship: Equatable {
        var target: String
        var type: String
    }

    /// Relationships by id ("rId3").
    private(set) var byID: [String: Relationship] = [:]

    /// The relationships of `part` in `archive` (none when it has no .rels part).
    init(of part: String, in archive: OfficeArchive) throws {
        let folder = Self.folder(of: part)
        let fileName = part.split(separator: "/").last.map(String.init) ?? part
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + fileName + ".rels"
        guard let data = try archive.data(of: relsPart) else { return }
        var collector = Collector()
        try archive.read(relsPart, data: data, into: &collector)
        for (id, target, type, external) in collector.items where !external {
            byID[id] = Relationship(target: Self.resolve(target, from: folder), type: type)
        }
    }

    /// The target part of relationship `id`.
    subscript(id: String) -> Relationship? { byID[id] }

    /// The first relationship whose type ends with `/typeSuffix` ("notesSlide").
    func first(ofType typeSuffix: String) -> Relationship? {
        byID.keys.sorted().lazy.compactMap { byID[$0] }.first { $0.type.hasSuffix("/" + typeSuffix) }
    }

    private static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    /// `target` made relative to the archive root: absolute targets lose their "/", relative ones
    /// are joined to `folder` with "." and ".." resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = folder.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }

    private struct Collector: XMLEventHandling {
        var items: [(String, String, String, Bool)] = []

        mutating func startElement(_ name: String, attributes: [String: String]) {
            guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
            items.append((id, target, attributes["Type"] ?? "", attributes["TargetMode"] == "External"))
        }

        mutating func endElement(_ name: String) {}
        mutating func characters(_ text: String) {}
    }
}
