import Foundation
import SeekIngest
import Testing

struct ScanConfigurationTests {
    @Test func defaultsAreTheDocumentedOnes() {
        let configuration = ScanConfiguration()
        #expect(configuration.maxFileBytes == 52_428_800)
        #expect(!configuration.includeHidden)
        #expect(!configuration.followSymlinks)
        #expect(configuration.readsGitInfoExclude)
        #expect(configuration.ignoreFileNames == [".gitignore", ".seekignore"])
        let required: Set = [".git", ".hg", ".svn", "node_modules", ".build", ".seek", "__pycache__", ".venv", ".DS_Store", "Thumbs.db"]
        #expect(required.isSubset(of: configuration.excludedNames))
        #expect([".app", ".photoslibrary", ".bundle", ".framework", ".xcarchive"].allSatisfy(configuration.excludedBundleExtensions.contains))
        #expect(configuration.excludedBundleExtensions.allSatisfy { $0 == $0.lowercased() && $0.hasPrefix(".") })
    }

    @Test(arguments: [
        (ScanConfiguration(maxFileBytes: 0), "maxFileBytes"),
        (ScanConfiguration(maxFileBytes: -5), "maxFileBytes"),
        (ScanConfiguration(ignoreFileNames: ["sub/.gitignore"]), "ignoreFileNames"),
        (ScanConfiguration(ignoreFileNames: [""]), "ignoreFileNames"),
        (ScanConfiguration(excludedBundleExtensions: ["app"]), "excludedBundleExtensions"),
        (ScanConfiguration(excludedBundleExtensions: ["."]), "excludedBundleExtensions"),
    ])
    func invalidValuesAreRejectedBeforeTheWalk(_ configuration: ScanConfiguration, _ field: String) throws {
        let tree = try ScanTestTree()
        try tree.file("a.txt")
        var started = false
        do {
            try Scanner(configuration: configuration).scan(root: tree.root) { _ in started = true }
            Issue.record("expected ScanError.invalidConfiguration for \(field)")
        } catch let error as ScanError {
            guard case .invalidConfiguration(let failedField, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(failedField == field)
            #expect(error.description.hasPrefix("invalid scan configuration: \(field)"))
        }
        #expect(!started)
    }
}
