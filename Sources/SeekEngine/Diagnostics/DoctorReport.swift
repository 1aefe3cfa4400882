/// `seek doctor --json`: every check in a fixed order; `ok` when all pass.
public struct DoctorReport: Sendable, Codable, Equatable {
    public var ok: Bool
    public var checks: [DoctorCheck]

    public init(checks: [DoctorCheck]) {
        self.ok = checks.allSatisfy(\.ok)
        self.checks = checks
    }
}
