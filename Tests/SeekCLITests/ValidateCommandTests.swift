import Foundation
import GRDB
import SeekTestSupport
import Testing

/// `seek validate` on a healthy index, on one corrupted on purpose, and after a large drop.
@Suite(.serialized)
struct ValidateCommandTests {
    @Test func aHealthyIndexValidatesAndEachCorruptionIsReported() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<6)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let healthy = try fixture.seek("validate", "--json")
        #expect(healthy.status == 0, "\(healthy.output)")
        let healthyReport = try healthy.json()
        #expect(healthyReport["ok"] as? Bool == true)
        #expect((healthyReport["errors"] as? [String])?.isEmpty == true)
        #expect((healthyReport["warnings"] as? [String])?.isEmpty == true)

        // Three chunks, three kinds of damage.
        let queue = try DatabaseQueue(path: fixture.directory.appendingPathComponent(".seek/index.sqlite").path)
        let ids = try queue.write { db -> [Int64] in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM chunks ORDER BY id LIMIT 3")
            try db.execute(sql: "DELETE FROM vectors WHERE chunk_id = ?", arguments: [ids[0]])
            let blob = try #require(try Data.fetchOne(db, sql: "SELECT embedding FROM vectors WHERE chunk_id = ?", arguments: [ids[1]]))
            let doubled = blob.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }.map { $0 * 2 }
            try db.execute(sql: "UPDATE vectors SET embedding = ? WHERE chunk_id = ?",
                           arguments: [doubled.withUnsafeBytes { Data($0) }, ids[1]])
            try db.execute(sql: "DELETE FROM chunks_fts WHERE rowid = ?", arguments: [ids[2]])
            return ids
        }
        try queue.close()
        #expect(ids.count == 3)

        let broken = try fixture.seek("validate", "--json")
        #expect(broken.status != 0)
        let report = try broken.json()
        #expect(report["ok"] as? Bool == false)
        let errors = try #require(report["errors"] as? [String])
        #expect(errors.count == 3, "\(errors)")
        #expect(Set(errors).count == 3)
        #expect(errors.contains { $0.hasPrefix("vectors:") && $0.contains("without a vector row") && $0.contains("chunk ids \(ids[0])") })
        #expect(errors.contains { $0.hasPrefix("vectors:") && $0.contains("not unit length") && $0.contains("chunk ids \(ids[1])") })
        #expect(errors.contains { $0.hasPrefix("chunks_fts:") && $0.contains("without a full-text row") && $0.contains("chunk ids \(ids[2])") })
    }

    @Test func aDropOfMoreThanAFifthSinceThePreviousSnapshotWarns() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<10)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        for id in ["1", "2", "3"] {
            try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("docs/\(id).txt"))
        }
        // Before the re-index the deleted files are only missing on disk.
        let beforeReindex = try fixture.seek("validate", "--json").json()
        let missing = try #require(beforeReindex["warnings"] as? [String])
        #expect(missing.count == 1 && missing[0].hasPrefix("files: 3 indexed files gone from disk"), "\(missing)")

        let reindex = try fixture.seek("index", "--in-process", "--json")
        #expect(try reindex.json()["files_removed"] as? Int == 3)
        let result = try fixture.seek("validate", "--json")
        #expect(result.status == 0, "warnings alone must not fail: \(result.output)")
        let report = try result.json()
        #expect(report["ok"] as? Bool == true)
        let warnings = try #require(report["warnings"] as? [String])
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.hasPrefix("snapshots:") == true)
        #expect(warnings.first?.contains("files 10 → 7 (-30%)") == true)

        // The next run accepts the new size: its snapshot becomes the baseline.
        #expect(try fixture.seek("index", "--in-process", "--json").status == 0)
        #expect((try fixture.seek("validate", "--json").json()["warnings"] as? [String])?.isEmpty == true)
    }

    @Test func withoutAnIndexItSaysWhatToDo() throws {
        let fixture = try CLIFixture()
        let result = try fixture.seek("validate", "--json")
        #expect(result.status != 0)
        #expect(result.standardError.contains("seek index"))
    }
}
