import Foundation
import SeekTestSupport
import Testing

/// `seek links`, `tags`, `graph`, `gaps`, `related`, `search --tag/--linked-from` and the graph in
/// `seek status` give the same answers on a SQLite index and on a PostgreSQL database holding the
/// same vault, through the real binary.
@Suite(.serialized, .enabled(if: PostgresTestDatabase.isAvailable, PostgresTestDatabase.skipMessage))
struct StoreBackendGraphCommandTests {
    private static func writeVault(_ scratch: TemporaryDirectory) throws {
        try scratch.write("""
            ---
            tags: [hub]
            aliases: [Home, Start Here]
            ---
            # Kitchen notes

            Start with [[Sourdough]] and the [[Starter#Feeding|starter routine]], then [knives](tools/knives.md).
            Still to write: [[Pastry]]. #cooking/bread
            """, to: "vault/Kitchen.md")
        try scratch.write("""
            # Sourdough

            Mix flour, water and salt with an active starter, fold the dough every half hour and let it rise overnight
            in a cool room before baking it in a very hot covered pot. Back to [[Home]]. #cooking/bread
            """, to: "vault/Sourdough.md")
        try scratch.write("""
            # Starter

            ## Feeding

            Feed the sourdough starter flour and water each day; it rises and smells sour when the yeast is active,
            ready to leaven an overnight dough baked in a hot pot. #cooking
            """, to: "vault/Starter.md")
        try scratch.write("""
            # Knives

            Hone the chef's knife before each use and sharpen it on a whetstone twice a year; store it on a magnetic strip.
            """, to: "vault/tools/knives.md")
        try scratch.write("""
            # Taxes

            File the annual return before April and keep receipts for every deduction. #admin
            """, to: "vault/admin/Taxes.md")
        // Hostile names and targets: quotes, SQL, a NUL by percent-encoding, a path out of the vault.
        try scratch.write("""
            ---
            aliases: ["Robert'); DROP TABLE edges;--"]
            ---
            # It's "odd"

            See [[robert'); drop table edges;--]], [nothing](%00.md), [[../../../etc/passwd]] and [[]]. #odd
            """, to: "vault/it's \"odd\"/Ödd Nöte.md")
    }

    /// A JSON answer with its timings removed (and, for searches, the scores: BM25 over FTS5 and
    /// over `tsvector` weigh differently), re-encoded with sorted keys (comparable as text).
    private static func normalized(_ result: SeekProcess.Result, _ command: [String]) throws -> String {
        try #require(result.status == 0, "\(command): \(result.standardError)")
        let dropped: Set<String> = command.first == "search" ? ["took_ms", "score"] : ["took_ms"]
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !dropped.contains($0.key) }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let object = try JSONSerialization.jsonObject(with: result.standardOutput)
        return String(decoding: try JSONSerialization.data(withJSONObject: strip(object), options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    /// Whether two answers hold the same JSON, numbers within 1e-4: each store's index embeds the
    /// vault in its own run, and batches of other sizes round the last bits differently.
    private static func same(_ first: String, _ second: String) -> Bool {
        func equal(_ a: Any, _ b: Any) -> Bool {
            switch (a, b) {
            case let (a as [String: Any], b as [String: Any]):
                return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
            case let (a as [Any], b as [Any]):
                return a.count == b.count && zip(a, b).allSatisfy(equal)
            case let (a as String, b as String):
                return a == b
            case let (a as NSNumber, b as NSNumber):
                return abs(a.doubleValue - b.doubleValue) <= 1e-4
            case (is NSNull, is NSNull):
                return true
            default:
                return false
            }
        }
        guard let a = try? JSONSerialization.jsonObject(with: Data(first.utf8)),
              let b = try? JSONSerialization.jsonObject(with: Data(second.utf8)) else { return false }
        return equal(a, b)
    }

    private static let commands: [[String]] = [
            ["links", "vault/Kitchen.md"],
            ["links", "vault/Sourdough.md"],
            ["links", "vault/Starter.md"],
            ["links", "vault/it's \"odd\"/Ödd Nöte.md"],
            ["tags"],
            ["tags", "#Cooking"],
            ["graph"],
            ["gaps", "--threshold", "0.3"],
            ["gaps", "--threshold", "0.3", "--path", "vault/tools"],
            ["search", "baking bread", "--tag", "cooking", "--mode", "vector"],
            ["search", "sharpening", "--linked-from", "vault/Kitchen.md", "--mode", "keyword"],
            ["search", "flour", "--tag", "cooking/bread", "--linked-from", "vault/Sourdough.md", "--mode", "hybrid"],
        ]

    /// The normalised answers of `commands` on the index `store` names, vault paths as `<vault>`.
    private static func answers(_ scratch: TemporaryDirectory, store: [String]) throws -> [String] {
        let model = try ModelLocation.testModelDirectory().path
        let vault = scratch.url.appendingPathComponent("vault").standardizedFileURL.path
        return try commands.map { command in
            let result = try SeekProcess.run(command + store + ["--model-dir", model, "--json"], in: scratch.url)
            return try normalized(result, command).replacingOccurrences(of: vault, with: "<vault>")
        }
    }

    @Test func graphCommandsAnswerTheSameOnBothStores() async throws {
        let commands = Self.commands
        var answers: [StoreBackend: [String]] = [:]
        var related: [StoreBackend: [[String: Any]]] = [:]
        for backend in StoreBackend.allCases {
            let scratch = try TemporaryDirectory("seek-graph-stores")
            defer { scratch.remove() }
            try Self.writeVault(scratch)
            try await backend.withStore(in: scratch) { store, _ in
                let model = try ModelLocation.testModelDirectory().path
                let seek = { (arguments: [String]) throws -> SeekProcess.Result in
                    try SeekProcess.run(arguments + store + ["--model-dir", model, "--json"], in: scratch.url)
                }
                let index = try seek(["index", "vault", "--in-process"])
                try #require(index.status == 0, "\(index.standardError)")
                answers[backend] = try Self.answers(scratch, store: store)
                let status = try seek(["status"]).json()["graph"] as? [String: Int]
                #expect(status == ["nodes": 6, "edges": 8, "unresolved_links": 3, "tags": 5], "\(backend)")
                let answer = try seek(["related", "vault/Sourdough.md", "-k", "3"])
                try #require(answer.status == 0, "\(answer.standardError)")
                related[backend] = try #require(try answer.json()["results"] as? [[String: Any]])
                let missing = try seek(["links", "vault/Nowhere.md"])
                #expect(missing.status != 0 && missing.standardError.contains("is not in the index"), "\(backend): \(missing.standardError)")
            }
        }
        let sqlite = try #require(answers[.sqlite])
        let postgres = try #require(answers[.postgres])
        for (command, (expected, actual)) in zip(commands, zip(sqlite, postgres)) {
            #expect(Self.same(actual, expected), "\(command): \(actual)\n≠ \(expected)")
        }
        // The answers themselves (the same on both stores, checked above).
        #expect(sqlite[0].contains(#""unresolved":[{"kind":"wikilink","target":"Pastry"}]"#), "\(sqlite[0])")
        #expect(sqlite[1].contains(#""path":"<vault>/Kitchen.md""#), "Sourdough links to Home, an alias of Kitchen: \(sqlite[1])")
        #expect(sqlite[2].contains(#""anchor":"Feeding""#), "Starter's backlink carries its anchor: \(sqlite[2])")
        #expect(sqlite[5].contains(#""files":["<vault>/Kitchen.md","<vault>/Sourdough.md","<vault>/Starter.md"]"#), "\(sqlite[5])")
        #expect(sqlite[10].contains("<vault>/tools/knives.md"), "\(sqlite[10])")
        #expect(sqlite[3].contains("\u{FFFD}.md") && sqlite[3].contains("etc/passwd"), "kept, unresolved: \(sqlite[3])")
        // Related documents: the same files in the same order; scores from Int8 codes (SQLite's
        // snapshot) and from Float32 document vectors (PostgreSQL) agree to 0.01.
        let sqliteRelated = try #require(related[.sqlite])
        let postgresRelated = try #require(related[.postgres])
        func names(_ results: [[String: Any]]) -> [String] { results.compactMap { ($0["path"] as? String)?.components(separatedBy: "/vault/").last } }
        #expect(names(postgresRelated) == names(sqliteRelated))
        #expect(names(postgresRelated).first == "Starter.md")
        for (a, b) in zip(sqliteRelated, postgresRelated) {
            #expect(abs((a["score"] as? Double ?? 0) - (b["score"] as? Double ?? 9)) < 0.01)
            #expect(a["linked"] as? Bool == b["linked"] as? Bool && a["chunks"] as? Int == b["chunks"] as? Int)
        }
        #expect(postgresRelated.first { ($0["path"] as? String)?.hasSuffix("/Kitchen.md") == true }?["linked"] as? Bool ?? true)
    }

    /// `seek export` carries each file's links, tags and aliases (rebuilt from its edge rows),
    /// into PostgreSQL and back: the graph answers of the copies are those of the original.
    @Test func exportCarriesTheGraphToPostgresAndBack() async throws {
        let scratch = try TemporaryDirectory("seek-graph-export")
        defer { scratch.remove() }
        try Self.writeVault(scratch)
        let model = try ModelLocation.testModelDirectory().path
        let index = try SeekProcess.run(["index", "vault", "--in-process", "--index", "one", "--model-dir", model, "--json"], in: scratch.url)
        try #require(index.status == 0, "\(index.standardError)")
        let original = try Self.answers(scratch, store: ["--index", "one"])
        try await PostgresTestDatabase.with(namespace: "laptop") { configuration in
            let url = PostgresTestDatabase.url(of: configuration)
            let out = try SeekProcess.run(["export", "--index", "one", "--to", url, "--model-dir", model, "--json"], in: scratch.url)
            try #require(out.status == 0, "\(out.standardError)")
            for (command, (expected, actual)) in zip(Self.commands, zip(original, try Self.answers(scratch, store: ["--store", url]))) {
                #expect(Self.same(actual, expected), "in PostgreSQL, \(command): \(actual)\n≠ \(expected)")
            }
            let back = try SeekProcess.run(["export", "--index", "two", "--from", url, "--model-dir", model, "--json"], in: scratch.url)
            try #require(back.status == 0, "\(back.standardError)")
            for (command, (expected, actual)) in zip(Self.commands, zip(original, try Self.answers(scratch, store: ["--index", "two"]))) {
                #expect(Self.same(actual, expected), "back in SQLite, \(command): \(actual)\n≠ \(expected)")
            }
        }
    }
}
