import Foundation
import SeekIngest
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unreadable entries end up in `problems` and the walk goes on.
///
/// Tests usually run as root, and root bypasses file permissions, so `chmod 000` alone proves
/// nothing. As root on Linux, each test runs its scan on the current thread with the file system
/// user id switched to `nobody` (`setfsuid` is per thread and drops CAP_DAC_OVERRIDE and
/// CAP_DAC_READ_SEARCH for that thread only, so tests running in parallel are unaffected); as a
/// normal user `chmod` is enough. Each test first checks that the denial is real (`opendir` or
/// `access` fails with EACCES), so it cannot pass without exercising the error path. As root on
/// other systems the suite is disabled.
@Suite(.enabled(if: ScanPermissionDenial.isPossible, "running as root without per-thread setfsuid"))
struct ScannerPermissionTests {
    @Test func unreadableDirectoryIsAProblemAndTheWalkGoesOn() throws {
        let tree = try ScanTestTree()
        try tree.file("before.txt")
        try tree.file("locked/secret.txt")
        try tree.file("open/after.txt")
        #expect(chmod(tree.path("locked"), 0o000) == 0)
        let report = try ScanPermissionDenial.run {
            #expect(opendir(tree.path("locked")) == nil && errno == EACCES, "the denial must be real")
            return try Scanner().scan(root: tree.root)
        }
        #expect(tree.relativePaths(report.files) == ["before.txt", "open/after.txt"])
        #expect(report.problems == [
            ScanProblem(path: tree.path("locked"), operation: .listDirectory, reason: String(cString: strerror(EACCES))),
        ])
        #expect(report.problems[0].description == "cannot list directory \(tree.path("locked")): Permission denied")
    }

    @Test func unreadableFileIsAProblem() throws {
        let tree = try ScanTestTree()
        try tree.file("secret.txt")
        try tree.file("public.txt")
        #expect(chmod(tree.path("secret.txt"), 0o000) == 0)
        let report = try ScanPermissionDenial.run {
            #expect(faccessat(AT_FDCWD, tree.path("secret.txt"), R_OK, AT_EACCESS) != 0, "the denial must be real")
            return try Scanner().scan(root: tree.root)
        }
        #expect(tree.relativePaths(report.files) == ["public.txt"])
        #expect(report.problems.map(\.operation) == [.checkReadable])
        #expect(report.problems.map(\.path) == [tree.path("secret.txt")])
    }

    @Test func folderWithoutSearchPermissionReportsEveryEntry() throws {
        let tree = try ScanTestTree()
        try tree.file("listable/a.txt")
        try tree.file("listable/b.txt")
        #expect(chmod(tree.path("listable"), 0o444) == 0)
        let report = try ScanPermissionDenial.run {
            var info = stat()
            #expect(lstat(tree.path("listable/a.txt"), &info) != 0 && errno == EACCES, "the denial must be real")
            return try Scanner().scan(root: tree.root)
        }
        #expect(report.files.isEmpty)
        #expect(report.problems.map(\.path) == [tree.path("listable/a.txt"), tree.path("listable/b.txt")])
        #expect(report.problems.allSatisfy { $0.operation == .inspectEntry })
    }

    @Test func unreadableIgnoreFileIsAProblem() throws {
        let tree = try ScanTestTree()
        try tree.file(".gitignore", "*.txt\n")
        try tree.file("a.txt")
        try tree.file("b.md")
        #expect(chmod(tree.path(".gitignore"), 0o000) == 0)
        let report = try ScanPermissionDenial.run { try Scanner().scan(root: tree.root) }
        #expect(report.problems.map(\.operation) == [.readIgnoreFile])
        #expect(report.problems.map(\.path) == [tree.path(".gitignore")])
        #expect(tree.relativePaths(report.files) == ["a.txt", "b.md"], "without its rules the files are indexed")
    }

    @Test func unreadableRootThrows() throws {
        let tree = try ScanTestTree()
        try tree.file("locked/x.txt")
        try tree.file("locked.txt")
        #expect(chmod(tree.path("locked"), 0o000) == 0)
        #expect(chmod(tree.path("locked.txt"), 0o000) == 0)
        let denied = String(cString: strerror(EACCES))
        try ScanPermissionDenial.run {
            #expect(throws: ScanError.rootUnreadable(path: tree.path("locked"), reason: denied)) {
                try Scanner().scan(root: URL(fileURLWithPath: tree.path("locked")))
            }
            #expect(throws: ScanError.rootUnreadable(path: tree.path("locked.txt"), reason: denied)) {
                try Scanner().scan(root: URL(fileURLWithPath: tree.path("locked.txt")))
            }
        }
    }
}

/// Makes permission checks apply to the current thread even when the tests run as root.
enum ScanPermissionDenial {
    /// The uid of `nobody`.
    private static let unprivilegedUserID: UInt32 = 65534

    #if os(Linux)
    private typealias SetFilesystemUserID = @convention(c) (UInt32) -> Int32
    /// glibc's `setfsuid`, which the Glibc module does not import.
    private static let setFilesystemUserID: SetFilesystemUserID? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid") else { return nil }
        return unsafeBitCast(symbol, to: SetFilesystemUserID.self)
    }()
    #endif

    static var isPossible: Bool {
        if geteuid() != 0 { return true }
        #if os(Linux)
        return setFilesystemUserID != nil
        #else
        return false
        #endif
    }

    /// Runs `body` synchronously on this thread with permission checks enforced.
    static func run<Result>(_ body: () throws -> Result) throws -> Result {
        guard geteuid() == 0 else { return try body() }
        #if os(Linux)
        guard let setFilesystemUserID else { throw PermissionSwitchUnavailable() }
        _ = setFilesystemUserID(unprivilegedUserID)
        defer { _ = setFilesystemUserID(0) }
        return try body()
        #else
        throw PermissionSwitchUnavailable()
        #endif
    }

    struct PermissionSwitchUnavailable: Error {}
}
