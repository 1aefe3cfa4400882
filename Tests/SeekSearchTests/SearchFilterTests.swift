import Foundation
import SeekSearch
import SeekStore
import Testing
import SeekCore

struct SearchFilterTests {
    static func file(_ path: String, mtime: Double = 100) -> ChunkFileMap.File {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.contains(".") ? String(name.split(separator: ".").last!).lowercased() : ""
        return ChunkFileMap.File(id: 1, path: path, fileExtension: ext, mtime: mtime)
    }

    @Test func pathPrefixComparesWholeComponents() throws {
        for prefix in ["/a/b", "/a/b/", "/a/b//"] {
            let filter = try SearchFilter(pathPrefix: prefix).validated()
            #expect(filter.matches(Self.file("/a/b/c.md")))
            #expect(filter.matches(Self.file("/a/b")))
            #expect(!filter.matches(Self.file("/a/bc.md")))
            #expect(!filter.matches(Self.file("/x/a/b/c.md")))
        }
        #expect(try SearchFilter(pathPrefix: "/").validated().matches(Self.file("/anything.txt")))
    }

    @Test func typesAndTimes() throws {
        let filter = try SearchFilter(fileTypes: [".MD", "pdf"], modifiedAfter: Date(timeIntervalSince1970: 100), modifiedBefore: Date(timeIntervalSince1970: 200)).validated()
        #expect(filter.fileTypes == ["md", "pdf"])
        #expect(filter.matches(Self.file("/n/a.md", mtime: 100)))
        #expect(filter.matches(Self.file("/n/a.PDF", mtime: 199.5)))
        #expect(!filter.matches(Self.file("/n/a.md", mtime: 200)))
        #expect(!filter.matches(Self.file("/n/a.md", mtime: 99)))
        #expect(!filter.matches(Self.file("/n/a.txt", mtime: 150)))
        #expect(!filter.matches(Self.file("/n/README", mtime: 150)))
        #expect(SearchFilter().isEmpty && !filter.isEmpty)
    }

    @Test func invalidFiltersThrow() {
        #expect(throws: SearchError.self) { try SearchFilter(pathPrefix: "").validated() }
        #expect(throws: SearchError.self) { try SearchFilter(fileTypes: [" . "]).validated() }
        #expect(throws: SearchError.self) { try SearchFilter(modifiedBefore: Date(timeIntervalSince1970: .nan)).validated() }
    }
}
