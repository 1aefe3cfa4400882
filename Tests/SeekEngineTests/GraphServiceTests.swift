import Foundation
import GRDB
import SeekCore
import SeekEngine
import SeekStore
import SeekTestSupport
import Testing

/// The knowledge graph over a generated vault indexed with the real model: exact edge and tag
/// sets checked in SQL, edges after deleting, renaming and re-creating targets (never dangling),
/// validation of a hand-inserted dangling edge, gaps, related, links, tags and search filters.
struct GraphServiceTests {
    /// The index database of `folder`.
    private static func database(_ folder: TemporaryDirectory) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: folder.file("index/\(StoreConfiguration().databaseFileName)").path, configuration: configuration)
    }

    /// Edges as "source|kind|target|anchor|resolved" with paths relative to the vault, tags as "source|tag".
    private static func storedGraph(_ folder: TemporaryDirectory, vault: NoteVault) throws -> (edges: Set<String>, tags: Set<String>, dangling: Int) {
        let base = vault.root.standardizedFileURL.path + "/"
        func relative(_ path: String?) -> String { path.map { String($0.dropFirst(base.count)) } ?? "-" }
        return try database(folder).read { db in
            var edges = Set<String>(), tags = Set<String>()
            for row in try Row.fetchAll(db, sql: """
                SELECT s.path, e.kind, e.target_text, e.anchor, t.path FROM edges e
                JOIN files s ON s.id = e.source_file_id LEFT JOIN files t ON t.id = e.target_file_id
                """) {
                let kind: String = row[1]
                if kind == "tag" {
                    tags.insert("\(relative(row[0]))|\(row[2] as String)")
                } else {
                    edges.insert("\(relative(row[0]))|\(kind)|\(row[2] as String)|\(row[3] as String? ?? "-")|\(relative(row[4]))")
                }
            }
            let dangling = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM edges e WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.id = e.source_file_id)
                   OR (e.target_file_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM files f WHERE f.id = e.target_file_id))
                   OR (e.chunk_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = e.chunk_id AND c.file_id = e.source_file_id))
                """) ?? -1
            return (edges, tags, dangling)
        }
    }

    private static func expectGraph(_ folder: TemporaryDirectory, _ vault: NoteVault, _ step: String) throws {
        let stored = try storedGraph(folder, vault: vault)
        let existing = try vault.existingFiles()
        let expected = vault.expectedEdges(existing: existing)
        #expect(stored.edges.subtracting(expected).sorted() == [], "\(step): unexpected edges")
        #expect(expected.subtracting(stored.edges).sorted() == [], "\(step): missing edges")
        #expect(stored.tags == vault.expectedTags(existing: existing), "\(step): tags")
        #expect(stored.dangling == 0, "\(step): dangling edges")
    }

    @Test func edgesStayExactThroughDeletesRenamesAndRecreationAndValidateCatchesDanglingRows() async throws {
        let folder = try TemporaryDirectory("seek-graph")
        defer { folder.remove() }
        var vault = try NoteVault(root: folder.file("vault"), noteCount: 150)
        let engine = SeekEngine(settings: try EngineTestSupport.settings(folder))
        let root = vault.root.standardizedFileURL.path
        _ = try await engine.indexing.run(IndexRequest(scope: .roots([root])))
        try Self.expectGraph(folder, vault, "first run")
        let counts = try await engine.graph.counts()
        #expect(counts.edges == vault.edges.count)
        #expect(counts.tags == Set(vault.tags.map { $0.split(separator: "|")[1] }).count)

        let fileManager = FileManager.default
        let n5 = vault.root.appendingPathComponent("notes/n5.md")
        let n5Text = try String(contentsOf: n5, encoding: .utf8)
        let dupB = vault.root.appendingPathComponent("b/dup.md")
        let dupBText = try String(contentsOf: dupB, encoding: .utf8)
        try fileManager.removeItem(at: n5)
        try fileManager.removeItem(at: dupB)
        try fileManager.moveItem(at: vault.root.appendingPathComponent("notes/sub/s3.md"), to: vault.root.appendingPathComponent("notes/sub/s3-renamed.md"))
        vault.moveSource("notes/sub/s3.md", to: "notes/sub/s3-renamed.md")
        _ = try await engine.indexing.run(IndexRequest())
        try Self.expectGraph(folder, vault, "after deleting n5 and b/dup, renaming s3")
        #expect(try await engine.graph.links(path: root + "/notes/n4.md").unresolved.map(\.target).contains("n5"))

        try n5Text.write(to: n5, atomically: true, encoding: .utf8)
        try dupBText.write(to: dupB, atomically: true, encoding: .utf8)
        _ = try await engine.indexing.run(IndexRequest())
        try Self.expectGraph(folder, vault, "after re-creating n5 and b/dup")

        #expect(try engine.diagnostics.validate().errors == [])
        var unsafe = Configuration()
        unsafe.foreignKeysEnabled = false
        let writable = try DatabaseQueue(path: folder.file("index/\(StoreConfiguration().databaseFileName)").path, configuration: unsafe)
        try await writable.write { db in
            try db.execute(sql: """
                INSERT INTO edges (source_file_id, kind, target_text, target_file_id) SELECT MIN(id), 'wikilink', 'ghost', 987654 FROM files
                """)
        }
        let report = try engine.diagnostics.validate()
        #expect(report.errors.contains { $0.contains("edges: 1 edge pointing at a missing file") }, "\(report.errors)")
        await engine.shutdown()
    }

    @Test func gapsRelatedLinksTagsAndSearchFilters() async throws {
        let folder = try TemporaryDirectory("seek-graph")
        defer { folder.remove() }
        let vault = try NoteVault(root: folder.file("vault"), noteCount: 100)
        let engine = SeekEngine(settings: try EngineTestSupport.settings(folder))
        let root = vault.root.standardizedFileURL.path
        _ = try await engine.indexing.run(IndexRequest(scope: .roots([root])))
        func path(_ relative: String) -> String { root + "/" + relative }

        let gaps = try await engine.graph.gaps(threshold: 0.8, limit: 5)
        let found = gaps.pairs.map { Set([$0.first, $0.second]) }
        for (a, b) in vault.plantedPairs {
            #expect(found.prefix(3).contains(Set([path(a), path(b)])), "planted pair \(a) ↔ \(b) among the 3 best of \(found)")
        }
        #expect(!found.contains(Set([path(vault.linkedPair.0), path(vault.linkedPair.1)])), "a linked pair is no gap")
        #expect(gaps.pairs.allSatisfy { $0.score >= 0.8 && $0.reason != nil })
        #expect(zip(gaps.pairs, gaps.pairs.dropFirst()).allSatisfy { $0.score >= $1.score })

        let related = try await engine.searching.related(path: path(vault.paraphrase.0), k: 5)
        #expect(related.results.first?.path == path(vault.paraphrase.1))
        #expect(related.results.first?.linked == false)
        let linkedRelated = try await engine.searching.related(path: path(vault.linkedPair.1), k: 3)
        #expect(linkedRelated.results.first.map { ($0.path, $0.linked) } ?? ("", false) == (path(vault.linkedPair.0), true))

        let links = try await engine.graph.links(path: path("notes/n4.md"))
        #expect(links.outgoing.map(\.path) == [path("notes/n5.md"), path("notes/n6.md"), path("notes/sub/s4.md")])
        #expect(links.backlinks.map(\.path) == [path("notes/n2.md"), path("notes/n3.md"), path("notes/sub/s4.md")])
        #expect(links.backlinks.allSatisfy { $0.snippet?.isEmpty == false })
        #expect(links.tags == ["group-1", "topic/4", "vault"])
        let missing = try await engine.graph.links(path: path("notes/n50.md"))
        #expect(Set(missing.unresolved.map(\.target)) == ["missing-50", "dup"])

        let tags = try await engine.graph.tags()
        let vaultFiles = vault.tags.filter { $0.hasSuffix("|vault") }.count
        #expect(vaultFiles == 103)
        #expect(tags.tags?.first == TagReport.Count(tag: "vault", files: vaultFiles))
        #expect(tags.tags?.contains { $0.tag == "not-a-tag" || $0.tag == "code-tag" } == false)
        #expect(try await engine.graph.tags("#Topic").files?.count == vaultFiles)
        #expect(try await engine.graph.tags("topic/3").files == vault.tags.filter { $0.hasSuffix("|topic/3") }.map { path(String($0.split(separator: "|")[0])) }.sorted())

        let tagged = try await engine.searching.search(SearchRequest(query: "boundary layer", mode: .keyword, k: 50, filter: SearchFilter(tag: "topic/2")))
        let topic2 = Set(vault.tags.filter { $0.hasSuffix("|topic/2") }.map { path(String($0.split(separator: "|")[0])) })
        #expect(!tagged.results.isEmpty && tagged.results.allSatisfy { topic2.contains($0.path) })
        let fromN4 = try await engine.searching.search(SearchRequest(query: "flow", mode: .keyword, k: 50, filter: SearchFilter(linkedFrom: path("notes/n4.md"))))
        #expect(Set(fromN4.results.map(\.path)).isSubset(of: [path("notes/n5.md"), path("notes/n6.md"), path("notes/sub/s4.md")]))

        let exported = try await engine.graph.export(format: .json)
        let object = try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any]
        #expect((object?["edges"] as? [Any])?.count == vault.edges.count + vault.tags.count)
        #expect(try await engine.graph.export(format: .dot).hasPrefix("digraph seek {"))
        #expect(try await engine.graph.export(format: .graphml).contains("<graphml"))
        await engine.shutdown()
    }
}
