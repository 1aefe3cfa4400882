import Foundation
import SeekCore
import Synchronization

/// Decides for one path under a root, as the scanner would, whether it is scanned: names in
/// `excludedNames`, hidden names (unless `includeHidden`), entries matched by the ignore files
/// from the root down (and the root's `.git/info/exclude`), and `excludedPaths` (the index's own
/// folder) are not. A watcher asks it before a change triggers any work.
///
/// Ignore files are read once per folder and cached; call `forgetIgnoreFiles(in:)` when one
/// changes. Thread-safe.
public final class PathFilter: Sendable {
    /// The root, absolute and standardised.
    public let root: String
    public let configuration: ScanConfiguration
    /// Paths never admitted, with everything below them: the configuration's `excludedPaths`
    /// that do not hold the root.
    public let excludedPaths: [String]
    /// Ignore stacks in effect for the entries of each folder read so far (the folder's own
    /// ignore files included).
    private let stacks = Mutex<[String: IgnoreStack]>([:])

    public init(root: String, configuration: ScanConfiguration) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        self.configuration = configuration
        let root = self.root
        // As the scanner: a root inside an excluded folder is scanned.
        excludedPaths = configuration.excludedPaths.filter { !PathHierarchy.path(root, isUnder: $0) }
    }

    /// True when `path` (absolute) is the root or would be scanned under it. `isDirectory` says
    /// whether the entry itself is a folder (for `pattern/` rules); the folders above it are.
    public func admits(_ path: String, isDirectory: Bool) -> Bool {
        if excludedPaths.contains(where: { PathHierarchy.path(path, isUnder: $0) }) { return false }
        if path == root { return true }
        guard PathHierarchy.path(path, isUnder: root) else { return false }
        let relative = path.dropFirst(root.hasSuffix("/") ? root.count : root.count + 1)
        let components = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var directory = root
        var relativePath: [Unicode.Scalar] = []
        for (index, name) in components.enumerated() {
            if configuration.excludedNames.contains(name) { return false }
            if !configuration.includeHidden, name.hasPrefix(".") { return false }
            let isLast = index == components.count - 1
            let stack = ignoreStack(forEntriesOf: directory, relativeLength: relativePath.count)
            if !relativePath.isEmpty { relativePath.append("/") }
            let nameStart = relativePath.count
            relativePath.append(contentsOf: name.unicodeScalars)
            if stack.isIgnored(relativePath: relativePath, nameStart: nameStart, isDirectory: isLast ? isDirectory : true) { return false }
            if !isLast {
                let lowercased = name.lowercased()
                if configuration.excludedBundleExtensions.contains(where: { lowercased.count > $0.count && lowercased.hasSuffix($0.lowercased()) }) {
                    return false
                }
            }
            directory = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        }
        return true
    }

    /// True when `path`'s name is one of the ignore file names (a change to it changes what
    /// its folder admits).
    public func isIgnoreFile(_ path: String) -> Bool {
        configuration.ignoreFileNames.contains(URL(fileURLWithPath: path).lastPathComponent)
    }

    /// Drops the cached ignore files of `directory` and every folder below it: they are read
    /// again on the next question.
    public func forgetIgnoreFiles(in directory: String) {
        stacks.withLock { stacks in
            stacks = stacks.filter { !PathHierarchy.path($0.key, isUnder: directory) }
        }
    }

    /// The ignore stack for the entries of `directory` (whose path relative to the root has
    /// `relativeLength` scalars): its parent's stack plus its own ignore files.
    private func ignoreStack(forEntriesOf directory: String, relativeLength: Int) -> IgnoreStack {
        if let cached = stacks.withLock({ $0[directory] }) { return cached }
        var stack: IgnoreStack
        if directory == root {
            stack = IgnoreStack()
            if configuration.readsGitInfoExclude, let rules = Self.rules(at: root + "/.git/info/exclude") {
                stack = stack.adding(rules, directoryLength: 0)
            }
        } else {
            let parent = URL(fileURLWithPath: directory).deletingLastPathComponent().path
            let name = URL(fileURLWithPath: directory).lastPathComponent
            stack = ignoreStack(forEntriesOf: parent, relativeLength: max(0, relativeLength - name.unicodeScalars.count - 1))
        }
        for fileName in configuration.ignoreFileNames {
            if let rules = Self.rules(at: directory + "/" + fileName) {
                stack = stack.adding(rules, directoryLength: relativeLength)
            }
        }
        let result = stack
        stacks.withLock { $0[directory] = result }
        return result
    }

    /// The rules of the ignore file at `path`; nil when it is missing or unreadable (the scan
    /// reports those).
    private static func rules(at path: String) -> IgnoreRules? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return IgnoreRules(parsing: String(decoding: data, as: UTF8.self))
    }
}
