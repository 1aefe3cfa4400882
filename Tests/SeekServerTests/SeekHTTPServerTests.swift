import Foundation
import Hummingbird
import SeekEngine
import SeekServer
import SeekTestSupport
import Testing

/// Every endpoint of the API through the router, with the same documents as the CLI's `--json`,
/// and the bad inputs each one refuses with a 4xx and an error document.
@Suite(.serialized) struct SeekHTTPServerTests {
    @Test func endpointsAnswerWithTheCLIDocuments() async throws {
        let index = try await ServerTestIndex()
        let server = try index.server()
        try await LoopbackServer.run(server) { client in
            let health = try await client.request("/healthz")
            #expect(health.status == .ok)
            #expect(try health.json()["status"] as? String == "ok")

            let status = try await client.request("/api/status")
            #expect(status.status == .ok)
            let statusJSON = try status.json()
            #expect((statusJSON["files"] as? [String: Any])?["indexed"] as? Int == index.paths.count)
            #expect(statusJSON["db_bytes"] as? Int ?? 0 > 0)

            for mode in ["keyword", "hybrid", "vector"] {
                let search = try await client.request("/api/search?q=boundary%20layer&k=3&mode=\(mode)")
                #expect(search.status == .ok, "\(search.text)")
                let json = try search.json()
                #expect(json["mode"] as? String == mode)
                let results = json["results"] as? [[String: Any]] ?? []
                #expect(!results.isEmpty && results.count <= 3)
                #expect(results.allSatisfy { index.paths.contains($0["path"] as? String ?? "") && $0["found_by"] != nil })
            }
            let typed = try await client.request("/api/search?q=flow&mode=keyword&type=md")
            #expect((try typed.json()["results"] as? [Any])?.isEmpty == true)
            let dated = try await client.request("/api/search?q=flow&mode=keyword&after=2000-01-01&before=2999-01-01&path=\(index.docs)")
            #expect((try dated.json()["results"] as? [Any])?.isEmpty == false)

            let files = try await client.request("/api/files")
            #expect(try files.jsonArray().count == index.paths.count)
            let failed = try await client.request("/api/files?status=failed")
            #expect(try failed.jsonArray().isEmpty)

            let shown = try await client.request("/api/file?path=\(index.paths[0])")
            #expect(shown.status == .ok)
            let document = try shown.json()
            #expect(document["path"] as? String == index.paths[0])
            #expect((document["chunks"] as? [Any])?.isEmpty == false)

            let runs = try await client.request("/api/runs?last=1")
            #expect(try runs.jsonArray().count == 1)
            // The index's history (one snapshot per run), oldest first, with the counts of the status.
            let snapshots = try await client.request("/api/snapshots?last=5").jsonArray()
            #expect(snapshots.count == 1)
            #expect(snapshots.first?["files"] as? Int == index.paths.count && (snapshots.first?["chunks"] as? Int ?? 0) > 0)
            #expect((snapshots.first?["db_bytes"] as? Int ?? 0) > 0 && snapshots.first?["taken_at"] is String)
            let validate = try await client.request("/api/validate")
            #expect(try validate.json()["ok"] as? Bool == true)

            let metrics = try await client.request("/metrics")
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(metrics.text.contains(#"seek_search_requests_total{mode="keyword",outcome="ok"}"#))
            #expect(metrics.text.contains("seek_search_duration_seconds_bucket"))
            #expect(metrics.text.contains("seek_catalog_chunks"))

            let page = try await client.request("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(try await client.request("/dashboard").status == .ok)

            let removed = try await client.request("/api/roots?path=\(index.docs)", method: .delete)
            #expect(removed.status == .ok, "\(removed.text)")
            #expect(try removed.json()["files_removed"] as? Int == index.paths.count)
            let gone = try await client.request("/api/file?path=\(index.paths[0])")
            #expect(gone.status == .notFound)
        }
        await index.close()
    }

    @Test func badInputGetsA4xxWithAnErrorDocument() async throws {
        let index = try await ServerTestIndex(documents: 0..<2)
        let server = try index.server(ServerConfiguration(maxBodyBytes: 1024))
        try await LoopbackServer.run(server) { client in
            let cases: [(String, HTTPRequest.Method, String?, HTTPResponse.Status, String)] = [
                ("/api/search", .get, nil, .badRequest, "invalid_request"),
                ("/api/search?q=%20", .get, nil, .badRequest, "invalid_request"),
                ("/api/search?q=flow&k=0", .get, nil, .badRequest, "invalid_request"),
                ("/api/search?q=flow&k=many", .get, nil, .badRequest, "invalid_request"),
                ("/api/search?q=flow&mode=fuzzy", .get, nil, .badRequest, "invalid_request"),
                ("/api/search?q=flow&after=yesterday", .get, nil, .badRequest, "invalid_request"),
                ("/api/search?q=flow&before=2026-13-45", .get, nil, .badRequest, "invalid_request"),
                ("/api/file", .get, nil, .badRequest, "invalid_request"),
                ("/api/file?path=/etc/passwd", .get, nil, .notFound, "not_indexed"),
                ("/api/files?status=lost", .get, nil, .badRequest, "invalid_request"),
                ("/api/runs?last=0", .get, nil, .badRequest, "invalid_request"),
                ("/api/snapshots?last=0", .get, nil, .badRequest, "invalid_request"),
                ("/api/snapshots?last=many", .get, nil, .badRequest, "invalid_request"),
                ("/api/roots?path=/not/a/root", .delete, nil, .notFound, "not_a_root"),
                ("/api/index", .post, "{\"paths\": 3}", .badRequest, "invalid_request"),
                ("/api/index", .post, "{\"paths\": [\"/no/such/folder\"]}", .badRequest, "invalid_root"),
                // Relative and empty paths would be resolved against the server's working directory.
                ("/api/index", .post, "{\"paths\": [\"\"]}", .badRequest, "invalid_request"),
                ("/api/index", .post, "{\"paths\": [\"docs\"]}", .badRequest, "invalid_request"),
                ("/api/roots?path=docs", .delete, nil, .badRequest, "invalid_request"),
                ("/api/search?q=flow&path=../etc", .get, nil, .badRequest, "invalid_request"),
                ("/api/index", .post, "{\"paths\": [\"" + String(repeating: "a", count: 2000) + "\"]}", .contentTooLarge, "body_too_large"),
                ("/api/events?until=forever", .get, nil, .badRequest, "invalid_request"),
                ("/api/nothing-here", .get, nil, .notFound, "not_found"),
                ("/api/search?q=" + String(repeating: "x", count: 5000), .get, nil, .uriTooLong, "uri_too_long"),
            ]
            for (uri, method, body, status, code) in cases {
                let response = try await client.request(uri, method: method, headers: [.contentType: "application/json"], body: body)
                #expect(response.status == status, "\(method) \(uri.prefix(80)): \(response.text)")
                let error = try response.apiError()
                #expect(error.code == code, "\(uri.prefix(80))")
                #expect(!error.message.isEmpty)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
        await index.close()
    }
}
