import PostgresNIO

/// One step of the PostgreSQL schema: applied once, in version order, and recorded in
/// `seek_migrations`. A released migration is never edited; a change appends a new version.
struct PostgresMigration: Sendable {
    /// Position in the sequence, from 1; the key in `seek_migrations`.
    var version: Int
    /// What the step does, recorded next to the version.
    var name: String
    /// Statements run in order in the migrations' transaction (the extended protocol takes
    /// one statement per query).
    var statements: [String]
    /// Run after the statements, in the same transaction: row updates that need Swift (the
    /// graph's name keys are computed by `GraphKeys`, as SQLite's index computes them).
    var finish: (@Sendable (PostgresConnection, Logger) async throws -> Void)? = nil
}
