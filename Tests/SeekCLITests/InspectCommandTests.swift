import Foundation
import SeekTestSupport
import Testing

/// `seek inspect` on a real index.
@Suite(.serialized)
struct InspectCommandTests {
    @Test func jsonHasTheKeysAndNumbersAgreeWithTheFile() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<5)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let status = try fixture.seek("status", "--json").json()
        let result = try fixture.seek("inspect", "--json")
        #expect(result.status == 0, "\(result.standardError)")
        let inspection = try result.json()

        for key in ["database", "file_bytes", "wal_bytes", "page_size", "page_count", "free_pages", "fragmentation_percent",
                    "journal_mode", "pragmas", "sqlite_version", "dbstat", "note", "tables", "schema_version", "migrations",
                    "model", "roots", "snapshots"] {
            #expect(inspection.keys.contains(key), "missing \(key)")
        }
        let databasePath = fixture.directory.appendingPathComponent(".seek/index.sqlite").path
        let onDisk = try #require(try FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? NSNumber).intValue
        let pageSize = try #require(inspection["page_size"] as? Int)
        let pageCount = try #require(inspection["page_count"] as? Int)
        #expect(pageSize >= 512 && pageCount > 0)
        #expect(pageSize * pageCount == inspection["file_bytes"] as? Int)
        #expect(pageSize * pageCount == onDisk)
        let free = try #require(inspection["free_pages"] as? Int)
        #expect(free >= 0 && free < pageCount)
        let fragmentation = try #require(inspection["fragmentation_percent"] as? Double)
        #expect(abs(fragmentation - Double(free) / Double(pageCount) * 100) < 0.01)
        #expect(inspection["journal_mode"] as? String == "wal")
        let pragmas = try #require(inspection["pragmas"] as? [String: Any])
        #expect(pragmas["foreign_keys"] as? Bool == true && pragmas["journal_mode"] as? String == "wal")
        #expect(inspection["schema_version"] as? String == "v6")
        #expect(inspection["migrations"] as? [String] == ["v1", "v2", "v3", "v4", "v5", "v6"])
        #expect((inspection["model"] as? [String: Any])?["dimension"] as? Int == 384)
        #expect(inspection["roots"] as? [String] == status["roots"] as? [String])
        #expect(inspection["snapshots"] as? Int == 1)

        let tables = try #require(inspection["tables"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0["name"] as? String ?? "", $0) })
        #expect(byName["chunks"]?["rows"] as? Int == status["chunks"] as? Int)
        #expect(byName["vectors"]?["rows"] as? Int == status["vectors"] as? Int)
        #expect(byName["chunks_fts"]?["type"] as? String == "virtual table")
        #expect(byName["files_status"]?["type"] as? String == "index" && byName["files_status"]?["rows"] is NSNull)
        if inspection["dbstat"] as? Bool == true {
            let bytes = tables.compactMap { $0["bytes"] as? Int }
            #expect(bytes.reduce(0, +) == pageSize * (pageCount - free), "every used page belongs to one table or index")
            #expect((byName["vectors"]?["bytes"] as? Int ?? 0) >= (status["vectors"] as? Int ?? 0) * 384 * 4)
        } else {
            #expect(tables.allSatisfy { $0["bytes"] is NSNull })
            #expect(inspection["note"] is String)
        }
    }
}
