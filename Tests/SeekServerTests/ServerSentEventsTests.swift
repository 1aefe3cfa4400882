import Foundation
import Hummingbird
import SeekEngine
import SeekServer
import SeekTestSupport
import Testing

/// /api/events: the state first, then a run's progress and its finished event with the counts,
/// for a run started through POST /api/index.
@Suite struct ServerSentEventsTests {
    @Test func aSubscriberSeesTheRunStartedThroughTheAPI() async throws {
        let index = try await ServerTestIndex(documents: 0..<2)
        let added = try ServerTestIndex.writeCranfield(100..<160, into: index.scratch, folder: "more")
        let server = try index.server()
        try await LoopbackServer.run(server) { client in
            // The stream ends after the first finished run (`until=run`): the client reads whole bodies.
            async let stream = client.request("/api/events?until=run")
            while server.openEventStreams < 1 { try await Task.sleep(for: .milliseconds(10)) }
            let queued = try await client.request("/api/index", method: .post, headers: [.contentType: "application/json"],
                                                  body: #"{"paths":["\#(index.scratch.file("more").path)"]}"#)
            #expect(queued.status == .accepted, "\(queued.text)")
            let run = try #require(try queued.json()["run"] as? Int)

            let response = try await stream
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let events = Self.events(response.text)
            #expect(events.first?.name == "state")
            #expect(((events.first?.data["status"] as? [String: Any])?["files"] as? [String: Any])?["indexed"] as? Int == 2)
            #expect(events.contains { $0.name == "run_started" && $0.data["run"] as? Int == run })
            #expect(events.contains { $0.name == "progress" && $0.data["run"] as? Int == run })
            #expect(events.filter { $0.name == "indexed" }.count == added.count)
            let finished = try #require(events.last)
            #expect(finished.name == "run")
            #expect(finished.data["run"] as? Int == run)
            #expect((finished.data["report"] as? [String: Any])?["files_indexed"] as? Int == added.count)
        }
        await index.close()
    }

    /// (event name, data object) of each SSE frame.
    static func events(_ text: String) -> [(name: String, data: [String: Any])] {
        text.components(separatedBy: "\n\n").compactMap { frame in
            let lines = frame.split(separator: "\n")
            guard let name = lines.first(where: { $0.hasPrefix("event: ") })?.dropFirst(7),
                  let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6),
                  let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else { return nil }
            return (String(name), object)
        }
    }
}
