import Foundation
import MCP
import SeekTestSupport
import Testing

/// The graph tools `links`, `tags` and `gaps` over a real `seek mcp`: the same JSON as the CLI
/// (`took_ms` aside), and failures as results with `isError`.
@Suite(.serialized) struct ToolRunnerTests {
    /// `value` as a Foundation object with `took_ms` removed, for comparing.
    private static func comparable(_ data: Data) throws -> NSDictionary {
        var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        object["took_ms"] = nil
        return object as NSDictionary
    }

    @Test func linksTagsAndGapsAnswerWithTheCLIsJSON() async throws {
        let index = try MCPTestIndex(0..<3)
        try index.scratch.write("# Alpha\n\nWind tunnel notes on [[Beta]] and [[Gone]]. #aero\n", to: "docs/Alpha.md")
        try index.scratch.write("# Beta\n\nWind tunnel notes on a swept wing, back to [alpha](Alpha.md). #aero #wing\n", to: "docs/Beta.md")
        let reindexed = try index.seek(["index", index.docs, "--in-process"])
        #expect(reindexed.status == 0, "\(reindexed.standardError)")
        let alpha = index.docs + "/Alpha.md", beta = index.docs + "/Beta.md"
        let server = try await MCPChildProcess(arguments: index.serverArguments, in: index.scratch.url)

        let links = try await server.call("links", ["path": .string(alpha)])
        #expect(links.isError != true)
        #expect(links.object["outgoing"]?.arrayValue?.map { $0.objectValue?["path"]?.stringValue } == [beta])
        #expect(links.object["unresolved"]?.arrayValue?.map { $0.objectValue?["target"]?.stringValue } == ["Gone"])
        #expect(links.object["backlinks"]?.arrayValue?.map { $0.objectValue?["path"]?.stringValue } == [beta])
        #expect(links.text.contains("1 backlink(s)"))
        #expect(try Self.comparable(JSONEncoder().encode(links.structuredContent)) == Self.comparable(index.seek(["links", alpha]).standardOutput))

        let tags = try await server.call("tags")
        #expect(tags.object["tags"]?.arrayValue?.map { $0.objectValue?["tag"]?.stringValue } == ["aero", "wing"])
        #expect(try Self.comparable(JSONEncoder().encode(tags.structuredContent)) == Self.comparable(index.seek(["tags"]).standardOutput))
        let tagged = try await server.call("tags", ["tag": "#WING"])
        #expect(tagged.object["files"] == .array([.string(beta)]))

        let gaps = try await server.call("gaps", ["threshold": 0.2, "limit": 3])
        #expect(gaps.isError != true)
        #expect(gaps.object["documents"] == 5)
        let pairs = gaps.object["pairs"]?.arrayValue ?? []
        #expect(!pairs.isEmpty && pairs.count <= 3)
        #expect(!pairs.contains { Set([$0.objectValue?["first"]?.stringValue, $0.objectValue?["second"]?.stringValue]) == Set([alpha, beta]) })
        #expect(try Self.comparable(JSONEncoder().encode(gaps.structuredContent))
            == Self.comparable(index.seek(["gaps", "--threshold", "0.2", "--limit", "3"]).standardOutput))

        let tagged2 = try await server.call("search", ["query": "wind tunnel", "mode": "keyword", "tag": "wing"])
        #expect(tagged2.object["results"]?.arrayValue?.map { $0.objectValue?["path"]?.stringValue } == [beta])
        let fromAlpha = try await server.call("search", ["query": "wind tunnel", "mode": "keyword", "linked_from": .string(alpha)])
        #expect(fromAlpha.object["results"]?.arrayValue?.map { $0.objectValue?["path"]?.stringValue } == [beta])

        for (tool, arguments, code) in [
            ("links", ["path": .string(index.docs + "/missing.md")] as [String: Value], "not_indexed"),
            ("links", [:], "invalid_arguments"),
            ("gaps", ["threshold": 1.5], "invalid_arguments"),
            ("gaps", ["threshold": "high"], "invalid_arguments"),
            ("gaps", ["limit": 0], "invalid_arguments"),
            ("tags", ["tag": ""], "invalid_arguments"),
        ] {
            let failed = try await server.call(tool, arguments)
            #expect(failed.isError == true && failed.errorCode == code, "\(tool) \(arguments): \(failed.text)")
        }
        #expect(await server.stop() == 0)
    }
}
