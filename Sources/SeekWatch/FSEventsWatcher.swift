#if canImport(CoreServices)
import CoreServices
import Foundation
import SeekCore
import SeekIngest
import Synchronization

/// macOS file-system watching with FSEvents: one stream over every root, file-level events,
/// delivered on a serial queue. FSEvents is recursive and survives moves; when it drops events
/// (`MustScanSubDirs`, `UserDropped`, `KernelDropped`) the root is rescanned whole.
/// Not compiled on Linux: it sits behind the same `FileSystemWatcher` protocol as `InotifyWatcher`.
public final class FSEventsWatcher: FileSystemWatcher {
    /// What the C callback reaches through its context pointer.
    private final class Sink: Sendable {
        let filters: [PathFilter]
        let onNotice: @Sendable (WatchNotice) -> Void

        init(filters: [PathFilter], onNotice: @escaping @Sendable (WatchNotice) -> Void) {
            self.filters = filters
            self.onNotice = onNotice
        }
    }

    private struct State: @unchecked Sendable {
        // FSEventStreamRef is an opaque C pointer, used only under the lock or on `queue`.
        var stream: FSEventStreamRef?
        var sink: Sink?
    }

    public let configuration: WatcherConfiguration
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "seek.watch.fsevents")

    public init(configuration: WatcherConfiguration = WatcherConfiguration()) {
        self.configuration = configuration
    }

    deinit {
        stop()
    }

    public func start(filters: [PathFilter], onNotice: @escaping @Sendable (WatchNotice) -> Void) throws(WatchError) -> Int {
        let sink = Sink(filters: filters, onNotice: onNotice)
        var context = FSEventStreamContext(
            version: 0, info: Unmanaged.passUnretained(sink).toOpaque(), retain: nil, release: nil, copyDescription: nil)
        let callback: FSEventStreamCallback = { _, info, count, paths, flags, _ in
            guard let info else { return }
            let sink = Unmanaged<Sink>.fromOpaque(info).takeUnretainedValue()
            let list = unsafeBitCast(paths, to: NSArray.self) as? [String] ?? []
            var changed = Set<String>()
            for index in 0..<count {
                let path = list[index]
                let flag = flags[index]
                let dropped = FSEventStreamEventFlags(kFSEventStreamEventFlagMustScanSubDirs | kFSEventStreamEventFlagUserDropped
                    | kFSEventStreamEventFlagKernelDropped)
                guard let filter = sink.filters.filter({ PathHierarchy.path(path, isUnder: $0.root) })
                    .max(by: { $0.root.utf8.count < $1.utf8.count }) else { continue }
                if flag & dropped != 0 {
                    sink.onNotice(.rescan(root: filter.root, reason: "FSEvents dropped events"))
                    continue
                }
                let isDirectory = flag & FSEventStreamEventFlags(kFSEventStreamEventFlagItemIsDir) != 0
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
                // An ignore file is hidden, but what its folder admits changes with it.
                if !isDirectory, filter.isIgnoreFile(path), filter.admits(folder, isDirectory: true) {
                    filter.forgetIgnoreFiles(in: folder)
                    changed.insert(folder)
                } else if filter.admits(path, isDirectory: isDirectory) {
                    changed.insert(path)
                }
            }
            if !changed.isEmpty { sink.onNotice(.changed(changed)) }
        }
        let flags = FSEventStreamCreateFlags(kFSEventStreamCreateFlagFileEvents | kFSEventStreamCreateFlagNoDefer
            | kFSEventStreamCreateFlagUseCFTypes | kFSEventStreamCreateFlagWatchRoot)
        guard let stream = FSEventStreamCreate(
            kCFAllocatorDefault, callback, &context, filters.map(\.root) as CFArray,
            FSEventStreamEventId(kFSEventStreamEventIdSinceNow), 0.05, flags)
        else {
            throw .unavailable(reason: "FSEventStreamCreate failed")
        }
        FSEventStreamSetDispatchQueue(stream, queue)
        guard FSEventStreamStart(stream) else {
            FSEventStreamInvalidate(stream)
            FSEventStreamRelease(stream)
            throw .unavailable(reason: "FSEventStreamStart failed")
        }
        state.withLock { state in
            state.stream = stream
            state.sink = sink
        }
        return filters.count
    }

    public func stop() {
        let stream = state.withLock { state -> FSEventStreamRef? in
            defer { state.stream = nil }
            return state.stream
        }
        guard let stream else { return }
        FSEventStreamStop(stream)
        FSEventStreamInvalidate(stream)
        FSEventStreamRelease(stream)
        // Events already on the queue finish before the sink goes.
        queue.sync {}
        state.withLock { $0.sink = nil }
    }
}
#endif
