import Testing
import SeekMCP

@Suite struct SeekResourceURITests {
    @Test func fileURIsRoundTripPathsWithSpacesAndUnicode() throws {
        for path in ["/home/user/notes/a.md", "/tmp/My Notes/été #1?.md", "/a/b%c/d"] {
            let uri = SeekResourceURI.file(path: path).uri
            #expect(uri.hasPrefix("seek://file/"))
            #expect(!uri.dropFirst("seek://file/".count).contains(" "))
            #expect(SeekResourceURI(uri) == .file(path: path))
        }
    }

    @Test func memoryURIsAndForeignURIs() {
        #expect(SeekResourceURI("seek://memory/mem-20260131-120000-3fa9c2") == .memory(id: "mem-20260131-120000-3fa9c2"))
        #expect(SeekResourceURI("seek://memory/") == nil)
        #expect(SeekResourceURI("seek://memory/a/b") == nil)
        #expect(SeekResourceURI("file:///etc/passwd") == nil)
        #expect(SeekResourceURI("seek://file/") == nil)
    }
}
