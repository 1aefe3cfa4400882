import SeekIngest
import Testing

struct IngestErrorTests {
    @Test func everyCaseCarriesItsPath() {
        let cases: [IngestError] = [
            .unreadable(path: "/a/b.txt", reason: "permission denied"),
            .corrupt(path: "/a/b.pdf", parser: "pdf", reason: "truncated"),
            .unsupported(path: "/a/b.bin", reason: "binary file of unknown type"),
        ]
        for error in cases {
            #expect(error.description.contains(error.path))
        }
        #expect(cases[1].description.contains("pdf parser"))
    }
}
