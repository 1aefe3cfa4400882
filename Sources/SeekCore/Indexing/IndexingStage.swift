/// The stages of an indexing run, as timed in the report and the `--profile` table. As a
/// dictionary key it encodes as its name (`{"embed": 7.8}`).
public enum IndexingStage: String, CaseIterable, Sendable, Codable, CodingKeyRepresentable {
    case scan, parse, chunk, embed, write
}
