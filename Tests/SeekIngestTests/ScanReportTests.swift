import SeekIngest
import Testing

struct ScanReportTests {
    private func file(_ path: String) -> ScannedFile {
        ScannedFile(path: path, sizeBytes: 1, modificationTime: 0, device: 1, inode: UInt64(path.utf8.count))
    }

    @Test func listsAreSortedByUTF8BytesWithTiesBrokenByReason() {
        let composed = "/r/caf\u{E9}"
        let decomposed = "/r/cafe\u{301}"
        let report = ScanReport(
            files: [file("/r/b"), file(composed), file("/r/a/z"), file(decomposed), file("/r/a.z"), file("/r/B")],
            skipped: [
                SkippedEntry(path: "/r/y", reason: .symlinkLoop),
                SkippedEntry(path: "/r/x", reason: .bundle),
                SkippedEntry(path: "/r/y", reason: .brokenSymlink(target: "t")),
            ],
            problems: [
                ScanProblem(path: "/r/q", operation: .listDirectory, reason: "Permission denied"),
                ScanProblem(path: "/r/p", operation: .inspectEntry, reason: "I/O error"),
                ScanProblem(path: "/r/q", operation: .checkReadable, reason: "Permission denied"),
            ])
        #expect(report.files.map(\.path).map { Array($0.utf8) } == [
            "/r/B", "/r/a.z", "/r/a/z", "/r/b", decomposed, composed,
        ].map { Array($0.utf8) })
        #expect(report.skipped.map(\.description) == ["/r/x: OS bundle, not descended", "/r/y: broken symlink (-> t)", "/r/y: symlink loop"])
        #expect(report.problems.map(\.description) == [
            "cannot inspect /r/p: I/O error",
            "cannot list directory /r/q: Permission denied",
            "cannot read /r/q: Permission denied",
        ])
    }

    @Test(arguments: [
        (0, "0 B"), (1023, "1023 B"), (1024, "1 KB"), (1536, "1.5 KB"), (52_428_800, "50 MB"),
        (66_000_000, "62.9 MB"), (3 * 1_073_741_824 + 107_374_182, "3.1 GB"),
    ] as [(Int64, String)])
    func sizesReadInBinaryUnits(_ bytes: Int64, _ text: String) {
        #expect(SkipReason.tooLarge(sizeBytes: bytes, limitBytes: 1024).description == "larger than 1 KB limit (\(text))")
    }

    @Test func everyReasonSaysWhatHappened() {
        let reasons: [SkipReason: String] = [
            .symlinkLoop: "symlink loop",
            .brokenSymlink(target: "../gone"): "broken symlink (-> ../gone)",
            .symlinkNotFollowed: "symlink not followed (`seek index --follow` follows links that stay inside the roots)",
            .sameDirectoryAs(path: "/r/real"): "same directory as /r/real",
            .bundle: "OS bundle, not descended",
            .notRegularFile(kind: "socket"): "not a regular file (socket)",
            .symlinkOutsideRoots(target: "/etc/passwd"): "symlink to /etc/passwd, outside the indexed roots",
            .symlinkIntoSystemFolder(target: "/proc/1"): "symlink into a system folder (/proc/1)",
            .sameFileAs(path: "/r/a.md"): "same file as /r/a.md",
        ]
        for (reason, text) in reasons {
            #expect(reason.description == text)
        }
    }
}
