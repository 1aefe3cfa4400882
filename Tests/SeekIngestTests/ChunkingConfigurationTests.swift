import SeekIngest
import Testing

struct ChunkingConfigurationTests {
    @Test func defaultsFitAllMiniLM() throws {
        let configuration = ChunkingConfiguration()
        #expect(configuration.maxTokens == 256 && configuration.overlapTokens == 32)
        #expect(configuration.maxTextTokens == 254)
        try configuration.validate()
    }

    @Test func acceptsTheEdgesOfTheValidRange() throws {
        try ChunkingConfiguration(maxTokens: 3, overlapTokens: 0).validate()
        try ChunkingConfiguration(maxTokens: 256, overlapTokens: 126).validate()
    }

    @Test(arguments: [(2, 0, "maxTokens"), (0, 0, "maxTokens"), (256, -1, "overlapTokens"), (256, 127, "overlapTokens"), (10, 4, "overlapTokens")])
    func rejectsNonsense(maxTokens: Int, overlapTokens: Int, field: String) {
        do {
            try ChunkingConfiguration(maxTokens: maxTokens, overlapTokens: overlapTokens).validate()
            Issue.record("maxTokens \(maxTokens), overlapTokens \(overlapTokens) passed validation")
        } catch {
            guard case .invalid(let errorField, let value, _) = error else { return }
            #expect(errorField == field)
            #expect(value == (field == "maxTokens" ? maxTokens : overlapTokens))
            #expect(error.description.contains(field))
        }
    }
}
