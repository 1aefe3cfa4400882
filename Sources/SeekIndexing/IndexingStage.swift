/// The stages of an indexing run, as timed in the report and the `--profile` table.
public enum IndexingStage: String, CaseIterable, Sendable, Codable {
    case scan, parse, chunk, embed, write
}
