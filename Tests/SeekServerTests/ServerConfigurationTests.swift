import Foundation
import Hummingbird
import SeekEngine
import SeekServer
import SeekTestSupport
import Testing

/// Loopback by default, the token rule, the Host and Origin checks.
@Suite(.serialized) struct ServerConfigurationTests {
    @Test func aNonLoopbackBindNeedsAToken() async throws {
        #expect(ServerConfiguration().bindsLoopback)
        #expect(throws: ServerError.tokenRequired(host: "0.0.0.0")) { try ServerConfiguration(host: "0.0.0.0").validate() }
        #expect(throws: ServerError.tokenRequired(host: "192.0.2.7")) { try ServerConfiguration(host: "192.0.2.7", token: "").validate() }
        try ServerConfiguration(host: "0.0.0.0", token: "secret").validate()
        try ServerConfiguration(host: "127.0.0.2").validate()
        #expect(throws: ServerError.self) { try ServerConfiguration(port: 70_000).validate() }

        let index = try await ServerTestIndex(documents: 0..<1)
        #expect(throws: ServerError.tokenRequired(host: "0.0.0.0")) { try index.server(ServerConfiguration(host: "0.0.0.0")) }
        await index.close()
    }

    @Test func withATokenRequestsWithoutItGet401() async throws {
        let index = try await ServerTestIndex(documents: 0..<2)
        let server = try index.server(ServerConfiguration(token: "s3cret"))
        try await LoopbackServer.run(server) { client in
            for uri in ["/api/status", "/api/search?q=flow", "/metrics", "/api/events", "/mcp"] {
                let missing = try await client.request(uri)
                #expect(missing.status == .unauthorized, "\(uri)")
                #expect(try missing.apiError().code == "unauthorized")
                #expect(missing.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                let wrong = try await client.request(uri, headers: [.authorization: "Bearer s3cres"])
                #expect(wrong.status == .unauthorized, "\(uri)")
            }
            let right = try await client.request("/api/status", headers: [.authorization: "Bearer s3cret"])
            #expect(right.status == .ok)
            // The pages load without it (they ask for it), and so does the health check.
            #expect(try await client.request("/").status == .ok)
            #expect(try await client.request("/healthz").status == .ok)
        }
        await index.close()
    }

    @Test func foreignOriginsAreRefused() async throws {
        let index = try await ServerTestIndex(documents: 0..<1)
        let server = try index.server()
        try await LoopbackServer.run(server) { client in
            // No CORS: another origin's request is refused, and no response allows other origins.
            // (The Host check against DNS rebinding: ServeCommandTests, which can send any Host.)
            let crossOrigin = try await client.request("/api/index", method: .post, headers: [.origin: "http://evil.example"], body: "{}")
            #expect(crossOrigin.status == .forbidden)
            #expect(try crossOrigin.apiError().code == "cross_origin")
            let sameOrigin = try await client.request("/api/status", headers: [.origin: client.origin])
            #expect(sameOrigin.status == .ok)
            #expect(sameOrigin.headers[.accessControlAllowOrigin] == nil)
        }
        await index.close()
    }
}
