import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writer per index across processes: an advisory lock (`flock`) on `<index>/writer.lock`,
/// held for the whole of an indexing run. The file also records the holder's pid, so a process
/// that has to wait can say for whom. Readers never take it: SQLite's WAL lets them read while
/// the writer writes.
///
/// The kernel releases the lock when the holder's descriptor closes, including when the process
/// is killed, so a crashed writer never blocks the next one. `flock` locks belong to the open file
/// description: two `IndexWriterLock`s in one process exclude each other like two processes.
public final class IndexWriterLock: Sendable {
    /// The lock file.
    public let url: URL
    private let descriptor: Int32

    /// Name of the lock file in the index directory.
    public static let fileName = "writer.lock"

    /// Takes the lock of the index in `directory` (created when missing) without waiting.
    /// - Returns: nil when another process (or another lock in this one) holds it.
    /// - Throws: `StoreError.openFailed` when the lock file cannot be opened or locked for a reason
    ///   other than being held (a read-only directory, say).
    public static func tryAcquire(directory: URL) throws(StoreError) -> IndexWriterLock? {
        let url = directory.appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .openFailed(path: url.path, reason: "cannot create the index directory: \(error.localizedDescription)")
        }
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .openFailed(path: url.path, reason: "cannot open the writer lock: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw .openFailed(path: url.path, reason: "cannot lock the index for writing: \(String(cString: strerror(code)))")
        }
        let lock = IndexWriterLock(url: url, descriptor: descriptor)
        lock.recordHolder()
        return lock
    }

    /// The pid recorded by the current (or last) holder of the lock in `directory`; nil when
    /// there is none or it cannot be read.
    public static func holderPid(directory: URL) -> Int32? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(fileName)),
              let text = String(data: data, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor releases the lock.
        close(descriptor)
    }

    /// Writes this process's pid into the lock file (best effort: the pid only feeds messages).
    private func recordHolder() {
        let text = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pointer in pwrite(descriptor, pointer, strlen(pointer), 0) }
    }
}
