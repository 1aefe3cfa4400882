import MCP

/// The eleven tools of Seek's MCP server, with their JSON Schemas: `search`, `get_document`,
/// `list_files`, `status`, `index`, `remember`, `forget`, `related`, `links`, `tags`, `gaps`.
struct ToolCatalog: Sendable {
    /// The tools in the order `tools/list` shows them.
    let specs: [ToolSpec]

    /// - Parameter maxResults: the largest `k` a search accepts (`SearchConfiguration.maxResults`).
    init(maxResults: Int) {
        let readOnly = Tool.Annotations(readOnlyHint: true, openWorldHint: false)
        specs = [
            ToolSpec(
                name: "search", title: "Search the index",
                description: "Semantic and keyword search over the indexed files and memories: the best files for a query, each "
                    + "with its title, path, page, best chunk (ordinal and character offsets) and a snippet. Hybrid mode fuses "
                    + "embedding similarity with BM25; vector finds paraphrases; keyword finds exact words and names.",
                parameters: [
                    ToolParameter(name: "query", kind: .string(minLength: 1), description: "What to look for, in your own words.",
                                  isRequired: true),
                    ToolParameter(name: "k", kind: .integer(minimum: 1, maximum: maxResults), description: "Number of results (files).",
                                  defaultValue: 10),
                    ToolParameter(name: "mode", kind: .string(allowed: ["hybrid", "vector", "keyword"]),
                                  description: "hybrid (default), vector or keyword.", defaultValue: "hybrid"),
                    ToolParameter(name: "path", kind: .string(minLength: 1), description: "Only files under this folder (absolute path)."),
                    ToolParameter(name: "type", kind: .string(minLength: 1),
                                  description: "Only files with these extensions, comma-separated: \"md\" or \"md,pdf\"."),
                    ToolParameter(name: "after", kind: .string(minLength: 1),
                                  description: "Only files modified on or after this date: YYYY-MM-DD or ISO 8601."),
                    ToolParameter(name: "before", kind: .string(minLength: 1),
                                  description: "Only files modified before this date: YYYY-MM-DD or ISO 8601."),
                    ToolParameter(name: "tag", kind: .string(minLength: 1), description: "Only files carrying this tag (nested tags included)."),
                    ToolParameter(name: "linked_from", kind: .string(minLength: 1),
                                  description: "Only files this indexed file links to (absolute path)."),
                ],
                annotations: readOnly),
            ToolSpec(
                name: "get_document", title: "Read an indexed file",
                description: "The extracted text of an indexed file (only paths in the index can be read), or, with `chunk`, that "
                    + "chunk with `context_chunks` chunks on each side: use the chunk ordinal a search result gives.",
                parameters: [
                    ToolParameter(name: "path", kind: .string(minLength: 1), description: "The file's absolute path, as search shows it.",
                                  isRequired: true),
                    ToolParameter(name: "chunk", kind: .integer(minimum: 0), description: "Only this chunk (0-based ordinal) and its neighbours."),
                    ToolParameter(name: "context_chunks", kind: .integer(minimum: 0),
                                  description: "Chunks before and after `chunk` to include.", defaultValue: 1),
                    ToolParameter(name: "max_chars", kind: .integer(minimum: 1),
                                  description: "Longest text returned, in characters; longer text is cut and marked truncated.",
                                  defaultValue: 20_000),
                ],
                annotations: readOnly),
            ToolSpec(
                name: "list_files", title: "List indexed files",
                description: "Files of the index sorted by path, with their status (indexed, failed, skipped), the reason of a "
                    + "failure or skip, their chunk count and parser.",
                parameters: [
                    ToolParameter(name: "status", kind: .string(allowed: ["indexed", "failed", "skipped"]), description: "Only files with this status."),
                    ToolParameter(name: "path_prefix", kind: .string(minLength: 1), description: "Only files under this folder (absolute path)."),
                    ToolParameter(name: "limit", kind: .integer(minimum: 1), description: "At most this many files.", defaultValue: 100),
                ],
                annotations: readOnly),
            ToolSpec(
                name: "status", title: "Index status",
                description: "The index's roots, files per status, chunks, vectors, size and model, the index run going on if any, "
                    + "and this server's model loads and searcher refreshes.",
                parameters: [], annotations: readOnly),
            ToolSpec(
                name: "index", title: "Index files",
                description: "Brings the index in sync: every root when `paths` is absent; else the given paths, each an existing "
                    + "root, a file or folder under one, or a new folder inside a folder the server allows (--allow-root). Returns "
                    + "when the run ends, with its counts, or at once with the run id when `wait` is false.",
                parameters: [
                    ToolParameter(name: "paths", kind: .stringArray(minItems: 1), description: "Absolute paths to index."),
                    ToolParameter(name: "wait", kind: .boolean, description: "Wait for the run to end.", defaultValue: true),
                ],
                annotations: Tool.Annotations(readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false)),
            ToolSpec(
                name: "remember", title: "Remember a note",
                description: "Stores a memory (a Markdown note with a title, tags and its creation time) in the index's memories "
                    + "folder and indexes it before returning its id: every later search can find it. Forget it with its id.",
                parameters: [
                    ToolParameter(name: "text", kind: .string(minLength: 1), description: "What to remember (Markdown).", isRequired: true),
                    ToolParameter(name: "title", kind: .string(), description: "A title (default: the text's first line)."),
                    ToolParameter(name: "tags", kind: .stringArray(), description: "Tags, searchable like the text."),
                ],
                annotations: Tool.Annotations(readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false)),
            ToolSpec(
                name: "forget", title: "Forget a memory",
                description: "Deletes a memory written by `remember`: its file and everything indexed from it. Only memories can be "
                    + "forgotten; give the id `remember` returned (mem-YYYYMMDD-HHMMSS-xxxxxx).",
                parameters: [
                    ToolParameter(name: "id", kind: .string(minLength: 1), description: "The memory's id.", isRequired: true),
                ],
                annotations: Tool.Annotations(readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false)),
            ToolSpec(
                name: "related", title: "Related documents",
                description: "The indexed files most similar to an indexed file as a whole (the mean of its chunk embeddings), "
                    + "best first, the file itself left out.",
                parameters: [
                    ToolParameter(name: "path", kind: .string(minLength: 1), description: "An indexed file's absolute path.", isRequired: true),
                    ToolParameter(name: "k", kind: .integer(minimum: 1, maximum: maxResults), description: "Number of files.", defaultValue: 10),
                ],
                annotations: readOnly),
            ToolSpec(
                name: "links", title: "Links and backlinks of a file",
                description: "An indexed file's place in the notes graph: the files it links to (Markdown links, [[wikilinks]], "
                    + "embeds, front-matter `related`), the files linking to it with the linking passage, the links whose target is "
                    + "missing or ambiguous, and its tags.",
                parameters: [
                    ToolParameter(name: "path", kind: .string(minLength: 1), description: "An indexed file's absolute path.", isRequired: true),
                ],
                annotations: readOnly),
            ToolSpec(
                name: "tags", title: "Tags",
                description: "Without `tag`: every tag (inline #tags and front-matter tags) with how many files carry it. With "
                    + "`tag`: the files carrying it or a tag nested below it (`project` finds `project/seek`).",
                parameters: [
                    ToolParameter(name: "tag", kind: .string(minLength: 1), description: "A tag, with or without #."),
                ],
                annotations: readOnly),
            ToolSpec(
                name: "gaps", title: "Unlinked similar documents",
                description: "Pairs of documents whose contents are alike (cosine of their mean chunk embeddings at or above "
                    + "`threshold`) but that no link joins either way, best first, each with its two closest passages: "
                    + "candidates for a link or a merge.",
                parameters: [
                    ToolParameter(name: "threshold", kind: .number(minimum: -1, maximum: 1), description: "Smallest similarity.",
                                  defaultValue: .double(0.8)),
                    ToolParameter(name: "limit", kind: .integer(minimum: 1, maximum: 10_000), description: "Most pairs returned.",
                                  defaultValue: 20),
                    ToolParameter(name: "path", kind: .string(minLength: 1), description: "Only documents under this folder (absolute path)."),
                ],
                annotations: readOnly),
        ]
    }

    /// The tool named `name`, if the server has one.
    func spec(named name: String) -> ToolSpec? {
        specs.first { $0.name == name }
    }
}
