import SeekEmbedding
import Testing

struct EmbeddingErrorTests {
    @Test func messagesNameTheFileAndTheRemedy() {
        let error = EmbeddingError.invalidFile(
            path: "/m/model.safetensors", reason: "SHA-256 mismatch", hint: "Run `seek model fetch` again.")
        #expect(error.description.contains("/m/model.safetensors"))
        #expect(error.description.contains("SHA-256 mismatch"))
        #expect(error.description.contains("seek model fetch"))
        let fetch = EmbeddingError.fetchFailed(attempts: ["hub: offline", "pip: not installed"])
        #expect(fetch.description.contains("hub: offline") && fetch.description.contains("pip: not installed"))
    }
}
