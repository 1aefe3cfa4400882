import Foundation
import Logging

/// Walks the folders a person indexes and reports every file to index, every entry left out and
/// why, and every problem, without ever stopping on one bad entry.
///
/// What is left out silently: entries matched by `.gitignore`/`.seekignore` files (git's
/// semantics, scoped to their directory; see `IgnoreRules`) or the root's `.git/info/exclude`,
/// names in `ScanConfiguration.excludedNames`, hidden entries unless `includeHidden`.
/// What is reported in `ScanReport.skipped`: files over `maxFileBytes`, OS bundles, symlink
/// loops, broken symlinks, directories reached twice, FIFOs/sockets/devices (never opened).
/// What is reported in `ScanReport.problems`: unreadable directories and files, entries whose
/// metadata cannot be read, unreadable or partly invalid ignore files, names that are not UTF-8.
///
/// Ignore rules see the path as reached from the root, through symlinks. A followed symlink to a
/// directory counts as a directory for `pattern/` rules (git never follows symlinks and treats
/// every link as a file). A directory inside an excluded directory is never entered, so, as in
/// git, nothing below it can be re-included.
public struct Scanner: Sendable {
    /// What the scanner indexes and what it leaves out.
    public let configuration: ScanConfiguration
    private let logger = Logger(label: "seek.ingest")

    public init(configuration: ScanConfiguration = ScanConfiguration()) {
        self.configuration = configuration
    }

    /// Scans `root` (a directory or a single file) and returns everything it found, sorted.
    /// - Throws: `ScanError` when the configuration is invalid or the root does not exist, cannot
    ///   be read, or is neither a file nor a directory.
    public func scan(root: URL) throws -> ScanReport {
        var files: [ScannedFile] = []
        var skipped: [SkippedEntry] = []
        var problems: [ScanProblem] = []
        try scan(root: root) { event in
            switch event {
            case .file(let file): files.append(file)
            case .skipped(let entry): skipped.append(entry)
            case .problem(let problem): problems.append(problem)
            }
        }
        return ScanReport(files: files, skipped: skipped, problems: problems)
    }

    /// Scans `root` and hands over each result as soon as it is known, so indexing can start
    /// before the walk ends.
    ///
    /// Order: depth-first, each directory's entries in UTF-8 byte order of their names, so the
    /// files of the real tree arrive sorted by path; directories reached through symlinks follow
    /// after the real tree. The order is the same on every run over the same tree.
    /// - Parameters:
    ///   - within: report only these paths under the root and what lies below them (a watcher's
    ///     changed files and folders); folders on the way are entered, so the root's ignore files
    ///     still apply. Nil (the default) reports the whole tree.
    ///   - reachedFiles: files already reported by earlier scans of the same run (a file reached
    ///     again, by a symlink or a hard link, is reported as skipped). Default: a new, empty one.
    ///   - onEvent: called synchronously for each result; an error it throws stops the scan and
    ///     is rethrown unchanged (use it to cancel).
    /// - Throws: `ScanError` as `scan(root:)`, or what `onEvent` throws.
    public func scan(root: URL, within paths: [String]? = nil, reachedFiles: ReachedFiles = ReachedFiles(),
                     onEvent: (ScanEvent) throws -> Void) throws {
        try configuration.validate()
        let rootPath = root.standardizedFileURL.path
        let scope = paths.map { ScanScope(paths: $0.map { URL(fileURLWithPath: $0).standardizedFileURL.path }) }
        let clock = ContinuousClock()
        let start = clock.now
        var fileCount = 0
        var skippedCount = 0
        var problemCount = 0
        func emit(_ event: ScanEvent) throws {
            switch event {
            case .file: fileCount += 1
            case .skipped(let entry):
                skippedCount += 1
                logger.debug("skipped", metadata: ["path": "\(entry.path)", "reason": "\(entry.reason)"])
            case .problem(let problem):
                problemCount += 1
                // Notice, not warning: the problem is in the caller's report (and the CLI prints it).
                logger.notice("scan problem", metadata: ["path": "\(problem.path)", "problem": "\(problem)"])
            }
            try onEvent(event)
        }

        let status: EntryStatus
        switch EntryStatus.ofTarget(atPath: rootPath) {
        case .success(let result): status = result
        case .failure(let error) where error.isNotFound: throw ScanError.rootNotFound(path: rootPath)
        case .failure(let error): throw ScanError.rootUnreadable(path: rootPath, reason: error.description)
        }
        switch status.kind {
        case .directory:
            if case .failure(let error) = DirectoryReader.checkListable(atPath: rootPath) {
                throw ScanError.rootUnreadable(path: rootPath, reason: error.description)
            }
            var walk = DirectoryWalk(configuration: configuration, scope: scope, reachedFiles: reachedFiles, logger: logger)
            try walk.walk(rootPath: rootPath, identity: status.identity, emit: emit)
        case .regular:
            if let scope, !scope.contains(rootPath) {
                break
            } else if status.sizeBytes > configuration.maxFileBytes {
                try emit(.skipped(SkippedEntry(
                    path: rootPath, reason: .tooLarge(sizeBytes: status.sizeBytes, limitBytes: configuration.maxFileBytes))))
            } else if case .failure(let error) = EntryStatus.checkReadable(atPath: rootPath) {
                throw ScanError.rootUnreadable(path: rootPath, reason: error.description)
            } else {
                try emit(.file(ScannedFile(
                    path: rootPath, sizeBytes: status.sizeBytes, modificationTime: status.modificationTime,
                    device: status.identity.device, inode: status.identity.inode, changeTime: status.changeTime)))
            }
        case .symlink, .fifo, .socket, .characterDevice, .blockDevice, .unknown:
            throw ScanError.rootNotIndexable(path: rootPath, kind: status.kind.rawValue)
        }
        let elapsed = clock.now - start
        logger.debug("scan finished", metadata: [
            "root": "\(rootPath)", "files": "\(fileCount)", "skipped": "\(skippedCount)",
            "problems": "\(problemCount)", "elapsed": "\(elapsed)",
        ])
    }
}
