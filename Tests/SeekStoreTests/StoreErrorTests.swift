import SeekStore
import Testing

struct StoreErrorTests {
    @Test func modelMismatchTellsTheUserToReindex() {
        let error = StoreError.modelMismatch(
            path: "/x/.seek/index.sqlite", indexModel: "other-model", indexDimension: 768,
            expectedModel: "sentence-transformers/all-MiniLM-L6-v2", expectedDimension: 384)
        #expect(error.description.contains("other-model"))
        #expect(error.description.contains("re-index"))
        #expect(StoreError.sqlFailed(sql: "SELECT 1", reason: "boom").description.contains("SELECT 1"))
    }
}
