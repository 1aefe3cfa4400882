import Foundation
import Logging
import SeekCore

/// One walk of a directory tree for `Scanner`: depth-first, entries of each directory in UTF-8
/// byte order of their names (a directory's name counted with a trailing `/`, so files come out
/// in the same order as a sorted list of their paths). Directories reached through symlinks are
/// walked after the whole real tree, so a directory linked from inside the tree is indexed under
/// its real path and the link is reported as a duplicate.
struct DirectoryWalk {
    /// A directory waiting to be listed.
    private struct Frame {
        /// Absolute, logical path (through symlinks as reached).
        let path: String
        /// Path relative to the root as scalars (empty for the root).
        let relativePath: [Unicode.Scalar]
        /// Ignore files in effect for its entries (its own not yet added).
        let ignoreStack: IgnoreStack
        /// Identities of the directories from the root down to this one, itself included.
        let ancestors: [FileIdentity]
    }

    /// A directory reached through a symlink, walked once the real tree is done.
    private struct LinkedDirectory {
        let frame: Frame
        let identity: FileIdentity
        /// Identities of the link's parent directories.
        let parentAncestors: [FileIdentity]
    }

    /// A regular file reached through a symlink, classified once the real tree is done, so the
    /// file's own path wins over the link's.
    private struct LinkedFile {
        let path: String
        let target: EntryStatus
    }

    /// One pending step of the depth-first walk.
    private enum WorkItem {
        case event(ScanEvent)
        case directory(Frame)
    }

    private let configuration: ScanConfiguration
    private let lowercasedBundleExtensions: [String]
    private let logger: Logger
    /// The part of the tree to report, nil for all of it.
    private let scope: ScanScope?
    /// Files already reported, shared with other walks of the same run.
    private let reachedFiles: ReachedFiles
    /// Real paths a followed symlink may lead into: the root's and `symlinkTargetRoots`'.
    private var allowedTargetRoots: [String] = []
    /// `excludedPaths` as written and with symlinks resolved (a followed link may reach them).
    private var excludedPaths: [String] = []
    /// First path under which each directory was walked.
    private var visited: [FileIdentity: String] = [:]
    private var linkedDirectories: [LinkedDirectory] = []
    private var linkedFiles: [LinkedFile] = []

    init(configuration: ScanConfiguration, scope: ScanScope?, reachedFiles: ReachedFiles, logger: Logger) {
        self.configuration = configuration
        self.lowercasedBundleExtensions = configuration.excludedBundleExtensions.map { $0.lowercased() }.sorted()
        self.scope = scope
        self.reachedFiles = reachedFiles
        self.logger = logger
    }

    /// Walks the directory `rootPath` (already checked to be a readable directory with `identity`).
    mutating func walk(rootPath: String, identity: FileIdentity, emit: (ScanEvent) throws -> Void) throws {
        var rootStack = IgnoreStack()
        if configuration.readsGitInfoExclude {
            let excludePath = Self.join(Self.join(Self.join(rootPath, ".git"), "info"), "exclude")
            if case .success(let status) = EntryStatus.ofTarget(atPath: excludePath), status.kind == .regular,
               let rules = try readIgnoreFile(atPath: excludePath, emit: emit) {
                rootStack = rootStack.adding(rules, directoryLength: 0)
            }
        }
        allowedTargetRoots = ([rootPath] + configuration.symlinkTargetRoots).map { EntryStatus.resolvedPath($0) ?? $0 }
        // A root inside an excluded folder (one added before the folder was excluded) is scanned.
        excludedPaths = (configuration.excludedPaths + configuration.excludedPaths.compactMap { EntryStatus.resolvedPath($0) })
            .filter { !PathHierarchy.path(rootPath, isUnder: $0) }
        visited[identity] = rootPath
        try walkTree(from: Frame(path: rootPath, relativePath: [], ignoreStack: rootStack, ancestors: [identity]), emit: emit)
        var next = 0
        while next < linkedDirectories.count {
            let linked = linkedDirectories[next]
            next += 1
            if linked.parentAncestors.contains(linked.identity) {
                try emit(.skipped(SkippedEntry(path: linked.frame.path, reason: .symlinkLoop)))
            } else if let firstPath = visited[linked.identity] {
                try emit(.skipped(SkippedEntry(path: linked.frame.path, reason: .sameDirectoryAs(path: firstPath))))
            } else {
                visited[linked.identity] = linked.frame.path
                try walkTree(from: linked.frame, emit: emit)
            }
        }
        for linked in linkedFiles {
            try emit(fileEvent(path: linked.path, target: linked.target))
        }
    }

    /// Depth-first walk below `frame` with an explicit stack (no recursion: trees can be deep).
    private mutating func walkTree(from frame: Frame, emit: (ScanEvent) throws -> Void) throws {
        var pending: [WorkItem] = [.directory(frame)]
        while let item = pending.popLast() {
            switch item {
            case .event(let event):
                try emit(event)
            case .directory(let frame):
                let children = try listChildren(of: frame, emit: emit)
                pending.append(contentsOf: children.reversed())
            }
        }
    }

    /// Lists one directory and classifies its entries, in walk order.
    private mutating func listChildren(of frame: Frame, emit: (ScanEvent) throws -> Void) throws -> [WorkItem] {
        let listing: DirectoryReader.Listing
        switch DirectoryReader.list(atPath: frame.path) {
        case .success(let result): listing = result
        case .failure(let error):
            return [.event(.problem(ScanProblem(path: frame.path, operation: .listDirectory, reason: error.description)))]
        }
        var items: [(sortKey: String, item: WorkItem)] = []
        for name in listing.undecodableNames {
            let problem = ScanProblem(path: Self.join(frame.path, name), operation: .decodeName, reason: "file name is not valid UTF-8")
            items.append((name, .event(.problem(problem))))
        }
        let ignoreStack = try ignoreStack(for: frame, names: Set(listing.names), emit: emit)
        // Classify in sorted order too: directories reached through links are queued in this order.
        let names = listing.names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names {
            if let child = classify(name: name, in: frame, ignoreStack: ignoreStack) {
                items.append(child)
            }
        }
        items.sort { $0.sortKey.utf8.lexicographicallyPrecedes($1.sortKey.utf8) }
        return items.map(\.item)
    }

    /// The frame's ignore stack with the directory's own ignore files on top.
    private func ignoreStack(for frame: Frame, names: Set<String>, emit: (ScanEvent) throws -> Void) throws -> IgnoreStack {
        var stack = frame.ignoreStack
        for ignoreFileName in configuration.ignoreFileNames where names.contains(ignoreFileName) {
            let path = Self.join(frame.path, ignoreFileName)
            switch EntryStatus.ofTarget(atPath: path) {
            case .success(let status) where status.kind == .regular:
                if let rules = try readIgnoreFile(atPath: path, emit: emit) {
                    stack = stack.adding(rules, directoryLength: frame.relativePath.count)
                }
            case .success(let status):
                logger.debug("not an ignore file", metadata: ["path": "\(path)", "kind": "\(status.kind.rawValue)"])
            case .failure(let error) where error.isNotFound || error.isLoop:
                logger.debug("ignore file is a broken symlink", metadata: ["path": "\(path)"])
            case .failure(let error):
                try emit(.problem(ScanProblem(path: path, operation: .readIgnoreFile, reason: error.description)))
            }
        }
        return stack
    }

    /// Reads and parses an ignore file; reports failures and invalid lines as problems.
    private func readIgnoreFile(atPath path: String, emit: (ScanEvent) throws -> Void) throws -> IgnoreRules? {
        if case .failure(let error) = EntryStatus.checkReadable(atPath: path) {
            try emit(.problem(ScanProblem(path: path, operation: .readIgnoreFile, reason: error.description)))
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedDescription
            try emit(.problem(ScanProblem(path: path, operation: .readIgnoreFile, reason: reason)))
            return nil
        }
        let rules = IgnoreRules(parsing: String(decoding: data, as: UTF8.self))
        if !rules.invalidLines.isEmpty {
            let reason = rules.invalidLines.map(\.description).joined(separator: "; ")
            try emit(.problem(ScanProblem(path: path, operation: .parseIgnoreFile, reason: reason)))
        }
        return rules
    }

    /// Decides what becomes of one entry; nil when it is excluded silently.
    private mutating func classify(name: String, in frame: Frame, ignoreStack: IgnoreStack) -> (sortKey: String, item: WorkItem)? {
        if configuration.excludedNames.contains(name) { return nil }
        if !configuration.includeHidden, name.hasPrefix(".") { return nil }
        let path = Self.join(frame.path, name)
        if isExcluded(path) { return nil }
        // Outside the scope: only the folders on the way to it are entered.
        let onTheWayOnly = scope.map { !$0.contains(path) } ?? false
        if onTheWayOnly, !(scope?.leadsThrough(path) ?? false) { return nil }
        let entry: EntryStatus
        switch EntryStatus.ofEntry(atPath: path) {
        case .success(let status): entry = status
        case .failure(let error) where error.isNotFound:
            logger.debug("entry vanished during the scan", metadata: ["path": "\(path)"])
            return nil
        case .failure(let error):
            return (name, .event(.problem(ScanProblem(path: path, operation: .inspectEntry, reason: error.description))))
        }

        var relativePath = frame.relativePath
        if !relativePath.isEmpty { relativePath.append("/") }
        let nameStart = relativePath.count
        relativePath.append(contentsOf: name.unicodeScalars)
        func skipped(_ reason: SkipReason) -> (String, WorkItem) {
            (name, .event(.skipped(SkippedEntry(path: path, reason: reason))))
        }

        let target: EntryStatus
        if entry.kind == .symlink {
            guard configuration.followSymlinks else {
                if ignoreStack.isIgnored(relativePath: relativePath, nameStart: nameStart, isDirectory: false) { return nil }
                return skipped(.symlinkNotFollowed)
            }
            switch EntryStatus.ofTarget(atPath: path) {
            case .success(let status):
                let resolved = EntryStatus.resolvedPath(path)
                if let resolved, isExcluded(resolved) { return nil }
                if let refusal = refusedSymlinkTarget(resolved) {
                    if ignoreStack.isIgnored(relativePath: relativePath, nameStart: nameStart, isDirectory: status.kind == .directory) { return nil }
                    return onTheWayOnly ? nil : skipped(refusal)
                }
                target = status
            case .failure(let error) where error.isNotFound || error.isLoop:
                if ignoreStack.isIgnored(relativePath: relativePath, nameStart: nameStart, isDirectory: false) { return nil }
                return skipped(error.isLoop ? .symlinkLoop : .brokenSymlink(target: EntryStatus.symlinkTarget(atPath: path) ?? "?"))
            case .failure(let error):
                return (name, .event(.problem(ScanProblem(path: path, operation: .followSymlink, reason: error.description))))
            }
        } else {
            target = entry
        }

        let isDirectory = target.kind == .directory
        if ignoreStack.isIgnored(relativePath: relativePath, nameStart: nameStart, isDirectory: isDirectory) { return nil }
        if onTheWayOnly, !isDirectory { return nil }

        switch target.kind {
        case .directory:
            let lowercasedName = name.lowercased()
            if lowercasedBundleExtensions.contains(where: { lowercasedName.count > $0.count && lowercasedName.hasSuffix($0) }) {
                return skipped(.bundle)
            }
            let child = Frame(
                path: path, relativePath: relativePath, ignoreStack: ignoreStack, ancestors: frame.ancestors + [target.identity])
            if entry.kind == .symlink {
                linkedDirectories.append(LinkedDirectory(frame: child, identity: target.identity, parentAncestors: frame.ancestors))
                return nil
            }
            if frame.ancestors.contains(target.identity) { return skipped(.symlinkLoop) }
            if let firstPath = visited[target.identity] { return skipped(.sameDirectoryAs(path: firstPath)) }
            visited[target.identity] = path
            return (name + "/", .directory(child))
        case .regular:
            if entry.kind == .symlink {
                linkedFiles.append(LinkedFile(path: path, target: target))
                return nil
            }
            return (name, .event(fileEvent(path: path, target: target)))
        case .symlink, .fifo, .socket, .characterDevice, .blockDevice, .unknown:
            return skipped(.notRegularFile(kind: target.kind.rawValue))
        }
    }

    /// The event of a regular file: skipped when too large or already reached under another
    /// path, a problem when unreadable, else the file.
    private func fileEvent(path: String, target: EntryStatus) -> ScanEvent {
        if target.sizeBytes > configuration.maxFileBytes {
            return .skipped(SkippedEntry(path: path, reason: .tooLarge(sizeBytes: target.sizeBytes, limitBytes: configuration.maxFileBytes)))
        }
        if let firstPath = reachedFiles.firstPath(of: target.identity, reachedAs: path) {
            return .skipped(SkippedEntry(path: path, reason: .sameFileAs(path: firstPath)))
        }
        if case .failure(let error) = EntryStatus.checkReadable(atPath: path) {
            return .problem(ScanProblem(path: path, operation: .checkReadable, reason: error.description))
        }
        return .file(ScannedFile(
            path: path, sizeBytes: target.sizeBytes, modificationTime: target.modificationTime,
            device: target.identity.device, inode: target.identity.inode, changeTime: target.changeTime))
    }

    /// Why a symlink whose target (every link resolved) is `target` must not be followed, nil
    /// when it may: the target must lie under the root or a `symlinkTargetRoots` folder, and
    /// never under a `forbiddenSymlinkTargets` folder.
    private func refusedSymlinkTarget(_ target: String?) -> SkipReason? {
        guard let target else { return nil }
        if configuration.forbiddenSymlinkTargets.contains(where: { PathHierarchy.path(target, isUnder: $0) }) {
            return .symlinkIntoSystemFolder(target: target)
        }
        if !allowedTargetRoots.contains(where: { PathHierarchy.path(target, isUnder: $0) }) {
            return .symlinkOutsideRoots(target: target)
        }
        return nil
    }

    /// True when `path` is one of `excludedPaths` or lies under one.
    private func isExcluded(_ path: String) -> Bool {
        excludedPaths.contains { PathHierarchy.path(path, isUnder: $0) }
    }

    /// `directory/name`, without doubling the slash of the root `/`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
