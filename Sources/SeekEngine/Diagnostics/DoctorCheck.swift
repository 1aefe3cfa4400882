/// One check of `seek doctor`: what was checked, whether it passed, what was found, how to fix it.
public struct DoctorCheck: Sendable, Codable, Equatable {
    /// "model", "blas", "precision", "sqlite", "index", "permissions", "pragmas"; on a PostgreSQL
    /// index "postgres" and "hnsw" in place of "sqlite" and "pragmas".
    public var check: String
    public var ok: Bool
    /// What was found (the failure's reason when not ok).
    public var detail: String
    /// What to do about a failure; null when ok.
    public var fix: String?

    public init(check: String, ok: Bool, detail: String, fix: String? = nil) {
        self.check = check
        self.ok = ok
        self.detail = detail
        self.fix = ok ? nil : fix
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(check, forKey: .check)
        try container.encode(ok, forKey: .ok)
        try container.encode(detail, forKey: .detail)
        try container.encode(fix, forKey: .fix)
    }
}
