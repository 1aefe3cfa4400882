import Foundation
import SeekTestSupport
import Testing

/// An index with 8 KB of garbage written into the middle of its file: the damage is reported
/// once, clearly, by whatever meets it; `validate` reports it in its JSON; `doctor` offers the
/// repair, and `seek index --rebuild` repairs it, keeping the roots.
@Suite(.serialized)
struct DamagedIndexTests {
    func damage(_ fixture: CLIFixture) throws {
        let database = fixture.directory.appendingPathComponent(".seek/index.sqlite")
        let handle = try FileHandle(forUpdating: database)
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        var generator = SystemRandomNumberGenerator()
        try handle.write(contentsOf: Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try handle.close()
    }

    @Test func damageIsReportedClearlyAndTheRebuildRepairsIt() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<120)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        try damage(fixture)

        let validate = try fixture.seek("validate", "--json")
        #expect(validate.status == 1)
        let report = try validate.json()
        #expect(report["ok"] as? Bool == false)
        #expect((report["errors"] as? [String])?.contains { $0.contains("damaged") } == true, "\(validate.output)")
        #expect(!validate.standardError.contains("SQL failed"))

        // A command that meets the damage fails with one clear line, never SQL with placeholders.
        for arguments in [["search", "boundary layer", "--json"], ["search", "supersonic wing", "--mode", "keyword", "--json"],
                          ["index", "--in-process", "--json"]] {
            let result = try SeekProcess.run(arguments, in: fixture.directory)
            if result.status != 0 {
                #expect(result.standardError.contains("is damaged"), "\(arguments): \(result.standardError)")
                #expect(!result.standardError.contains("?"), "\(arguments): \(result.standardError)")
                #expect(result.standardError.split(separator: "\n").count == 1, "\(arguments): \(result.standardError)")
            }
        }

        let doctor = try fixture.seek("doctor", "--json")
        #expect(doctor.status == 1)
        #expect(doctor.output.contains("seek index --rebuild"))

        let rebuild = try fixture.seek("index", "--rebuild", "--in-process", "--json")
        #expect(rebuild.status == 0, "\(rebuild.standardError)")
        #expect(try rebuild.json()["files_indexed"] as? Int == 120)
        #expect(try fixture.seek("validate", "--json").json()["ok"] as? Bool == true)
        #expect(try fixture.seek("status", "--json").json()["roots"] as? [String] == [fixture.directory.appendingPathComponent("docs").path])
        let search = try fixture.seek("search", "boundary layer", "--json")
        let results = try search.json()["results"] as? [Any]
        #expect(search.status == 0 && results?.isEmpty == false)
    }
}
