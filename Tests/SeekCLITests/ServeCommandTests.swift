import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real `seek serve` on a sample index, as a user runs it: it refuses an exposed address
/// without a token, serves the API and stops on SIGTERM, and its pages work in a real headless
/// Chromium (Debian's `chromium`, installed by `make deps`): the search page shows results for a
/// query, the dashboard shows an index run's progress.
@Suite(.serialized)
struct ServeCommandTests {
    /// A running `seek serve --port 0 --json` and the URL it printed.
    final class Server {
        let process: SeekProcess.Running
        let url: String

        init(fixture: CLIFixture, arguments: [String] = []) throws {
            process = try SeekProcess.start(["serve", "--port", "0", "--json"] + arguments, in: fixture.directory)
            let deadline = Date().addingTimeInterval(120)
            var url: String?
            while url == nil {
                url = process.jsonLinesSoFar.first { $0["event"] as? String == "listening" }?["url"] as? String
                guard url != nil || process.process.isRunning else { throw SeekProcess.Failure(message: "seek serve ended: \(process.errorSoFar)") }
                guard url != nil || Date() < deadline else { throw SeekProcess.Failure(message: "seek serve never listened: \(process.errorSoFar)") }
                if url == nil { Thread.sleep(forTimeInterval: 0.05) }
            }
            self.url = url!
        }

        func stop() -> SeekProcess.Result {
            process.kill(signal: SIGTERM)
            return process.wait()
        }

        func get(_ path: String) async throws -> (Int, Data) {
            let (data, response) = try await URLSession.shared.data(from: URL(string: url + path)!)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }

        func post(_ path: String, json: String) async throws -> (Int, Data) {
            var request = URLRequest(url: URL(string: url + path)!)
            request.httpMethod = "POST"
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }
    }

    /// Headless Chromium: the DOM of `url` after its scripts ran for `milliseconds` of page time.
    static func dumpDOM(_ url: String, milliseconds: Int) throws -> String {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].compactMap { $0 }
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw SeekProcess.Failure(message: "chromium not found in \(candidates): `make deps` installs Debian's chromium")
        }
        let profile = try TemporaryDirectory("seek-chromium")
        defer { profile.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                             "--virtual-time-budget=\(milliseconds)", "--dump-dom", url]
        let output = profile.file("dom.html")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        return String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
    }

    @Test func anExposedAddressWithoutATokenIsRefused() throws {
        let fixture = try CLIFixture()
        let result = try SeekProcess.run(["serve", "--host", "0.0.0.0", "--port", "0"], in: fixture.directory, environment: ["SEEK_TOKEN": ""])
        #expect(result.status == 1)
        #expect(result.standardError.contains("without a token"), "\(result.standardError)")
    }

    @Test func servesTheAPIAndStopsOnSIGTERM() async throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<6)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let server = try Server(fixture: fixture, arguments: ["--token", "T0k3n"])
        let (unauthorized, _) = try await server.get("/api/status")
        #expect(unauthorized == 401)
        // DNS rebinding: a page of another site whose name resolves to 127.0.0.1 sends its own Host.
        var rebound = URLRequest(url: URL(string: server.url + "/api/status")!)
        rebound.setValue("attacker.example", forHTTPHeaderField: "Host")
        rebound.setValue("Bearer T0k3n", forHTTPHeaderField: "Authorization")
        let (_, reboundResponse) = try await URLSession.shared.data(for: rebound)
        #expect((reboundResponse as? HTTPURLResponse)?.statusCode == 421)
        var request = URLRequest(url: URL(string: server.url + "/api/search?q=boundary%20layer&mode=keyword&k=2")!)
        request.setValue("Bearer T0k3n", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        #expect((json["results"] as? [Any])?.count == 2)
        // An open event stream does not hold the graceful shutdown back: it ends, then the process.
        var events = URLRequest(url: URL(string: server.url + "/api/events")!)
        events.setValue("Bearer T0k3n", forHTTPHeaderField: "Authorization")
        let stream = Task { try await URLSession.shared.data(for: events) }
        var metrics = URLRequest(url: URL(string: server.url + "/metrics")!)
        metrics.setValue("Bearer T0k3n", forHTTPHeaderField: "Authorization")
        while !String(decoding: try await URLSession.shared.data(for: metrics).0, as: UTF8.self).contains("seek_server_event_streams 1") {
            try await Task.sleep(for: .milliseconds(50))
        }
        let stopped = server.stop()
        let (eventData, _) = try await stream.value
        #expect(String(decoding: eventData, as: UTF8.self).hasPrefix("event: state\n"))
        #expect(stopped.status == 0, "\(stopped.standardError)")
    }

    @Test func withWatchANewFileBecomesSearchable() async throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<3)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let server = try Server(fixture: fixture, arguments: ["--watch"])
        defer { _ = server.stop() }
        let added = try fixture.scratch.write("Hypersonic wind tunnels\nA note on shock tubes and hypersonic wind tunnel calibration.", to: "docs/new-note.txt")
        let deadline = Date().addingTimeInterval(120)
        var found = false
        while !found, Date() < deadline {
            let (_, data) = try await server.get("/api/files")
            let rows = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
            found = rows.contains { $0["path"] as? String == added.path && $0["status"] as? String == "indexed" }
            if !found { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(found)
        let (_, data) = try await server.get("/api/search?q=shock%20tubes&mode=keyword&k=1")
        let results = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["results"] as? [[String: Any]] ?? []
        #expect(results.first?["path"] as? String == added.path)
    }

    @Test func theSearchPageShowsResultsInARealBrowser() async throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<12)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let server = try Server(fixture: fixture)
        defer { _ = server.stop() }
        // The page runs the query of its URL on load, as typing it would (debounced search).
        let dom = try Self.dumpDOM(server.url + "/?q=boundary%20layer%20flow&mode=hybrid", milliseconds: 8000)
        #expect(dom.contains(#"id="results""#), "\(dom.prefix(500))")
        let results = dom.components(separatedBy: #"class="result""#).count - 1
        #expect(results >= 3, "\(dom)")
        #expect(dom.contains(fixture.directory.appendingPathComponent("docs").path))
        #expect(dom.contains("<mark>"))
        #expect(dom.contains(#"data-searched="boundary layer flow""#))
    }

    @Test func theDashboardShowsARunInProgress() async throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<4)
        try fixture.writeCranfield(100..<1400, folder: "more")
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let server = try Server(fixture: fixture)
        defer { _ = server.stop() }
        let (status, body) = try await server.post("/api/index", json: #"{"paths":["\#(fixture.directory.appendingPathComponent("more").path)"]}"#)
        #expect(status == 202, "\(String(decoding: body, as: UTF8.self))")
        // Loads of the page a few seconds apart: each shows the run's progress (files, tokens), and it moves.
        // (An embedding batch can take several seconds on a loaded machine: load again until the tokens move,
        // for at most a minute.)
        let first = try Self.progress(inDashboardOf: server)
        var second = try Self.progress(inDashboardOf: server)
        let deadline = Date().addingTimeInterval(60)
        while second.tokens == first.tokens, Date() < deadline {
            second = try Self.progress(inDashboardOf: server)
        }
        #expect(second.found > 0 && second.found >= first.found)
        #expect(second.done >= first.done)
        #expect(second.tokens > first.tokens)
    }

    @Test func theDashboardMarksARunThatStoppedEarly() async throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<2)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        // The line an interrupted run writes (`ParentDeathSignalTests` makes a real one): the
        // finished run's line with `stopped_by`.
        let log = fixture.directory.appendingPathComponent(".seek/runs.jsonl")
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        let last = try #require(lines.last)
        var record = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        record["stopped_by"] = "interrupted"
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: try JSONSerialization.data(withJSONObject: record) + Data("\n".utf8))
        try handle.close()
        let server = try Server(fixture: fixture)
        defer { _ = server.stop() }
        let dom = try Self.dumpDOM(server.url + "/dashboard", milliseconds: 4000)
        #expect(dom.contains("<td>index (interrupted)</td>"), "\(dom)")
        #expect(dom.contains("<td>index</td>"), "\(dom)")
    }

    /// Files done and found, and tokens embedded, as the dashboard shows them.
    static func progress(inDashboardOf server: Server) throws -> (done: Int, found: Int, tokens: Int) {
        let dom = try dumpDOM(server.url + "/dashboard", milliseconds: 4000)
        #expect(dom.contains(#"id="connection">live<"#), "\(dom)")
        // The index's history: one bar per snapshot (the first `seek index` took one).
        #expect(dom.range(of: #"id="history-files"[^>]*><rect"#, options: .regularExpression) != nil, "\(dom)")
        let files = try #require(dom.firstMatch(of: /id="run-files">(\d+) \/ (\d+)</), "\(dom)")
        let tokens = try #require(dom.firstMatch(of: /id="run-tokens">(\d+)</), "\(dom)")
        return (Int(files.output.1) ?? 0, Int(files.output.2) ?? 0, Int(tokens.output.1) ?? 0)
    }
}
