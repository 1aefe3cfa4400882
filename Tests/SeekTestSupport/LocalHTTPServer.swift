import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP server on 127.0.0.1 serving a folder (Python's http.server), for download tests.
public final class LocalHTTPServer {
    let process = Process()
    public let baseURL: URL

    public init(root: URL) throws {
        let port = Int.random(in: 20_000..<60_000)
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", root.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready when it answers.
        for _ in 0..<100 {
            if Self.accepts(port: port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw URLError(.cannotConnectToHost)
    }

    /// True when something accepts TCP connections on 127.0.0.1:port.
    public static func accepts(port: Int) -> Bool {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { return false }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Kills the server and waits for it to be gone (polling: `waitUntilExit` spins a run loop
    /// and can block forever when called from a Swift concurrency thread).
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<200 where process.isRunning {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}
