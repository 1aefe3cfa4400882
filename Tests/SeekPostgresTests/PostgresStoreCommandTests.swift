import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SeekBench
import SeekPostgres
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `seek ... --store postgres://`: the real binary indexing into, searching, checking and
/// validating a real PostgreSQL database; two indexers at once; an indexer killed mid-run.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, PostgresTestDatabase.skipMessage), .serialized)
struct PostgresStoreCommandTests {
    /// A scratch folder with `count` Cranfield abstracts under `docs/`.
    private func withCorpus(count: Int, _ body: (TemporaryDirectory) async throws -> Void) async throws {
        let scratch = try TemporaryDirectory("seek-pg-cli")
        defer { scratch.remove() }
        for document in try CranfieldDataset.documents().prefix(count) {
            try scratch.write(document.title.trimmingCharacters(in: .whitespaces) + "\n" + document.text, to: "docs/\(document.id).txt")
        }
        try await body(scratch)
    }

    private func seek(_ arguments: [String], in scratch: TemporaryDirectory) throws -> SeekProcess.Result {
        try SeekProcess.run(arguments, in: scratch.url)
    }

    /// Chunks of the database and the sum of the files' recorded chunk counts (equal in a sound index).
    private func chunkCounts(_ configuration: PostgresStoreConfiguration) async throws -> (chunks: Int, recorded: Int, vectors: Int) {
        (try await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM chunks"),
         try await PostgresTestDatabase.count(configuration, "SELECT coalesce(sum(chunk_count), 0)::int8 FROM files"),
         try await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM vectors"))
    }

    @Test func indexSearchStatusAndValidateWorkOnPostgres() async throws {
        try await PostgresTestDatabase.with(namespace: "laptop") { configuration in
            try await withCorpus(count: 12) { scratch in
                try scratch.write("harbour'); DROP TABLE files; --\nboats in the harbour", to: "docs/it's \"quoted\"; DROP TABLE files.txt")
                let url = PostgresTestDatabase.url(of: configuration)
                let docs = scratch.file("docs").path

                let first = try seek(["index", docs, "--store", url, "--json"], in: scratch)
                #expect(first.status == 0, "\(first.standardError)")
                let report = try first.json()
                #expect(report["files_indexed"] as? Int == 13)
                #expect(report["files_failed"] as? Int == 0)
                let counts = try await chunkCounts(configuration)
                #expect(counts.chunks == report["chunks"] as? Int)
                #expect(counts.chunks == counts.recorded && counts.chunks == counts.vectors)
                // Nothing was written beside the process: no SQLite index appeared.
                #expect(!FileManager.default.fileExists(atPath: scratch.file(".seek/index.sqlite").path))

                let again = try seek(["index", "--store", url, "--json"], in: scratch).json()
                #expect(again["files_indexed"] as? Int == 0)
                #expect(again["files_unchanged"] as? Int == 13)

                try scratch.write("A new text about supersonic boats in a harbour.", to: "docs/1.txt")
                try FileManager.default.removeItem(at: scratch.file("docs/2.txt"))
                let changed = try seek(["index", "--store", url, "--json"], in: scratch).json()
                #expect(changed["files_indexed"] as? Int == 1)
                #expect(changed["files_removed"] as? Int == 1)
                #expect(try await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM files") == 12)

                let search = try seek(["search", "boats in a harbour", "--store", url, "--json", "-k", "3"], in: scratch)
                #expect(search.status == 0, "\(search.standardError)")
                let results = try #require(try search.json()["results"] as? [[String: Any]])
                #expect(results.count == 3)
                let paths = results.compactMap { $0["path"] as? String }
                #expect(paths.contains(scratch.file("docs/1.txt").path))
                #expect(paths.contains(scratch.file("docs/it's \"quoted\"; DROP TABLE files.txt").path))

                let status = try seek(["status", "--store", url, "--json"], in: scratch).json()
                #expect((status["files"] as? [String: Int])?["indexed"] == 12)
                #expect(status["chunks"] as? Int == (try await chunkCounts(configuration)).chunks)
                #expect((status["store"] as? String)?.contains("namespace laptop") == true)
                #expect(status["roots"] as? [String] == [docs])

                let validate = try seek(["validate", "--store", url, "--json"], in: scratch)
                #expect(validate.status == 0)
                #expect(try validate.json()["ok"] as? Bool == true)

                // Listing and showing files read the database.
                let files = try seek(["files", "--store", url, "--json"], in: scratch)
                #expect(files.status == 0, "\(files.standardError)")
                let rows = try files.jsonArray()
                #expect(rows.count == 12 && rows.allSatisfy { $0["status"] as? String == "indexed" })
                #expect(rows.compactMap { $0["path"] as? String } == rows.compactMap { $0["path"] as? String }.sorted())
                let hostile = scratch.file("docs/it's \"quoted\"; DROP TABLE files.txt").path
                let shown = try seek(["show", hostile, "--store", url, "--json"], in: scratch)
                #expect(shown.status == 0, "\(shown.standardError)")
                #expect((try shown.json()["text"] as? String)?.contains("boats in the harbour") == true)
                let notThere = try seek(["show", scratch.file("docs/2.txt").path, "--store", url, "--json"], in: scratch)
                #expect(notThere.status != 0 && notThere.standardError.contains("is not in the index"), "\(notThere.standardError)")

                // The run log lives beside a SQLite index: `runs` says so instead of using ./.seek.
                let refused = try seek(["runs", "--store", url], in: scratch)
                #expect(refused.status != 0 && refused.standardError.contains("SQLite"), "\(refused.standardError)")
                // The graph is the database's: plain text files carry no tags, so a tag filter keeps nothing.
                let tags = try seek(["tags", "--store", url, "--json"], in: scratch)
                #expect(try tags.status == 0 && (tags.json()["tags"] as? [Any])?.isEmpty == true, "\(tags.standardError)")
                let tagged = try seek(["search", "wing", "--tag", "project", "--store", url, "--json"], in: scratch)
                #expect(try tagged.status == 0 && (tagged.json()["results"] as? [Any])?.isEmpty == true, "\(tagged.standardError)")
                // A database that is not there fails at once with the server's words.
                var missing = configuration
                missing.database = "seek_no_such_database"
                let started = Date()
                let noDatabase = try seek(["status", "--store", PostgresTestDatabase.url(of: missing)], in: scratch)
                #expect(noDatabase.status != 0)
                #expect(noDatabase.standardError.contains("database \"seek_no_such_database\" does not exist"), "\(noDatabase.standardError)")
                #expect(Date().timeIntervalSince(started) < 30)
                let badURL = try seek(["status", "--store", "mysql://x@y/z"], in: scratch)
                #expect(badURL.status != 0)
                #expect(badURL.standardError.contains("neither sqlite nor a postgres:// URL"))
            }
        }
    }

    /// The (path, score) pairs of a vector search, rounded: equal vectors give equal pairs (the order of
    /// equal scores follows chunk ids, which a copy renumbers).
    private func results(_ arguments: [String], in scratch: TemporaryDirectory) throws -> Set<String> {
        let output = try seek(["search", "supersonic flow over a wing", "-k", "8", "--mode", "vector", "--json"] + arguments, in: scratch)
        #expect(output.status == 0, "\(output.standardError)")
        let results = try output.json()["results"] as? [[String: Any]] ?? []
        return Set(results.map { "\($0["path"] as? String ?? "?") \(String(format: "%.5f", $0["score"] as? Double ?? -1))" })
    }

    @Test func inspectAndDoctorDescribeThePostgresIndexAndAReadOnlyUserCanSearch() async throws {
        try await PostgresTestDatabase.with(namespace: "laptop") { configuration in
            try await withCorpus(count: 8) { scratch in
                let url = PostgresTestDatabase.url(of: configuration)
                let docs = scratch.file("docs").path
                #expect(try seek(["index", docs, "--store", url, "--json"], in: scratch).status == 0)

                let inspection = try seek(["inspect", "--store", url, "--json"], in: scratch)
                #expect(inspection.status == 0, "\(inspection.standardError)")
                let inspected = try inspection.json()
                let tables = Dictionary(uniqueKeysWithValues: (inspected["tables"] as? [[String: Any]] ?? []).map {
                    ($0["name"] as? String ?? "", $0["rows"] as? Int ?? -1)
                })
                #expect(tables["files"] == 8)
                #expect(tables["chunks"] == tables["vectors"] && (tables["chunks"] ?? 0) >= 8)
                let hnsw = inspected["vectorIndex"] as? [String: Any] ?? [:]
                #expect(hnsw["exists"] as? Bool == true && hnsw["valid"] as? Bool == true)
                #expect(hnsw["options"] as? [String] == ["m=16", "ef_construction=64"])
                #expect((inspected["roots"] as? [[String: String]])?.first == ["namespace": "laptop", "path": docs])
                let pgvector = (inspected["versions"] as? [String: String])?["pgvector"]
                #expect(pgvector?.hasPrefix("0.") == true, "\(String(describing: pgvector))")

                let doctor = try seek(["doctor", "--store", url, "--json"], in: scratch)
                #expect(doctor.status == 0, "\(doctor.output)")
                let checks = (try doctor.json()["checks"] as? [[String: Any]] ?? [])
                #expect(checks.compactMap { $0["check"] as? String } == ["model", "blas", "precision", "postgres", "index", "hnsw", "permissions"])
                #expect(checks.allSatisfy { $0["ok"] as? Bool == true }, "\(checks)")

                // A user who may only read, in read-only transactions (as on a replica): searches
                // work; indexing fails saying why; doctor names the grant that is missing.
                let reader = "seek_reader_" + UUID().uuidString.prefix(8).lowercased()
                for statement in ["CREATE ROLE \(reader) LOGIN", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(reader)",
                                  "ALTER ROLE \(reader) SET default_transaction_read_only = on"] {
                    try await PostgresTestDatabase.administer(configuration, statement)
                }
                let readerURL = url.replacingOccurrences(of: "postgres://\(configuration.username)@", with: "postgres://\(reader)@")
                let search = try seek(["search", "boundary layer", "--store", readerURL, "--json"], in: scratch)
                #expect(search.status == 0, "\(search.standardError)")
                #expect((try search.json()["results"] as? [[String: Any]])?.isEmpty == false)
                try scratch.write("A new text about supersonic boats in a harbour.", to: "docs/new.txt")
                let index = try seek(["index", docs, "--store", readerURL, "--json"], in: scratch)
                #expect(index.status != 0 || (try? index.json()["files_failed"] as? Int) == 1, "\(index.output)")
                let said = index.standardError + index.output
                #expect(said.contains("read-only") || said.contains("permission denied"), "\(said)")
                let readerDoctor = try seek(["doctor", "--store", readerURL, "--json"], in: scratch)
                #expect(readerDoctor.status == 1)
                let permissions = (try readerDoctor.json()["checks"] as? [[String: Any]] ?? []).first { $0["check"] as? String == "permissions" }
                #expect(permissions?["ok"] as? Bool == false)
                #expect((permissions?["fix"] as? String)?.contains("GRANT INSERT, UPDATE, DELETE") == true)
                try await PostgresTestDatabase.administer(configuration, "DROP OWNED BY \(reader)")
                try await PostgresTestDatabase.administer(configuration, "DROP ROLE \(reader)")

                // Without its HNSW index, searches still answer (every vector is scanned) and doctor says how to rebuild it.
                try await PostgresTestDatabase.administer(configuration, "DROP INDEX vectors_embedding_hnsw")
                #expect(try seek(["search", "boundary layer", "--mode", "vector", "--store", url, "--json"], in: scratch).status == 0)
                let dropped = try seek(["doctor", "--store", url, "--json"], in: scratch)
                #expect(dropped.status == 1)
                let hnswCheck = (try dropped.json()["checks"] as? [[String: Any]] ?? []).first { $0["check"] as? String == "hnsw" }
                #expect(hnswCheck?["ok"] as? Bool == false && (hnswCheck?["fix"] as? String)?.contains("REINDEX") == true)
                let missing = try seek(["inspect", "--store", url, "--json"], in: scratch).json()
                #expect((missing["vectorIndex"] as? [String: Any])?["exists"] as? Bool == false)
            }
        }
    }

    /// `seek watch --store postgres://`: a watcher on one host keeps the team index in step with
    /// its folder (a new file, an edit, a deletion), seen by plain SQL from elsewhere, and stops
    /// cleanly on SIGTERM.
    @Test func watchKeepsThePostgresIndexInStepWithTheFolder() async throws {
        try await PostgresTestDatabase.with(namespace: "watcher") { configuration in
            try await withCorpus(count: 4) { scratch in
                let url = PostgresTestDatabase.url(of: configuration)
                let docs = scratch.file("docs").path
                let watcher = try SeekProcess.start(["watch", docs, "--store", url, "--json", "--in-process", "--debounce-ms", "200"],
                                                    in: scratch.url)
                let deadline = Date().addingTimeInterval(120)
                while !watcher.jsonLinesSoFar.contains(where: { $0["event"] as? String == "ready" }) {
                    try #require(watcher.process.isRunning && Date() < deadline, "no ready event: \(watcher.errorSoFar)")
                    try await Task.sleep(for: .milliseconds(50))
                }
                func indexed(_ name: String, containing word: String = "") async throws -> Bool {
                    try await PostgresTestDatabase.count(configuration, """
                        SELECT count(*)::int8 FROM files f JOIN chunks c ON c.file_id = f.id
                        WHERE f.path = '\(docs)/\(name)' AND f.status = 'indexed' AND c.text LIKE '%\(word)%'
                        """) > 0
                }
                func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
                    let until = Date().addingTimeInterval(60)
                    while Date() < until {
                        if try await condition() { return true }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    return try await condition()
                }
                #expect(try await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM files") == 4)

                try scratch.write("A new note about supersonic boats.", to: "docs/new.md")
                #expect(try await eventually { try await indexed("new.md", containing: "supersonic") })
                try scratch.write("The note now talks about hypersonic flow.", to: "docs/new.md")
                #expect(try await eventually { try await indexed("new.md", containing: "hypersonic") })
                try FileManager.default.removeItem(at: scratch.file("docs/new.md"))
                #expect(try await eventually {
                    try await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM files WHERE path LIKE '%/new.md'") == 0
                })
                let validate = try seek(["validate", "--store", url, "--json"], in: scratch)
                #expect(validate.status == 0, "\(validate.output)")

                #expect(watcher.jsonLinesSoFar.contains { $0["event"] as? String == "run" })
                watcher.kill(signal: SIGTERM)
                let stopped = watcher.wait()
                #expect(stopped.status == 0, "\(stopped.standardError)")
            }
        }
    }

    /// `seek mcp --store postgres://`: an agent searches, reads and lists the team index and
    /// indexes into it; memories and the graph tools say they need a SQLite index.
    @Test func anMCPServerServesThePostgresIndex() async throws {
        try await PostgresTestDatabase.with(namespace: "agent-host") { configuration in
            try await withCorpus(count: 6) { scratch in
                let url = PostgresTestDatabase.url(of: configuration)
                let docs = scratch.file("docs").path
                #expect(try seek(["index", docs, "--store", url, "--json"], in: scratch).status == 0)
                try scratch.write("Notes on harbour tugboats and pilots.", to: "inbox/notes/tugboats.md")
                let server = try JSONRPCChild(executable: try SeekBinary.path(), arguments: [
                    "mcp", "--store", url, "--allow-root", scratch.file("inbox").path, "--index", scratch.file("idx").path])
                defer { server.stop() }
                let initialized = try server.call("initialize", [
                    "protocolVersion": "2025-03-26", "capabilities": [String: Any](), "clientInfo": ["name": "tests", "version": "1"]])
                #expect(initialized["result"] != nil, "\(initialized)")
                try server.notify("notifications/initialized")
                func tool(_ name: String, _ arguments: [String: Any] = [:]) throws -> [String: Any] {
                    let answer = try server.call("tools/call", ["name": name, "arguments": arguments])
                    return answer["result"] as? [String: Any] ?? [:]
                }
                func structured(_ result: [String: Any]) -> [String: Any] { result["structuredContent"] as? [String: Any] ?? [:] }

                let found = try tool("search", ["query": "boundary layer", "k": 3])
                #expect(found["isError"] as? Bool != true, "\(found)")
                let results = structured(found)["results"] as? [[String: Any]] ?? []
                #expect(results.count == 3)
                let firstPath = try #require(results.first?["path"] as? String)
                let document = try tool("get_document", ["path": firstPath])
                #expect(document["isError"] as? Bool != true, "\(document)")
                #expect((structured(document)["text"] as? String)?.isEmpty == false)
                let listed = try tool("list_files")
                #expect((structured(listed)["files"] as? [[String: Any]])?.count == 6, "\(listed)")
                let status = try tool("status")
                #expect((structured(status)["files"] as? [String: Int])?["indexed"] == 6, "\(status)")

                // Indexing a new folder inside the allowed one writes into PostgreSQL; a search finds it.
                let indexed = try tool("index", ["paths": [scratch.file("inbox/notes").path]])
                #expect(indexed["isError"] as? Bool != true, "\(indexed)")
                let tugboats = try tool("search", ["query": "tugboats and harbour pilots", "k": 1, "mode": "keyword"])
                #expect((structured(tugboats)["results"] as? [[String: Any]])?.first?["path"] as? String
                        == scratch.file("inbox/notes/tugboats.md").path, "\(tugboats)")
                #expect(try await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM files WHERE path LIKE '%/tugboats.md'") == 1)

                // Graph tools read the database's link graph; memories are files beside a SQLite index.
                let links = try tool("links", ["path": firstPath])
                #expect(links["isError"] as? Bool != true && (structured(links)["path"] as? String) == firstPath, "\(links)")
                let refused = try tool("remember", ["text": "the build needs Swift 6"])
                #expect(refused["isError"] as? Bool == true, "\(refused)")
                let text = ((refused["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
                #expect(text.contains("SQLite"), "\(text)")
            }
        }
    }

    @Test func exportCopiesAnIndexToPostgresAndBackWithoutEmbedding() async throws {
        try await PostgresTestDatabase.with(namespace: "laptop") { configuration in
            try await withCorpus(count: 20) { scratch in
                let url = PostgresTestDatabase.url(of: configuration)
                let docs = scratch.file("docs").path
                try scratch.write("", to: "docs/empty.txt")
                let indexed = try seek(["index", docs, "--index", "one", "--json"], in: scratch).json()
                #expect(indexed["files_indexed"] as? Int == 21)

                let out = try seek(["export", "--index", "one", "--to", url, "--json"], in: scratch)
                #expect(out.status == 0, "\(out.standardError)")
                let report = try out.json()
                #expect(report["files_indexed"] as? Int == 21)
                #expect(report["chunks"] as? Int == indexed["chunks"] as? Int)
                let counts = try await chunkCounts(configuration)
                #expect(counts.chunks == indexed["chunks"] as? Int && counts.vectors == counts.chunks)
                // The same vectors and texts: the same results, scores and all.
                let original = try results(["--index", "one"], in: scratch)
                #expect(original.count == 8)
                #expect(try results(["--store", url], in: scratch) == original)
                // Nothing to do for an indexer afterwards: stats, hashes and precision came along.
                let again = try seek(["index", "--store", url, "--json"], in: scratch).json()
                #expect(again["files_unchanged"] as? Int == 21 && again["chunks_embedded"] as? Int == 0)

                let back = try seek(["export", "--index", "two", "--from", url, "--json"], in: scratch)
                #expect(back.status == 0, "\(back.standardError)")
                #expect(try back.json()["chunks"] as? Int == indexed["chunks"] as? Int)
                #expect(try results(["--index", "two"], in: scratch) == original)
                #expect(try seek(["validate", "--index", "two", "--json"], in: scratch).json()["ok"] as? Bool == true)
                let twice = try seek(["index", "--index", "two", "--json"], in: scratch).json()
                #expect(twice["files_unchanged"] as? Int == 21 && twice["chunks_embedded"] as? Int == 0)

                let neither = try seek(["export", "--index", "one"], in: scratch)
                #expect(neither.status != 0 && neither.standardError.contains("--to"))
                let noIndex = try seek(["export", "--index", "missing", "--to", url], in: scratch)
                #expect(noIndex.status != 0 && noIndex.standardError.contains("no Seek index"), "\(noIndex.standardError)")
            }
        }
    }

    @Test func aServerAnswersFromPostgresAndSeesFilesAnotherHostIndexes() async throws {
        try await PostgresTestDatabase.with(namespace: "indexer-host") { configuration in
            try await withCorpus(count: 10) { scratch in
                let url = PostgresTestDatabase.url(of: configuration)
                let docs = scratch.file("docs").path
                #expect(try seek(["index", docs, "--store", url, "--json"], in: scratch).status == 0)
                var serverConfiguration = configuration
                serverConfiguration.namespace = "search-host"
                let server = try SeekProcess.start(["serve", "--port", "0", "--json", "--store", PostgresTestDatabase.url(of: serverConfiguration)],
                                                   in: scratch.url)
                defer {
                    server.kill(signal: SIGTERM)
                    _ = server.wait()
                }
                let deadline = Date().addingTimeInterval(60)
                var base: String?
                while base == nil, Date() < deadline, server.process.isRunning {
                    base = server.jsonLinesSoFar.first { $0["event"] as? String == "listening" }?["url"] as? String
                    if base == nil { try await Task.sleep(for: .milliseconds(50)) }
                }
                let address = try #require(base, "seek serve did not listen: \(server.errorSoFar)")
                func get(_ path: String) async throws -> (Int, [String: Any]) {
                    let (data, response) = try await URLSession.shared.data(from: URL(string: address + path)!)
                    return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
                }
                let query = "/api/search?q=harbour%20pilots%20and%20tugboats&k=3&mode=keyword"
                #expect((try await get(query).1["results"] as? [[String: Any]])?.isEmpty == true)
                // Another host indexes a new file: the server finds it on its next query.
                try scratch.write("Harbour pilots guide tugboats through the harbour.", to: "docs/harbour.txt")
                #expect(try seek(["index", docs, "--store", url, "--json"], in: scratch).json()["files_indexed"] as? Int == 1)
                let (code, found) = try await get(query)
                #expect(code == 200)
                #expect((found["results"] as? [[String: Any]])?.first?["path"] as? String == scratch.file("docs/harbour.txt").path)
                let (statusCode, status) = try await get("/api/status")
                #expect(statusCode == 200)
                #expect((status["files"] as? [String: Int])?["indexed"] == 11)
                #expect(try await get("/api/validate").1["ok"] as? Bool == true)
                // Files and documents come from the database; the run log and snapshots are the SQLite file's.
                let harbour = scratch.file("docs/harbour.txt").path
                let encodedPath = harbour.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? harbour
                let (filesCode, _) = try await get("/api/files")
                #expect(filesCode == 200)
                let (listData, _) = try await URLSession.shared.data(from: URL(string: address + "/api/files?path=" + encodedPath)!)
                let listed = (try JSONSerialization.jsonObject(with: listData) as? [[String: Any]]) ?? []
                #expect(listed.count == 1 && listed.first?["status"] as? String == "indexed", "\(listed)")
                let (fileCode, file) = try await get("/api/file?path=" + encodedPath)
                #expect(fileCode == 200)
                #expect((file["text"] as? String)?.contains("tugboats") == true)
                #expect(try await get("/api/file?path=" + encodedPath + "-missing").0 == 404)
                #expect(try await get("/api/runs").0 == 400)
            }
        }
    }
}
