import Foundation
import SeekCore
import SeekPostgres
import SeekStore
import SeekTestSupport
import Testing

/// The link graph in PostgreSQL: the same writes applied to a SQLite index and to a PostgreSQL
/// database give the same edges, resolutions, tags, pairs and document vectors; links resolve
/// only among the files of their own namespace; concurrent writers of a link and its target
/// never leave it unresolved; the v3 migration fills name keys and has old files extracted again.
@Suite(.serialized, .enabled(if: PostgresTestDatabase.isAvailable, PostgresTestDatabase.skipMessage))
struct PostgresGraphTests {
    private static let root = "/vault"

    /// One write of the scenario, applied to both stores.
    private enum Step {
        case indexed(String, links: [DocumentLink], aliases: [String], chunks: Int)
        case failed(String)
        case removed([String])
    }

    private static func file(_ name: String, version: Int) -> FileInput {
        FileInput(path: root + "/" + name, rootPath: root, size: Int64(10 + version), mtime: 1_700_000_000 + Double(version),
                  contentHash: "hash-\(name)-\(version)", parser: "markdown", parserVersion: "1")
    }

    /// A document of `chunks` chunks of 20 characters each, with `links` and `aliases`.
    private static func document(_ name: String, links: [DocumentLink], aliases: [String], chunks count: Int, seed: UInt64)
        -> (ExtractedDocument, [ChunkDraft], [[Float]]) {
        let texts = (0..<count).map { index in String("\(name) part \(index) ".padding(toLength: 20, withPad: "x", startingAt: 0)) }
        var (document, chunks) = PostgresTestFixtures.chunks(texts)
        document.links = links
        document.aliases = aliases
        chunks = chunks.map { var chunk = $0; chunk.textHash = "\(name)-\(chunk.ordinal)-\(seed)"; return chunk }
        return (document, chunks, PostgresTestFixtures.unitVectors(count: count, seed: seed))
    }

    private static let steps: [Step] = [
        .indexed("src.md", links: [
            DocumentLink(kind: .wikilink, target: "Target", offset: 3, isWikiTarget: true),
            DocumentLink(kind: .link, target: "sub/target.md", anchor: "Part 2", offset: 25),
            DocumentLink(kind: .wikilink, target: "Nick", offset: 45, isWikiTarget: true),
            DocumentLink(kind: .embed, target: "pictures/plan.png", offset: 50),
            DocumentLink(kind: .wikilink, target: "Ghost", isWikiTarget: true),
            DocumentLink(kind: .tag, target: "project/seek", offset: 5),
            DocumentLink(kind: .tag, target: "project", offset: 30),
            DocumentLink(kind: .frontmatter, target: "dup"),
        ], aliases: ["Source Note"], chunks: 3),
        .indexed("sub/target.md", links: [DocumentLink(kind: .wikilink, target: "Source Note", isWikiTarget: true),
                                          DocumentLink(kind: .tag, target: "project/other")], aliases: [], chunks: 2),
        .indexed("other/target.md", links: [], aliases: [], chunks: 1),
        .indexed("named.md", links: [DocumentLink(kind: .link, target: "./src.md")], aliases: ["nick"], chunks: 1),
        .indexed("a/dup.md", links: [], aliases: [], chunks: 1),
        .indexed("b/dup.md", links: [], aliases: [], chunks: 1),
        .failed("pictures/plan.png"),
        .removed(["/vault/b/dup.md", "/vault/sub/target.md"]),
        .indexed("named.md", links: [], aliases: ["nick", "also"], chunks: 2),
        .indexed("src.md", links: [DocumentLink(kind: .wikilink, target: "also", isWikiTarget: true),
                                   DocumentLink(kind: .wikilink, target: "dup", isWikiTarget: true),
                                   DocumentLink(kind: .tag, target: "project", offset: 1)], aliases: [], chunks: 2),
        .removed(["/vault/named.md"]),
    ]

    /// Everything a graph front end reads, with ids replaced by paths (they differ between stores).
    private struct GraphView: Equatable {
        var counts: GraphCounts
        var edges: [String]
        var nodes: [String]
        var tags: [String]
        var tagged: [String]
        var pairs: [String]
        var documentVectorPaths: [String]
        var backlinks: [String]
    }

    private static func view(_ reader: any GraphReading) async throws -> GraphView {
        let nodes = try await reader.nodes()
        let pathById = Dictionary(uniqueKeysWithValues: nodes.map { ($0.fileId, $0.path) })
        let edges = try await reader.allEdges().map {
            "\($0.sourcePath) \($0.kind.rawValue) \($0.target)#\($0.anchor ?? "") -> \($0.targetPath ?? "-") chunk:\($0.chunkId != nil)"
        }
        var backlinks: [String] = []
        for node in nodes {
            for edge in try await reader.incoming(path: node.path) {
                backlinks.append("\(node.path) <- \(edge.sourcePath) \(edge.target) [\(edge.chunkText ?? "")]")
            }
        }
        return GraphView(
            counts: try await reader.counts(),
            edges: edges,
            nodes: nodes.map { "\($0.path) \($0.status) \($0.chunks) \($0.title ?? "-")" },
            tags: try await reader.tags().map { "\($0.tag):\($0.files)" },
            tagged: try await reader.files(tag: "project"),
            pairs: try await reader.linkedPairs().map { [pathById[$0.first] ?? "?", pathById[$0.second] ?? "?"].sorted().joined(separator: " ~ ") }.sorted(),
            documentVectorPaths: try await reader.documentVectors(pathPrefix: nil).paths,
            backlinks: backlinks)
    }

    @Test func theSameWritesGiveTheSameGraphAsSQLite() async throws {
        let directory = try TemporaryDirectory("seek-graph")
        defer { directory.remove() }
        let sqlite = try IndexStore.open(directory: directory.file(".seek"), model: .miniLML6V2, create: true)
        defer { try? sqlite.close() }
        try await PostgresTestDatabase.with { configuration in
            let postgres = try await PostgresIndexStore.open(configuration: configuration)
            try sqlite.writer.addRoot(Self.root)
            try await postgres.addRoot(Self.root)
            for (number, step) in Self.steps.enumerated() {
                switch step {
                case .indexed(let name, let links, let aliases, let count):
                    let (document, chunks, embeddings) = Self.document(name, links: links, aliases: aliases, chunks: count, seed: UInt64(number))
                    let file = Self.file(name, version: number)
                    try sqlite.writer.writeIndexedFile(file, document: document, chunks: chunks, embeddings: embeddings)
                    try await postgres.writeIndexedFile(file, document: document, chunks: chunks, embeddings: embeddings)
                case .failed(let name):
                    try sqlite.writer.writeUnindexedFile(Self.file(name, version: number), status: .failed, reason: "unreadable")
                    try await postgres.writeUnindexedFile(Self.file(name, version: number), status: .failed, reason: "unreadable")
                case .removed(let paths):
                    try sqlite.writer.removeFiles(paths: paths)
                    try await postgres.removeFiles(paths: paths)
                }
                let expected = try await Self.view(sqlite.graphReader)
                let actual = try await Self.view(postgres)
                #expect(actual == expected, "after step \(number): \(step)")
                if number == 6 {
                    // The scenario's checkpoints (SQLite and PostgreSQL agreed above).
                    #expect(actual.edges.contains("/vault/src.md wikilink Target# -> - chunk:true"), "two files are named target")
                    #expect(actual.edges.contains("/vault/src.md wikilink Nick# -> /vault/named.md chunk:true"))
                    #expect(actual.edges.contains("/vault/src.md frontmatter dup# -> - chunk:false"))
                    #expect(actual.edges.contains("/vault/src.md embed pictures/plan.png# -> /vault/pictures/plan.png chunk:true"))
                    #expect(actual.edges.contains("/vault/sub/target.md wikilink Source Note# -> /vault/src.md chunk:false"))
                    #expect(actual.tagged == ["/vault/src.md", "/vault/sub/target.md"])
                }
            }
            let final = try await Self.view(postgres)
            #expect(final.edges.contains("/vault/src.md wikilink dup# -> /vault/a/dup.md chunk:false"), "unique once b/dup.md is gone")
            #expect(final.edges.contains("/vault/src.md wikilink also# -> - chunk:false"), "its file was removed")
            // Document vectors: the normalised mean of the chunk vectors, as SQLite stores them.
            let sqliteVectors = try sqlite.graphReader.documentVectors()
            let postgresVectors = try await postgres.documentVectors(pathPrefix: nil)
            #expect(postgresVectors.paths == sqliteVectors.paths)
            #expect(zip(postgresVectors.values, sqliteVectors.values).allSatisfy { abs($0 - $1) < 1e-6 })
            #expect(try await postgres.documentVectors(pathPrefix: "/vault/a").paths == ["/vault/a/dup.md"])
            // Validation: the graph as written breaks no rule; a tag pointed at a file, or a
            // document vector lost, does.
            #expect(try await postgres.validate().isValid)
            try await PostgresTestDatabase.administer(
                configuration, "UPDATE edges SET target_file_id = source_file_id WHERE kind = 'tag'")
            try await PostgresTestDatabase.administer(
                configuration, "DELETE FROM document_vectors WHERE file_id = (SELECT id FROM files WHERE path = '/vault/a/dup.md')")
            let broken = try await postgres.validate()
            #expect(broken.invalidEdges == 1 && broken.filesWithoutDocumentVector == 1 && !broken.isValid, "\(broken)")
            await postgres.close()
        }
    }

    @Test func linksResolveWithinTheirOwnNamespace() async throws {
        try await PostgresTestDatabase.with(namespace: "host-a") { configuration in
            var other = configuration
            other.namespace = "host-b"
            let hostA = try await PostgresIndexStore.open(configuration: configuration)
            let hostB = try await PostgresIndexStore.open(configuration: other)
            for store in [hostA, hostB] { try await store.addRoot(Self.root) }
            let link = [DocumentLink(kind: .wikilink, target: "b", isWikiTarget: true)]
            for store in [hostA, hostB] {
                let (document, chunks, embeddings) = Self.document("a.md", links: link, aliases: [], chunks: 1, seed: 1)
                try await store.writeIndexedFile(Self.file("a.md", version: 1), document: document, chunks: chunks, embeddings: embeddings)
            }
            let (document, chunks, embeddings) = Self.document("b.md", links: [], aliases: [], chunks: 1, seed: 2)
            try await hostB.writeIndexedFile(Self.file("b.md", version: 1), document: document, chunks: chunks, embeddings: embeddings)
            // Each host reads its own /vault/a.md first: host-b's link resolved, host-a's not (no b.md there).
            #expect(try await hostB.outgoing(path: "/vault/a.md").map(\.targetPath) == ["/vault/b.md"])
            #expect(try await hostA.outgoing(path: "/vault/a.md").map(\.targetPath) == [nil])
            #expect(try await hostA.counts() == GraphCounts(nodes: 3, edges: 2, unresolvedLinks: 1, tags: 0))
            await hostA.close()
            await hostB.close()
        }
    }

    /// Two indexers writing a link and its target at the same moment: each transaction alone
    /// would miss the other's uncommitted row; the graph locks make the second see the first.
    @Test func concurrentWritersOfALinkAndItsTargetLeaveItResolved() async throws {
        try await PostgresTestDatabase.with { configuration in
            let first = try await PostgresIndexStore.open(configuration: configuration)
            let second = try await PostgresIndexStore.open(configuration: configuration)
            try await first.addRoot(Self.root)
            let rounds = 40
            for round in 0..<rounds {
                let link = [DocumentLink(kind: .wikilink, target: "Target \(round)", isWikiTarget: true)]
                let (sourceDocument, sourceChunks, sourceEmbeddings) = Self.document("s\(round).md", links: link, aliases: [], chunks: 1, seed: UInt64(round))
                let (targetDocument, targetChunks, targetEmbeddings) = Self.document("t\(round).md", links: [], aliases: [], chunks: 1,
                                                                                     seed: UInt64(1000 + round))
                async let source: Void = first.writeIndexedFile(Self.file("r\(round)/source.md", version: 1), document: sourceDocument,
                                                                chunks: sourceChunks, embeddings: sourceEmbeddings)
                async let target: Void = second.writeIndexedFile(Self.file("r\(round)/target \(round).md", version: 1), document: targetDocument,
                                                                 chunks: targetChunks, embeddings: targetEmbeddings)
                _ = try await (source, target)
            }
            let counts = try await first.counts()
            #expect(counts == GraphCounts(nodes: 2 * rounds, edges: rounds, unresolvedLinks: 0, tags: 0))
            await first.close()
            await second.close()
        }
    }

    @Test func migrationThreeFillsNameKeysAndHasIndexedFilesExtractedAgain() async throws {
        try await PostgresTestDatabase.with { configuration in
            let store = try await PostgresIndexStore.open(configuration: configuration)
            try await store.addRoot(Self.root)
            let names = ["My Note.md", ".bashrc", "v1.2 notes", "archive.tar.gz", "Ünïcode.MD", "folder.d/plain"]
            for (number, name) in names.enumerated() {
                let (document, chunks, embeddings) = Self.document(name, links: [], aliases: [], chunks: 1, seed: UInt64(number))
                try await store.writeIndexedFile(Self.file(name, version: 1), document: document, chunks: chunks, embeddings: embeddings)
            }
            try await store.writeUnindexedFile(Self.file("broken.pdf", version: 1), status: .failed, reason: "damaged")
            await store.close()
            // Back to schema v2, as a database written before the graph.
            for statement in ["DROP TABLE edges, file_aliases, document_vectors", "ALTER TABLE files DROP COLUMN name_key",
                              "DELETE FROM seek_migrations WHERE version = 3"] {
                try await PostgresTestDatabase.administer(configuration, statement)
            }
            let reopened = try await PostgresIndexStore.open(configuration: configuration)
            let connection = try await PostgresTestDatabase.connect(configuration)
            var keys: [String: String] = [:]
            var versions: [String: String?] = [:]
            for try await (path, key, version) in try await connection.query("SELECT path, name_key, parser_version FROM files", logger: .init(label: "test"))
                .decode((String, String, String?).self) {
                keys[path] = key
                versions[path] = version
            }
            try await connection.close()
            for name in names + ["broken.pdf"] {
                #expect(keys[Self.root + "/" + name] == GraphKeys.nameKey(ofPath: Self.root + "/" + name), "\(name)")
            }
            #expect(names.allSatisfy { versions[Self.root + "/" + $0] == .some(nil) }, "indexed files are extracted again")
            #expect(versions[Self.root + "/broken.pdf"] == .some("1"), "a failed file keeps its version")
            let states = try await reopened.fileStates(rootPath: Self.root)
            #expect(states.filter { $0.value.status == .indexed }.allSatisfy { $0.value.parserVersion == nil })
            let report = try await reopened.validate()
            #expect(report.isValid && report.filesAwaitingExtraction == names.count, "\(report)")
            await reopened.close()
        }
    }
}
