import Foundation

/// What the scanner indexes and what it leaves out.
public struct ScanConfiguration: Sendable, Equatable {
    /// Regular files larger than this are reported in `ScanReport.skipped` and never read.
    /// Default: 50 MiB. Must be positive.
    public var maxFileBytes: Int64
    /// Whether entries whose name starts with `.` are scanned. Ignore files are read either way.
    /// Default: false.
    public var includeHidden: Bool
    /// Whether symlinks are followed (`seek index --follow`). Off by default, as in ripgrep: a
    /// link is reported as skipped and nothing behind it is read. When on, a link is followed only
    /// when its target (every link resolved) lies under the scanned root or one of
    /// `symlinkTargetRoots`, and never into `forbiddenSymlinkTargets`; loops, directories reached
    /// twice and files reached twice (by device and inode) are detected and reported. A root that
    /// is itself a symlink is always followed. Default: false.
    public var followSymlinks: Bool
    /// Other folders a followed symlink may lead into (the index's other roots). Default: none.
    public var symlinkTargetRoots: [String]
    /// Folders a followed symlink never leads into: kernel and device file systems whose files
    /// are endless or have side effects when read. Default: `/proc`, `/sys`, `/dev`.
    public var forbiddenSymlinkTargets: [String]
    /// Entry names (files or directories, exact and case-sensitive) never scanned nor reported:
    /// version-control metadata, dependency and build folders, OS clutter.
    /// Default: `ScanConfiguration.defaultExcludedNames`.
    public var excludedNames: Set<String>
    /// Folders never scanned nor reported, with everything below them, absolute: the index's own
    /// folder when it lies inside a root (`.seek` is excluded by name; `--index notes/index` is
    /// not). Compared with the path of each entry and, for a followed symlink, with its
    /// target's real path. Default: none.
    public var excludedPaths: [String]
    /// Name suffixes (with the dot, compared case-insensitively) of directories that the OS shows
    /// as single items (`.app`, `.photoslibrary`...): they are reported in `skipped` and not
    /// descended. Default: `ScanConfiguration.defaultExcludedBundleExtensions`.
    public var excludedBundleExtensions: Set<String>
    /// Names of the per-directory ignore files, read in every directory with gitignore semantics.
    /// Within one directory a later name overrides an earlier one. Default: `.gitignore`, `.seekignore`.
    public var ignoreFileNames: [String]
    /// Whether the root's `.git/info/exclude` is honoured (with the lowest precedence, as in git).
    /// Default: true.
    public var readsGitInfoExclude: Bool

    /// Default `excludedNames`.
    public static let defaultExcludedNames: Set<String> = [
        // version control
        ".git", ".hg", ".svn", ".bzr", "_darcs", "CVS",
        // dependencies, build output and caches of common toolchains
        "node_modules", ".build", ".swiftpm", "DerivedData", "Pods", ".gradle",
        "__pycache__", ".venv", ".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
        // Seek's own index folder
        ".seek",
        // OS clutter
        ".DS_Store", ".AppleDouble", ".Spotlight-V100", ".Trashes", ".fseventsd", ".TemporaryItems",
        ".DocumentRevisions-V100", "Thumbs.db", "desktop.ini", "$RECYCLE.BIN", "System Volume Information",
        "lost+found",
    ]

    /// Default `excludedBundleExtensions`.
    public static let defaultExcludedBundleExtensions: Set<String> = [
        ".app", ".appex", ".bundle", ".framework", ".plugin", ".kext", ".xpc", ".dsym",
        ".photoslibrary", ".musiclibrary", ".tvlibrary", ".imovielibrary", ".aplibrary", ".fcpbundle",
        ".logicx", ".xcarchive", ".xcodeproj", ".xcworkspace",
    ]

    /// A configuration; every parameter defaults to the documented default.
    public init(
        maxFileBytes: Int64 = 50 * 1024 * 1024,
        includeHidden: Bool = false,
        followSymlinks: Bool = false,
        symlinkTargetRoots: [String] = [],
        forbiddenSymlinkTargets: [String] = ["/proc", "/sys", "/dev"],
        excludedNames: Set<String> = ScanConfiguration.defaultExcludedNames,
        excludedBundleExtensions: Set<String> = ScanConfiguration.defaultExcludedBundleExtensions,
        excludedPaths: [String] = [],
        ignoreFileNames: [String] = [".gitignore", ".seekignore"],
        readsGitInfoExclude: Bool = true
    ) {
        self.maxFileBytes = maxFileBytes
        self.includeHidden = includeHidden
        self.followSymlinks = followSymlinks
        self.symlinkTargetRoots = symlinkTargetRoots
        self.forbiddenSymlinkTargets = forbiddenSymlinkTargets
        self.excludedNames = excludedNames
        self.excludedBundleExtensions = excludedBundleExtensions
        self.excludedPaths = excludedPaths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        self.ignoreFileNames = ignoreFileNames
        self.readsGitInfoExclude = readsGitInfoExclude
    }

    /// Throws `ScanError.invalidConfiguration` for values the scanner cannot honour.
    func validate() throws(ScanError) {
        guard maxFileBytes > 0 else {
            throw .invalidConfiguration(field: "maxFileBytes", reason: "must be positive, got \(maxFileBytes)")
        }
        for name in ignoreFileNames where name.isEmpty || name.contains("/") || name == "." || name == ".." {
            throw .invalidConfiguration(field: "ignoreFileNames", reason: "must hold plain file names, got \"\(name)\"")
        }
        for suffix in excludedBundleExtensions where !suffix.hasPrefix(".") || suffix.count < 2 {
            throw .invalidConfiguration(
                field: "excludedBundleExtensions", reason: "must hold suffixes starting with a dot, got \"\(suffix)\"")
        }
    }
}
