import Foundation
import SeekIngest
import Testing

/// Checks `IgnoreRules` and the scanner's way of combining ignore files against real git, when
/// git is installed (it is a development tool, not a dependency: without it these tests are
/// skipped and `IgnoreRulesTests` still checks every case against its recorded verdict).
struct IgnoreRulesGitParityTests {
    @Test(.enabled(if: GitRepository.gitPath != nil, "git is not installed"))
    func everyTableCaseMatchesGitCheckIgnore() throws {
        let tree = try ScanTestTree()
        let repository = try GitRepository(at: tree.root)
        var queries: [String] = []
        for (index, testCase) in IgnoreRulesCase.all.enumerated() {
            let directory = "case\(index)"
            try tree.file("\(directory)/.gitignore", testCase.rules)
            let path = "\(directory)/\(testCase.path)"
            if testCase.isDirectory { try tree.directory(path) } else { try tree.file(path) }
            queries.append(path)
        }
        let verdicts = try repository.checkIgnore(queries)
        try #require(verdicts.count == queries.count)
        for (index, testCase) in IgnoreRulesCase.all.enumerated() {
            #expect(verdicts[index] == testCase.expected, "git disagrees on \(testCase)")
        }
    }

    /// A whole tree with nested ignore files, negations, re-inclusion under an excluded parent
    /// and `.git/info/exclude`: the scanner must list exactly what `git ls-files --others
    /// --exclude-standard` lists.
    @Test(.enabled(if: GitRepository.gitPath != nil, "git is not installed"))
    func scannedTreeMatchesGitLsFiles() throws {
        let tree = try ScanTestTree()
        let repository = try GitRepository(at: tree.root)
        try tree.file(".git/info/exclude", "info-only.txt\ninfo-overridden.txt\n")
        try tree.file(".gitignore", """
            *.log
            !important.log
            /build/
            docs/generated
            tmp*/
            **/cache/**
            !**/cache/keep.txt
            secret/
            !secret/visible.txt
            *.tmp
            vendor/*
            !vendor/keep/
            !info-overridden.txt
            \\#hash.txt
            \\!bang.txt
            trailing.txt\("   ")
            """)
        try tree.file("src/.gitignore", "!x.log\n*.c\n!main.c\n/local.txt\n")
        try tree.file("src/sub/.gitignore", "*\n!*.md\n!*/\n")
        for path in [
            "a.txt", "important.log", "x.log", "build/out.o", "src/build/out.o",
            "docs/generated/x.md", "docs/readme.md", "src/docs/generated/y.md",
            "tmp1/a.txt", "tmpfile", "cache/keep.txt", "cache/x.txt", "cache/sub/keep.txt",
            "a/cache/keep.txt", "a/cache/y.txt", "secret/visible.txt", "secret/hidden.txt",
            "vendor/lib.c", "vendor/keep/k.c", "vendor/drop/d.c",
            "src/x.log", "src/y.log", "src/main.c", "src/util.c", "src/local.txt", "src/sub/local.txt",
            "src/sub/main.c", "src/sub/notes.md", "src/sub/deeper/n.md", "src/sub/deeper/n.txt",
            "info-only.txt", "info-overridden.txt", "#hash.txt", "!bang.txt", "with space.txt",
            "trailing.txt", "x.tmp", "deep/a/b/c/d.txt",
        ] {
            try tree.file(path)
        }
        let configuration = ScanConfiguration(includeHidden: true, excludedNames: [".git"], ignoreFileNames: [".gitignore"])
        let report = try Scanner(configuration: configuration).scan(root: tree.root)
        let gitFiles = try repository.untrackedFiles()
        #expect(tree.relativePaths(report.files) == gitFiles)
        #expect(report.problems.isEmpty)
        #expect(gitFiles.contains("src/x.log") && !gitFiles.contains("secret/visible.txt"))
    }
}

/// A throwaway git repository isolated from the machine's git configuration.
struct GitRepository {
    static let gitPath: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/git" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let root: URL

    init(at root: URL) throws {
        self.root = root
        _ = try run(["init", "-q"])
    }

    /// git's verdict for each path (relative to the repository), in order.
    func checkIgnore(_ paths: [String]) throws -> [IgnoreRulesCase.Outcome] {
        let input = paths.map { $0 + "\0" }.joined()
        let output = try run(["check-ignore", "--no-index", "--stdin", "-z", "-v", "-n"], input: input, allowedStatus: [0, 1])
        let fields = output.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        var verdicts: [IgnoreRulesCase.Outcome] = []
        var index = 0
        while index + 3 < fields.count {
            let pattern = fields[index + 2]
            verdicts.append(pattern.isEmpty ? .unmatched : pattern.hasPrefix("!") ? .reincluded : .ignored)
            index += 4
        }
        return verdicts
    }

    /// `git ls-files --others --exclude-standard`, sorted by bytes.
    func untrackedFiles() throws -> [String] {
        let output = try run(["ls-files", "--others", "--exclude-standard", "-z"])
        return output.split(separator: "\0").map(String.init).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private func run(_ arguments: [String], input: String = "", allowedStatus: Set<Int32> = [0]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.gitPath ?? "git")
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": root.path, "XDG_CONFIG_HOME": root.path,
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
        ]
        let standardInput = Pipe()
        let standardOutput = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        let data = standardOutput.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard allowedStatus.contains(process.terminationStatus) else {
            throw GitFailure(arguments: arguments, status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct GitFailure: Error, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        var description: String { "git \(arguments.joined(separator: " ")) exited with \(status)" }
    }
}
