import Foundation
import GRDB
import SeekTestSupport
import Testing

/// `seek links`, `tags`, `related`, `gaps`, `graph`, `search --tag/--linked-from`, the graph in
/// `seek status` and `seek validate` on a small hand-written vault, through the real binary.
@Suite(.serialized)
struct GraphCommandsTests {
    private static func writeVault(_ fixture: CLIFixture) throws {
        try fixture.scratch.write("""
            ---
            tags: [project]
            related: ["[[Ideas]]"]
            ---
            # Garden

            Tomatoes need full sun, deep watering twice a week and a stake to climb. See [[Compost#Recipe|the compost]]
            and [ideas](ideas/Ideas.md), plus [[Nowhere]]. #garden/vegetables

            ```
            #not-a-tag [[Compost]]
            ```
            """, to: "vault/Garden.md")
        try fixture.scratch.write("""
            # Compost

            ## Recipe

            Mix green kitchen scraps with brown leaves, keep the heap moist and turn it every week. #garden
            """, to: "vault/Compost.md")
        try fixture.scratch.write("""
            # Ideas

            Grow tomatoes in a sunny spot, water them deeply a couple of times weekly and give each plant a stake. #project
            """, to: "vault/ideas/Ideas.md")
        try fixture.scratch.write("""
            # Taxes

            File the annual return before April, keep receipts for deductions and check the withholding tables.
            """, to: "vault/Taxes.md")
    }

    @Test func linksTagsRelatedGapsGraphSearchStatusAndValidate() throws {
        let fixture = try CLIFixture()
        try Self.writeVault(fixture)
        let indexed = try fixture.seek("index", "vault", "--in-process", "--json")
        #expect(indexed.status == 0, "\(indexed.standardError)")
        let vault = fixture.directory.appendingPathComponent("vault").standardizedFileURL.path

        let links = try fixture.seek("links", "vault/Garden.md", "--json").json()
        let outgoing = (links["outgoing"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? "") \($0["target"] ?? "") \($0["anchor"] ?? "-") \($0["path"] ?? "")" }
        #expect(outgoing == [
            "frontmatter Ideas - \(vault)/ideas/Ideas.md", "wikilink Compost Recipe \(vault)/Compost.md", "link ideas/Ideas.md - \(vault)/ideas/Ideas.md",
        ])
        #expect((links["unresolved"] as? [[String: Any]])?.map { $0["target"] as? String } == ["Nowhere"])
        #expect(links["tags"] as? [String] == ["garden/vegetables", "project"])
        let backlinks = try fixture.seek("links", "vault/Compost.md", "--json").json()["backlinks"] as? [[String: Any]] ?? []
        #expect(backlinks.map { $0["path"] as? String } == ["\(vault)/Garden.md"])
        #expect((backlinks.first?["snippet"] as? String)?.contains("Tomatoes need full sun") == true)

        let tags = try fixture.seek("tags", "--json").json()["tags"] as? [[String: Any]] ?? []
        #expect(tags.map { "\($0["tag"] ?? "") \($0["files"] ?? "")" } == ["project 2", "garden 1", "garden/vegetables 1"])
        #expect(try fixture.seek("tags", "#Garden", "--json").json()["files"] as? [String] == ["\(vault)/Compost.md", "\(vault)/Garden.md"])

        let related = try fixture.seek("related", "vault/Garden.md", "-k", "3", "--json").json()["results"] as? [[String: Any]] ?? []
        #expect(related.first?["path"] as? String == "\(vault)/ideas/Ideas.md")
        #expect(related.first?["linked"] as? Bool == true)
        #expect(related.first { $0["path"] as? String == "\(vault)/Taxes.md" }?["linked"] as? Bool == false)

        let gaps = try fixture.seek("gaps", "--threshold", "0.3", "--json").json()
        let pairs = gaps["pairs"] as? [[String: Any]] ?? []
        #expect(gaps["documents"] as? Int == 4)
        let scores = pairs.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >) && scores.allSatisfy { $0 >= 0.3 })
        let linked: Set<Set<String>> = [["Garden.md", "ideas/Ideas.md"], ["Garden.md", "Compost.md"]]
        for pair in pairs {
            let names = Set([pair["first"], pair["second"]].compactMap { ($0 as? String)?.replacingOccurrences(of: vault + "/", with: "") })
            #expect(!linked.contains(names), "a linked pair is no gap: \(names)")
            #expect((pair["reason"] as? [String: Any])?["first_chunk"] as? String != nil)
        }
        let badThreshold = try fixture.seek("gaps", "--threshold", "2", "--json")
        #expect(badThreshold.status != 0 && badThreshold.standardError.contains("threshold"))

        let graph = try fixture.seek("graph", "--json").json()
        #expect((graph["nodes"] as? [[String: Any]])?.contains { $0["id"] as? String == "?Nowhere" && $0["type"] as? String == "missing" } == true)
        #expect((graph["edges"] as? [Any])?.count == 4 + 4)
        let dot = try fixture.seek("graph", "--format", "dot")
        let dotText = String(decoding: dot.standardOutput, as: UTF8.self)
        #expect(dot.status == 0 && dotText.hasPrefix("digraph seek {") && dotText.contains("\"#garden\""))
        let graphml = try fixture.seek("graph", "--format", "graphml")
        #expect(String(decoding: graphml.standardOutput, as: UTF8.self).contains("<edge id=\"e0\""))

        let tagged = try fixture.seek("search", "tomatoes", "--tag", "project", "--json").json()["results"] as? [[String: Any]] ?? []
        #expect(Set(tagged.compactMap { $0["path"] as? String }) == ["\(vault)/Garden.md", "\(vault)/ideas/Ideas.md"])
        let linkedFrom = try fixture.seek("search", "kitchen scraps", "--linked-from", "vault/Garden.md", "--mode", "keyword", "--json")
            .json()["results"] as? [[String: Any]] ?? []
        #expect(linkedFrom.compactMap { $0["path"] as? String } == ["\(vault)/Compost.md"])

        let status = try fixture.seek("status", "--json").json()["graph"] as? [String: Any]
        #expect(status?["nodes"] as? Int == 4 && status?["edges"] as? Int == 4 && status?["unresolved_links"] as? Int == 1 && status?["tags"] as? Int == 3)

        #expect(try fixture.seek("validate", "--json").status == 0)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: fixture.directory.appendingPathComponent(".seek/index.sqlite").path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO edges (source_file_id, chunk_id, kind, target_text) SELECT MIN(id), 424242, 'link', 'x.md' FROM files")
        }
        try queue.close()
        let broken = try fixture.seek("validate", "--json")
        #expect(broken.status != 0)
        #expect((try broken.json()["errors"] as? [String])?.contains { $0.hasPrefix("edges: 1 edge in a chunk that is missing") } == true)
    }
}
