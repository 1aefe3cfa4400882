import Foundation
import SeekTestSupport
import Testing

/// `seek search` on a real index built by `seek index`.
@Suite(.serialized)
struct SearchCommandTests {
    static func indexedFixture() throws -> CLIFixture {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<40)
        try fixture.scratch.write("""
            # Sourdough

            Feed the starter the night before. Let the dough rise for six hours at room temperature,
            then shape the loaf and bake it in a hot Dutch oven.
            """, to: "docs/notes/bread.md")
        try fixture.scratch.write("The boundary layer separates near the trailing edge of the wing.", to: "docs/notes/wing.md")
        let index = try fixture.seek("index", "docs", "--json", "--in-process")
        try #require(index.status == 0, "\(index.standardError)")
        return fixture
    }

    @Test func hybridVectorAndKeywordAnswerWithTheDocumentedJSON() throws {
        let fixture = try Self.indexedFixture()
        let hybrid = try fixture.seek("search", "how long should bread dough rise", "-k", "3", "--json").json()
        #expect(hybrid["query"] as? String == "how long should bread dough rise")
        #expect(hybrid["mode"] as? String == "hybrid")
        #expect((hybrid["took_ms"] as? Double ?? -1) > 0)
        let results = try #require(hybrid["results"] as? [[String: Any]])
        #expect(results.count == 3)
        let best = results[0]
        #expect((best["path"] as? String)?.hasSuffix("docs/notes/bread.md") == true)
        #expect(best["title"] as? String == "Sourdough")
        #expect(Set(best["found_by"] as? [String] ?? []) == ["vector", "keyword"])
        #expect((best["snippet"] as? String)?.contains("rise") == true)
        #expect(best.keys.contains("page"))
        let chunk = try #require(best["chunk"] as? [String: Int])
        #expect(chunk["ordinal"] == 0 && (chunk["end"] ?? 0) > (chunk["start"] ?? 0))
        let scores = results.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))

        // Paraphrase without shared words: found by meaning.
        let vector = try fixture.seek("search", "baking a loaf of sourdough", "--mode", "vector", "-k", "2", "--json").json()
        let vectorResults = try #require(vector["results"] as? [[String: Any]])
        #expect((vectorResults.first?["path"] as? String)?.hasSuffix("bread.md") == true)
        #expect(vectorResults.allSatisfy { $0["found_by"] as? [String] == ["vector"] })

        let keyword = try fixture.seek("search", "trailing edge", "--mode", "keyword", "--json").json()
        let keywordResults = try #require(keyword["results"] as? [[String: Any]])
        #expect(keywordResults.contains { ($0["path"] as? String)?.hasSuffix("wing.md") == true })
        #expect(keywordResults.allSatisfy { $0["found_by"] as? [String] == ["keyword"] })
    }

    @Test func filtersApplyAndStillFillK() throws {
        let fixture = try Self.indexedFixture()
        let markdown = try fixture.seek("search", "pressure on a wing", "--type", "md", "-k", "5", "--json").json()
        let paths = try #require(markdown["results"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        #expect(paths.count == 2 && paths.allSatisfy { $0.hasSuffix(".md") })

        let underNotes = try fixture.seek("search", "aerodynamics", "--path", "docs/notes", "--json").json()
        let notePaths = try #require(underNotes["results"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        #expect(notePaths.count == 2 && notePaths.allSatisfy { $0.contains("/docs/notes/") })

        let text = try fixture.seek("search", "aerodynamics", "--type", "txt", "-k", "12", "--json").json()
        #expect((text["results"] as? [[String: Any]])?.count == 12)

        let future = try fixture.seek("search", "wing", "--after", "2999-01-01", "--json")
        #expect(future.status == 0)
        #expect((try future.json()["results"] as? [[String: Any]])?.isEmpty == true)
        let past = try fixture.seek("search", "wing", "--before", "2000-01-01T00:00:00Z", "--json")
        #expect((try past.json()["results"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func badQueriesGetResultsOrAClearMessage() throws {
        let fixture = try Self.indexedFixture()
        for query in ["NEAR(wing", "\"unbalanced quote", "* - AND( OR NOT", "-foo AND(", "col:wing ^ {x}", "空気力学 翼の圧力", "ضغط الجناح", "🛫✈️",
                      String(repeating: "wing pressure ", count: 715)] {
            for mode in ["hybrid", "keyword", "vector"] {
                // `--` ends the options: a query may start with "-".
                let result = try fixture.seek("search", "--mode", mode, "--json", "--", query)
                #expect(result.status == 0, "\(mode) \(query.prefix(30)): \(result.standardError)")
                #expect(try result.json()["results"] is [[String: Any]])
                #expect(!result.standardError.contains("SQL"))
            }
        }
        for (arguments, message) in [
            (["search", "   "], "empty"), (["search", "wing", "--mode", "fuzzy"], "fuzzy"), (["search", "wing", "-k", "0"], "k"),
            (["search", "wing", "--after", "yesterday"], "not a date"), (["search", "wing", "--type", "."], "extension"),
        ] {
            let result = try SeekProcess.run(arguments + ["--json"], in: fixture.directory)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
    }

    @Test func searchWithoutAnIndexSaysWhatToDo() throws {
        let fixture = try CLIFixture()
        let result = try fixture.seek("search", "anything")
        #expect(result.status != 0)
        #expect(result.standardError.contains("seek index"))
    }

    @Test func outOfRangeKAndFiltersThatMatchNothingSaySo() throws {
        let fixture = try Self.indexedFixture()
        let negative = try fixture.seek("search", "wing", "-k", "-1")
        #expect(negative.status != 0)
        #expect(negative.standardError.contains("-k must be between 1 and 1000, not -1"), "\(negative.standardError)")
        #expect(!negative.standardError.contains("Missing value"))

        let unknownType = try fixture.seek("search", "wing", "--type", "docx", "--json")
        #expect(unknownType.status == 0)
        #expect(try unknownType.json()["warnings"] as? [String] == ["no indexed file has the type 'docx' (types in the index: md, txt)"])
        #expect(unknownType.standardError.contains("no indexed file has the type 'docx'"))

        let outside = try fixture.seek("search", "wing", "--path", "/nowhere/at/all", "--json")
        #expect((try outside.json()["warnings"] as? [String])?.first?.hasPrefix("/nowhere/at/all is not inside any indexed root") == true)

        let backwards = try fixture.seek("search", "wing", "--after", "2025-06-01", "--before", "2025-01-01", "--json")
        #expect((try backwards.json()["warnings"] as? [String])?.first?.contains("is not before --before") == true)

        let fine = try fixture.seek("search", "wing", "--type", "md", "--json").json()
        #expect(fine["warnings"] as? [String] == [])
    }

    @Test func aBadConfigurationFileSaysWhereAndWhat() throws {
        let fixture = try CLIFixture()
        try FileManager.default.createDirectory(at: fixture.directory.appendingPathComponent("folder.json"), withIntermediateDirectories: true)
        let directory = try fixture.seek("status", "--config", "folder.json")
        #expect(directory.status != 0)
        #expect(directory.standardError.contains("it is a folder, not a file"), "\(directory.standardError)")
        #expect(!directory.standardError.contains("NSCocoaErrorDomain"))

        try fixture.scratch.write("{\n  \"search\": {\"k\": 5,,}\n}\n", to: "broken.json")
        let broken = try fixture.seek("status", "--config", "broken.json")
        #expect(broken.status != 0)
        #expect(broken.standardError.contains("line 2, column"), "\(broken.standardError)")
    }
}
