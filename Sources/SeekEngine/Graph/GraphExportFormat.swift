/// The formats of `seek graph`: JSON for scripts, DOT for Graphviz, GraphML for Gephi.
public enum GraphExportFormat: String, Sendable, CaseIterable {
    case json
    case dot
    case graphml
}
