#if canImport(Glibc)
import Foundation
import Glibc
import Logging
import SeekCore
import SeekIngest
import Synchronization

/// Linux file-system watching with inotify: one watch per folder (inotify is not recursive),
/// read on a thread of its own that blocks in `poll` (no timer: an idle watcher costs nothing).
///
/// - New folders (`mkdir -p a/b/c`, a folder moved in) get watches as they appear, and their
///   path is reported whole, so files created before the watch existed are found by the scan.
/// - A folder moved or deleted loses its watches (a moved folder's watches would report stale
///   paths) and its old path is reported; a folder moved within a root gets new watches at its
///   new path.
/// - Editors' atomic saves (write a temporary file, rename it over the original) report the
///   original's path (`IN_MOVED_TO`); the temporary file is hidden or ignored most of the time,
///   and a debounced run sees the final state either way.
/// - An ignore file that changes makes its folder's rules be read again; its folder is reported
///   whole and watched again (a folder it no longer ignores gets its watches).
/// - `IN_Q_OVERFLOW` (events lost) asks for a rescan of every root, a root deleted or moved
///   reports its path (its parent folder is watched, so its return is seen too), and a full watch
///   table (`ENOSPC`, or `WatcherConfiguration.maxWatches`) degrades the root to periodic rescans:
///   never a silent miss.
/// - Not watched: folders reached through symlinks, and network or FUSE file systems that send no
///   events (periodic `seek index` runs cover those).
public final class InotifyWatcher: FileSystemWatcher {
    private struct State {
        var descriptor: Int32 = -1
        var stopPipe: (read: Int32, write: Int32) = (-1, -1)
        var pathByWatch: [Int32: String] = [:]
        var watchByPath: [String: Int32] = [:]
        var maskByPath: [String: UInt32] = [:]
        var filters: [PathFilter] = []
        var degradedRoots: Set<String> = []
        var onNotice: (@Sendable (WatchNotice) -> Void)?
        /// The reading thread was started (it signals `finished` when it ends).
        var reading = false
        var stopped = false
    }

    /// Events of folder watches: entries created, deleted, written, moved in and out, changed
    /// in metadata (`touch`, `chmod`), and the folder itself deleted or moved.
    private static let folderMask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF) | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW)
    /// A root's parent: only entries appearing and disappearing matter.
    private static let parentMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO) | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW)

    public let configuration: WatcherConfiguration
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)
    private let logger = Logger(label: "seek.watch")

    public init(configuration: WatcherConfiguration = WatcherConfiguration()) {
        self.configuration = configuration
    }

    deinit {
        stop()
    }

    /// Folders watched now.
    public var watchCount: Int { state.withLock { $0.watchByPath.count } }

    public func start(filters: [PathFilter], onNotice: @escaping @Sendable (WatchNotice) -> Void) throws(WatchError) -> Int {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw .unavailable(reason: "inotify_init1: \(String(cString: strerror(errno)))") }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            close(descriptor)
            throw .unavailable(reason: "pipe: \(String(cString: strerror(errno)))")
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        state.withLock { state in
            state.descriptor = descriptor
            state.stopPipe = (pipeEnds[0], pipeEnds[1])
            state.filters = filters
            state.onNotice = onNotice
        }
        var degraded: [WatchNotice] = []
        for filter in filters {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: filter.root, isDirectory: &isDirectory)
            let parent = URL(fileURLWithPath: filter.root).deletingLastPathComponent().path
            if exists && isDirectory.boolValue {
                if let notice = addWatches(under: filter.root, filter: filter) { degraded.append(notice) }
                // The parent says when the root itself goes away or comes back.
                if parent != filter.root { _ = addWatch(parent, mask: Self.parentMask) }
            } else {
                // A file root (or one missing now): its folder says when it changes or returns.
                _ = addWatch(parent, mask: Self.parentMask)
            }
        }
        let thread = Thread { [self] in
            readEvents()
            finished.signal()
        }
        thread.name = "seek.watch.inotify"
        thread.stackSize = 1 << 20
        state.withLock { $0.reading = true }
        thread.start()
        for notice in degraded { onNotice(notice) }
        return watchCount
    }

    public func stop() {
        let (reading, stopWrite, descriptor, stopRead) = state.withLock { state -> (Bool, Int32, Int32, Int32) in
            guard !state.stopped else { return (false, -1, -1, -1) }
            state.stopped = true
            defer { state.reading = false }
            return (state.reading, state.stopPipe.write, state.descriptor, state.stopPipe.read)
        }
        guard stopWrite >= 0 || descriptor >= 0 else { return }
        if reading {
            var byte: UInt8 = 1
            _ = write(stopWrite, &byte, 1)
            finished.wait()
        }
        for fd in [descriptor, stopRead, stopWrite] where fd >= 0 { close(fd) }
    }

    // MARK: - Watches

    /// Adds a watch to `path` and every folder below it that `filter` admits, skipping folders
    /// already watched. Returns a `degraded` notice when the watch table is full.
    private func addWatches(under path: String, filter: PathFilter) -> WatchNotice? {
        var pending = [path]
        while let directory = pending.popLast() {
            guard directory == filter.root || filter.admits(directory, isDirectory: true) else { continue }
            switch addWatch(directory, mask: Self.folderMask) {
            case .added, .alreadyWatched: break
            case .gone: continue
            case .full(let reason):
                let first = state.withLock { $0.degradedRoots.insert(filter.root).inserted }
                return first ? .degraded(root: filter.root, reason: reason) : nil
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted(by: >) {
                let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                var info = stat()
                // lstat: a symlinked folder is not entered.
                if lstat(child, &info) == 0, (UInt32(info.st_mode) & UInt32(S_IFMT)) == UInt32(S_IFDIR) {
                    pending.append(child)
                }
            }
        }
        return nil
    }

    private enum AddResult {
        case added, alreadyWatched, gone
        case full(reason: String)
    }

    private func addWatch(_ directory: String, mask: UInt32) -> AddResult {
        state.withLock { state in
            // A root's parent watched for the root alone may be part of another root's tree:
            // adding the wider mask replaces the narrower one on the same watch.
            if state.watchByPath[directory] != nil, (state.maskByPath[directory] ?? 0) | mask == state.maskByPath[directory] {
                return .alreadyWatched
            }
            if let limit = configuration.maxWatches, state.watchByPath.count >= limit {
                return .full(reason: "the watch limit of \(limit) folders is reached")
            }
            let watch = inotify_add_watch(state.descriptor, directory, mask)
            guard watch >= 0 else {
                let code = errno
                if code == ENOSPC {
                    let limit = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_user_watches", encoding: .utf8))?
                        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
                    return .full(reason: "the system's inotify watch limit (\(limit), /proc/sys/fs/inotify/max_user_watches) is reached")
                }
                logger.debug("cannot watch", metadata: ["path": "\(directory)", "error": "\(String(cString: strerror(code)))"])
                return .gone
            }
            if let previous = state.pathByWatch[watch], previous != directory {
                state.watchByPath[previous] = nil
                state.maskByPath[previous] = nil
            }
            state.pathByWatch[watch] = directory
            state.watchByPath[directory] = watch
            state.maskByPath[directory] = (state.maskByPath[directory] ?? 0) | mask
            return .added
        }
    }

    /// Removes the watches of `path` and of every folder below it.
    private func removeWatches(under path: String) {
        state.withLock { state in
            for (directory, watch) in state.watchByPath where PathHierarchy.path(directory, isUnder: path) {
                inotify_rm_watch(state.descriptor, watch)
                state.watchByPath[directory] = nil
                state.maskByPath[directory] = nil
                state.pathByWatch[watch] = nil
            }
        }
    }

    // MARK: - Events

    private func readEvents() {
        let (descriptor, stopRead) = state.withLock { ($0.descriptor, $0.stopPipe.read) }
        // Room for many events: each is 16 bytes plus a name of at most NAME_MAX + 1.
        let capacity = 64 * (MemoryLayout<inotify_event>.size + Int(NAME_MAX) + 1)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: stopRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                logger.error("poll failed; the watcher stops", metadata: ["error": "\(String(cString: strerror(errno)))"])
                return
            }
            if descriptors[1].revents != 0 { return }
            guard descriptors[0].revents & Int16(POLLIN) != 0 else { continue }
            var changed = Set<String>()
            var notices: [WatchNotice] = []
            while true {
                let count = read(descriptor, buffer, capacity)
                if count <= 0 { break }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let watch = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let nameLength = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    var name = ""
                    if nameLength > 0 {
                        let bytes = UnsafeRawBufferPointer(start: buffer + nameStart, count: nameLength)
                        name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                    }
                    handle(watch: watch, mask: mask, name: name, changed: &changed, notices: &notices)
                    offset = nameStart + nameLength
                }
            }
            guard let onNotice = state.withLock({ $0.onNotice }) else { continue }
            for notice in notices { onNotice(notice) }
            if !changed.isEmpty { onNotice(.changed(changed)) }
        }
    }

    private func handle(watch: Int32, mask: UInt32, name: String, changed: inout Set<String>, notices: inout [WatchNotice]) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            for filter in state.withLock({ $0.filters }) {
                notices.append(.rescan(root: filter.root, reason: "the kernel's event queue overflowed: events were lost"))
            }
            return
        }
        guard let directory = state.withLock({ $0.pathByWatch[watch] }) else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            state.withLock { state in
                if state.pathByWatch[watch] == directory {
                    state.pathByWatch[watch] = nil
                    state.watchByPath[directory] = nil
                    state.maskByPath[directory] = nil
                }
            }
            return
        }
        let filters = state.withLock { $0.filters }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            // The folder itself went away; its parent's event reports the path.
            removeWatches(under: directory)
            if filters.contains(where: { $0.root == directory }) { changed.insert(directory) }
            return
        }
        let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        let isDirectory = mask & UInt32(IN_ISDIR) != 0
        // The deepest root holding the path (entries of a root's parent that are not the root
        // itself are under no root, unless another root holds them).
        guard let filter = filters.filter({ PathHierarchy.path(path, isUnder: $0.root) }).max(by: { $0.root.utf8.count < $1.root.utf8.count })
        else { return }
        // An ignore file is hidden, but what its folder admits changes with it.
        if !isDirectory, filter.isIgnoreFile(path), filter.admits(directory, isDirectory: true) {
            filter.forgetIgnoreFiles(in: directory)
            if let notice = addWatches(under: directory, filter: filter) { notices.append(notice) }
            changed.insert(directory)
            return
        }
        guard filter.admits(path, isDirectory: isDirectory) else { return }
        if isDirectory {
            if mask & UInt32(IN_MOVED_FROM | IN_DELETE) != 0 { removeWatches(under: path) }
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let notice = addWatches(under: path, filter: filter) { notices.append(notice) }
        }
        changed.insert(path)
    }
}
#endif
