import Foundation
import GRDB
import SeekCore
import SeekStore
import Testing

/// The graph tables through `IndexWriter` and `GraphReader`: document vectors written with the
/// chunks, resolution by path, name and alias, and the v5 migration of an index written before it.
struct GraphReaderTests {
    private static func normalizedMean(_ vectors: [[Float]]) -> [Float] {
        var sum = [Float](repeating: 0, count: vectors[0].count)
        for vector in vectors { for index in sum.indices { sum[index] += vector[index] } }
        let norm = sum.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return sum.map { $0 / norm }
    }

    private static func writeLinking(_ fixture: IndexFixture, name: String, links: [DocumentLink], aliases: [String] = []) throws {
        var (document, chunks, embeddings) = IndexFixture.document(["text of \(name) with some words"])
        document.links = links
        document.aliases = aliases
        try fixture.writer.addRoot(IndexFixture.rootPath)
        try fixture.writer.writeIndexedFile(IndexFixture.file(name), document: document, chunks: chunks, embeddings: embeddings)
    }

    private static func resolved(_ fixture: IndexFixture, from name: String) throws -> [String] {
        try fixture.store.graphReader.outgoing(path: IndexFixture.rootPath + "/" + name).map {
            "\($0.target) -> \($0.targetPath.map { String($0.dropFirst(IndexFixture.rootPath.count + 1)) } ?? "-")"
        }
    }

    @Test func documentVectorsAreTheNormalisedMeanOfTheChunkVectors() throws {
        let fixture = try IndexFixture()
        let a = try fixture.writeFile("a.md", texts: ["one", "two", "three"])
        let b = try fixture.writeFile("b.md", texts: ["four"])
        let matrix = try fixture.store.graphReader.documentVectors()
        #expect(matrix.paths == [a.file.path, b.file.path])
        let expected = Self.normalizedMean(a.embeddings) + Self.normalizedMean(b.embeddings)
        #expect(zip(matrix.values, expected).allSatisfy { abs($0 - $1) < 1e-5 })
        try fixture.writer.writeUnindexedFile(IndexFixture.file("a.md", version: 2), status: .failed, reason: "unreadable")
        #expect(try fixture.store.graphReader.documentVectors().paths == [b.file.path])
    }

    @Test func linksResolveByPathThenUniqueNameThenAliasAndFollowFilesThatComeAndGo() throws {
        let fixture = try IndexFixture()
        try Self.writeLinking(fixture, name: "src.md", links: [
            DocumentLink(kind: .wikilink, target: "Target", isWikiTarget: true),
            DocumentLink(kind: .link, target: "sub/target.md"),
            DocumentLink(kind: .wikilink, target: "Nick", isWikiTarget: true),
            DocumentLink(kind: .tag, target: "t"),
        ])
        #expect(try Self.resolved(fixture, from: "src.md") == ["Target -> -", "sub/target.md -> -", "Nick -> -", "t -> -"])
        try fixture.writeFile("sub/target.md", texts: ["target"])
        #expect(try Self.resolved(fixture, from: "src.md") == ["Target -> sub/target.md", "sub/target.md -> sub/target.md", "Nick -> -", "t -> -"])
        try fixture.writeFile("other/target.md", texts: ["another target"])
        #expect(try Self.resolved(fixture, from: "src.md") == ["Target -> -", "sub/target.md -> sub/target.md", "Nick -> -", "t -> -"])
        try Self.writeLinking(fixture, name: "named.md", links: [], aliases: ["nick"])
        #expect(try Self.resolved(fixture, from: "src.md") == ["Target -> -", "sub/target.md -> sub/target.md", "Nick -> named.md", "t -> -"])
        try fixture.writer.removeFiles(paths: [IndexFixture.rootPath + "/sub/target.md", IndexFixture.rootPath + "/named.md"])
        #expect(try Self.resolved(fixture, from: "src.md") == ["Target -> other/target.md", "sub/target.md -> -", "Nick -> -", "t -> -"])
        #expect(try fixture.store.graphReader.counts() == GraphCounts(nodes: 2, edges: 3, unresolvedLinks: 2, tags: 1))
        #expect(try fixture.diagnosticsReader.auditGraph() == GraphAudit())
        let snapshot = try fixture.writer.recordSnapshot()
        #expect(snapshot.graph == GraphCounts(nodes: 2, edges: 3, unresolvedLinks: 2, tags: 1))
        #expect(try fixture.diagnosticsReader.snapshots(limit: 1).first?.graph == snapshot.graph)
    }

    @Test func theMigrationFillsDocumentVectorsAndNameKeysOfAnIndexWrittenBeforeIt() throws {
        let fixture = try IndexFixture()
        let a = try fixture.writeFile("Alpha.md", texts: ["one", "two"])
        let before = try fixture.store.graphReader.documentVectors()
        try fixture.store.close()
        let queue = try DatabaseQueue(path: fixture.store.databaseURL.path)
        try queue.write { db in
            try db.execute(sql: """
                DROP TABLE document_vectors; DROP TABLE edges; DROP TABLE file_aliases; DROP INDEX files_name_key;
                ALTER TABLE files DROP COLUMN name_key; ALTER TABLE snapshots DROP COLUMN edges;
                ALTER TABLE snapshots DROP COLUMN unresolved_links; ALTER TABLE snapshots DROP COLUMN tags;
                DELETE FROM grdb_migrations WHERE identifier = 'v5';
                """)
        }
        try queue.close()
        let reopened = try IndexStore.open(directory: fixture.directory, model: .miniLML6V2, create: false)
        defer { try? reopened.close() }
        let after = try reopened.graphReader.documentVectors()
        #expect(after.paths == [a.file.path])
        #expect(zip(after.values, before.values).allSatisfy { abs($0 - $1) < 1e-6 })
        var (document, chunks, embeddings) = IndexFixture.document(["links to alpha"])
        document.links = [DocumentLink(kind: .wikilink, target: "alpha", isWikiTarget: true)]
        try reopened.writer.writeIndexedFile(IndexFixture.file("b.md"), document: document, chunks: chunks, embeddings: embeddings)
        #expect(try reopened.graphReader.outgoing(path: IndexFixture.rootPath + "/b.md").map(\.targetPath) == [a.file.path])
    }
}
