extension IndexStatus {
    /// Encodes every key, `live` as null when no run is going on.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(roots, forKey: .roots)
        try container.encode(files, forKey: .files)
        try container.encode(chunks, forKey: .chunks)
        try container.encode(vectors, forKey: .vectors)
        try container.encode(dbBytes, forKey: .dbBytes)
        try container.encode(model, forKey: .model)
        try container.encode(live, forKey: .live)
    }
}
