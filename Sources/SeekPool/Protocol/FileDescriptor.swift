#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Safe reads and writes on a raw file descriptor (a pipe end): retries on EINTR, writes every
/// byte, reports errno as `WorkerProtocolError.io`. The pointer handling stays in this file.
struct FileDescriptor: Sendable, Equatable {
    let rawValue: Int32

    /// Reads up to `count` bytes into `buffer` starting at `offset`; 0 means end of stream.
    func read(into buffer: inout [UInt8], offset: Int, count: Int) throws(WorkerProtocolError) -> Int {
        precondition(offset >= 0 && count >= 0 && offset + count <= buffer.count, "read range outside the buffer")
        while true {
            let result = buffer.withUnsafeMutableBytes { raw in
                systemRead(rawValue, raw.baseAddress! + offset, count)
            }
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw .io(operation: "read", errno: code)
        }
    }

    /// Writes all of `bytes`. With SIGPIPE ignored, a closed reader shows up as `EPIPE` here.
    func writeAll(_ bytes: [UInt8]) throws(WorkerProtocolError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                systemWrite(rawValue, raw.baseAddress! + written, bytes.count - written)
            }
            if result >= 0 {
                written += result
                continue
            }
            let code = errno
            if code == EINTR { continue }
            throw .io(operation: "write", errno: code)
        }
    }

    func close() {
        _ = systemClose(rawValue)
    }

    /// A pipe whose two ends are closed on exec (so no other child inherits them). Where the C
    /// library lacks `pipe2`, the flag is set right after creation; `ProcessSpawner` holds its
    /// spawn lock across both, so the pool's own spawns never see a half-made pipe.
    static func pipe() throws(WorkerProtocolError) -> (read: FileDescriptor, write: FileDescriptor) {
        var ends: [Int32] = [-1, -1]
        var result: Int32 = -1
        #if canImport(Glibc)
        if let pipe2 = GlibcExtensions.pipe2 {
            result = ends.withUnsafeMutableBufferPointer { pipe2($0.baseAddress!, O_CLOEXEC) }
            guard result == 0 else { throw .io(operation: "pipe", errno: errno) }
            return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
        }
        #endif
        result = ends.withUnsafeMutableBufferPointer { systemPipe($0.baseAddress!) }
        guard result == 0 else { throw .io(operation: "pipe", errno: errno) }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
    }
}

// The system calls under names that do not clash with the methods above.
#if canImport(Darwin)
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
private let systemClose = Darwin.close
private let systemPipe = Darwin.pipe
#else
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
private let systemClose = Glibc.close
private let systemPipe = Glibc.pipe
#endif
