import Foundation
import SeekCore
import SeekStore

extension GraphService {
    /// The whole graph as text in `format`. Nodes: every file (`file`), every tag (`tag`, id
    /// `#tag`) and every unresolved target (`missing`, id `?target`). Edges: every link, wikilink,
    /// embed and front-matter relation (to its file or missing node) and every tag use.
    /// JSON: {"nodes":[{"id","type","title"?}],"edges":[{"source","target","kind","anchor"?}]}.
    public func export(format: GraphExportFormat) async throws(EngineError) -> String {
        try await EngineError.wrapping("graph", directory: settings.indexDirectory) {
            let reader = try await reader()
            let files = try await reader.nodes()
            var nodes = files.map { ExportNode(id: $0.path, type: "file", title: $0.title) }
            var extra = Set<String>()
            var edges: [ExportEdge] = []
            for edge in try await reader.allEdges() {
                let target: String
                switch (edge.kind, edge.targetPath) {
                case (.tag, _):
                    target = "#" + edge.target
                    if extra.insert(target).inserted { nodes.append(ExportNode(id: target, type: "tag", title: nil)) }
                case (_, let path?):
                    target = path
                case (_, nil):
                    target = "?" + edge.target
                    if extra.insert(target).inserted { nodes.append(ExportNode(id: target, type: "missing", title: nil)) }
                }
                edges.append(ExportEdge(source: edge.sourcePath, target: target, kind: edge.kind.rawValue, anchor: edge.anchor))
            }
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                return String(decoding: try encoder.encode(ExportGraph(nodes: nodes, edges: edges)), as: UTF8.self)
            case .dot:
                var lines = ["digraph seek {"]
                for node in nodes {
                    let label = node.title ?? node.id
                    lines.append("  \(Self.dotQuoted(node.id)) [label=\(Self.dotQuoted(label)), shape=\(node.type == "file" ? "box" : node.type == "tag" ? "ellipse" : "plaintext")];")
                }
                for edge in edges {
                    lines.append("  \(Self.dotQuoted(edge.source)) -> \(Self.dotQuoted(edge.target)) [label=\(Self.dotQuoted(edge.kind))];")
                }
                lines.append("}")
                return lines.joined(separator: "\n")
            case .graphml:
                var lines = [
                    #"<?xml version="1.0" encoding="UTF-8"?>"#,
                    #"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#,
                    #"  <key id="type" for="node" attr.name="type" attr.type="string"/>"#,
                    #"  <key id="title" for="node" attr.name="title" attr.type="string"/>"#,
                    #"  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>"#,
                    #"  <key id="anchor" for="edge" attr.name="anchor" attr.type="string"/>"#,
                    #"  <graph id="seek" edgedefault="directed">"#,
                ]
                for node in nodes {
                    var line = "    <node id=\"\(Self.xmlEscaped(node.id))\"><data key=\"type\">\(node.type)</data>"
                    if let title = node.title { line += "<data key=\"title\">\(Self.xmlEscaped(title))</data>" }
                    lines.append(line + "</node>")
                }
                for (index, edge) in edges.enumerated() {
                    var line = "    <edge id=\"e\(index)\" source=\"\(Self.xmlEscaped(edge.source))\" target=\"\(Self.xmlEscaped(edge.target))\">"
                    line += "<data key=\"kind\">\(edge.kind)</data>"
                    if let anchor = edge.anchor { line += "<data key=\"anchor\">\(Self.xmlEscaped(anchor))</data>" }
                    lines.append(line + "</edge>")
                }
                lines += ["  </graph>", "</graphml>"]
                return lines.joined(separator: "\n")
            }
        }
    }

    private struct ExportNode: Codable {
        var id: String
        var type: String
        var title: String?
    }

    private struct ExportEdge: Codable {
        var source: String
        var target: String
        var kind: String
        var anchor: String?
    }

    private struct ExportGraph: Codable {
        var nodes: [ExportNode]
        var edges: [ExportEdge]
    }

    /// A DOT string literal (quotes and backslashes escaped, control characters dropped).
    static func dotQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default:
                if scalar.value >= 0x20 { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }

    /// `text` safe inside XML attribute values and elements (control characters XML forbids dropped).
    static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default:
                if scalar.value >= 0x20 || scalar == "\t" || scalar == "\n" { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
