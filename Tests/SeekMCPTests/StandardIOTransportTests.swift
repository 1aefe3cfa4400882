import Foundation
import MCP
import SeekMCP
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The line transport on real pipes: lines split across writes, several lines in one write,
/// blank lines, a last line without a newline, an over-long line dropped without losing the
/// next one, and answers written whole with their newline.
@Suite struct StandardIOTransportTests {
    @Test func linesArriveWholeInOrderAndAnswersEndWithANewline() async throws {
        let toTransport = Pipe(), fromTransport = Pipe()
        let transport = StandardIOTransport(input: toTransport.fileHandleForReading.fileDescriptor,
                                            output: fromTransport.fileHandleForWriting.fileDescriptor)
        try await transport.connect()
        let writer = toTransport.fileHandleForWriting
        writer.write(Data(#"{"id":1,"#.utf8))
        try await Task.sleep(for: .milliseconds(20))
        writer.write(Data("\"a\":\"é\"}\n\n{\"id\":2}\n{\"id\":3}\r\n".utf8))
        let tooLong = Data(repeating: UInt8(ascii: "x"), count: StandardIOTransport.maxMessageBytes + 10)
        writer.write(tooLong)
        writer.write(Data("\n{\"id\":4}\n{\"id\":5}".utf8))
        try writer.close()

        var received: [String] = []
        for try await message in await transport.receive() {
            received.append(String(decoding: message, as: UTF8.self))
        }
        // (Long lines summarised, so a failure does not print 16 MiB.)
        let summary = received.map { $0.utf8.count > 100 ? "<\($0.utf8.count) bytes>" : $0 }
        #expect(summary == [#"{"id":1,"a":"é"}"#, #"{"id":2}"#, "{\"id\":3}\r", #"{"id":4}"#, #"{"id":5}"#])

        try await transport.send(Data(#"{"result":true}"#.utf8))
        try await transport.send(Data(#"{"result":false}"#.utf8))
        try fromTransport.fileHandleForWriting.close()
        let written = try fromTransport.fileHandleForReading.readToEnd() ?? Data()
        #expect(String(decoding: written, as: UTF8.self) == "{\"result\":true}\n{\"result\":false}\n")
    }

    @Test func sendingToAClosedPipeThrowsInsteadOfKillingTheProcess() async throws {
        let toTransport = Pipe(), fromTransport = Pipe()
        let transport = StandardIOTransport(input: toTransport.fileHandleForReading.fileDescriptor,
                                            output: fromTransport.fileHandleForWriting.fileDescriptor)
        try await transport.connect()
        try fromTransport.fileHandleForReading.close()
        await #expect(throws: MCPError.self) { try await transport.send(Data("{}".utf8)) }
        await transport.disconnect()
        await #expect(throws: MCPError.self) { try await transport.send(Data("{}".utf8)) }
    }
}
