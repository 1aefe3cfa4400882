import Foundation
import SeekCore
import SeekIngest
import SeekTestSupport
import Testing

/// Damaged copies of every fixture (cut short, bytes overwritten) must parse or throw `IngestError`,
/// never crash or throw anything else.
struct ParserRobustnessTests {
    @Test func damagedFixturesParseOrThrowIngestErrors() throws {
        let folder = try DocumentFixtures.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 2024)
        let names = try FileManager.default.contentsOfDirectory(atPath: DocumentFixtures.folder.path)
            .filter { $0 != "make_fixtures.py" && $0 != "README.md" }
            .sorted()
        var parsed = 0
        var rejected = 0
        for name in names {
            let original = [UInt8](try Data(contentsOf: DocumentFixtures.url(name)))
            guard !original.isEmpty else { continue }
            var variants: [[UInt8]] = [Array(original.prefix(original.count / 3)), Array(original.prefix(original.count - 1))]
            for _ in 0..<4 {
                var damaged = original
                for _ in 0..<max(1, original.count / 50) {
                    damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                variants.append(damaged)
            }
            let fileExtension = (name as NSString).pathExtension
            for (index, bytes) in variants.enumerated() {
                let url = try DocumentFixtures.write(bytes, named: "v\(index)-\(name)", in: folder)
                guard let parser = try ParserRegistry.standard.parser(for: url) else {
                    rejected += 1
                    continue
                }
                do {
                    let document = try parser.parse(fileAt: url)
                    let length = document.text.unicodeScalars.count
                    #expect(document.segments.allSatisfy { 0 <= $0.start && $0.start < $0.end && $0.end <= length }, "\(name) v\(index)")
                    parsed += 1
                } catch is IngestError {
                    rejected += 1
                } catch {
                    Issue.record("\(name) variant \(index) (.\(fileExtension)) threw a non-IngestError: \(error)")
                }
            }
        }
        #expect(parsed > 0)
        #expect(rejected > 0)
    }
}
