extension IndexStatus {
    /// Encodes every key, `live` and `embedder` (the running embedder's workers and totals) as null
    /// when no run is going on.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(roots, forKey: .roots)
        try container.encode(files, forKey: .files)
        try container.encode(chunks, forKey: .chunks)
        try container.encode(vectors, forKey: .vectors)
        try container.encode(dbBytes, forKey: .dbBytes)
        try container.encode(model, forKey: .model)
        try container.encode(live, forKey: .live)
        try container.encode(graph, forKey: .graph)
        try container.encode(vectorPrecisions, forKey: .vectorPrecisions)
        // The running embedder also at the top level, as `seek status --json` documents it.
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encode(live?.embedder, forKey: .embedder)
        try extra.encodeIfPresent(store, forKey: .store)
    }

    private enum ExtraKeys: String, CodingKey {
        case embedder
        case store
    }
}
