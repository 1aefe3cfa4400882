import Foundation
import SeekTestSupport
import Testing

/// `seek bench embed --modes`: precisions and GEMM backends side by side, each in its own process,
/// with an outside runtime timed in the same rounds.
struct BenchEmbedCommandTests {
    /// 40 short texts (the real model, so a few seconds per mode).
    func writeTexts(into fixture: CLIFixture) throws -> String {
        let lines = (0..<40).map { "{\"text\": \"Note \($0): the boundary layer thickens as the pressure gradient turns adverse near panel \($0 % 7).\"}" }
        let url = fixture.directory.appendingPathComponent("texts.jsonl")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func comparesModesInSeparateProcessesAgainstTheFP32Baseline() throws {
        let fixture = try CLIFixture()
        let texts = try writeTexts(into: fixture)
        // A cache root of its own: the GEMM timings start empty, the first child records them.
        let environment = ["SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path,
                           "XDG_CACHE_HOME": fixture.directory.appendingPathComponent("cache").path]
        // The anchor stands in for ONNX Runtime: any command whose last line is tokens/s.
        let run = try SeekProcess.run(["bench", "embed", "--modes", "fp32/openblas,fp32,int8", "--rounds", "2", "--passes", "1",
                                       "--texts", texts, "--anchor", "echo warming up; echo 1234.5", "--json"],
                                      in: fixture.directory, environment: environment)
        try #require(run.status == 0, "\(run.standardError)")
        let report = try run.json()
        #expect(report["rounds"] as? Int == 2 && report["texts"] as? Int == 40)
        #expect(report["baseline"] as? String == "fp32")
        let machine = try #require(report["machine"] as? [String: Any])
        // The report's machine section reads the timings the children recorded instead of timing again.
        let gemm = try #require(machine["gemm"] as? [String: Any])
        if gemm["calibration_gflops"] is [String: Double] {
            #expect(gemm["calibration_cached"] as? Bool == true, "\(gemm)")
        }
        let rows = try #require(report["rows"] as? [[String: Any]])
        #expect(rows.map { $0["mode"] as? String } == ["fp32/openblas", "fp32", "int8"])
        for row in rows {
            #expect((row["rounds_tokens_per_s"] as? [Double])?.count == 2, "\(row)")
            #expect((row["tokens_per_s"] as? Double ?? 0) > 0)
            #expect((row["linear_weights_mb"] as? Double ?? 0) > 0)
        }
        #expect(rows[0]["gemm"] as? String == "blas" && rows[0]["precision"] as? String == "fp32")
        #expect(rows[1]["speedup"] as? Double == 1)
        let int8 = rows[2]
        // int8 runs where the CPU has VNNI (the machine's flags are in the report); elsewhere it falls back.
        let features = ((report["machine"] as? [String: Any])?["cpu_features"] as? [String]) ?? []
        if features.contains("avx512_vnni") {
            #expect(int8["precision"] as? String == "int8")
            #expect((int8["linear_weights_mb"] as? Double ?? 0) < (rows[0]["linear_weights_mb"] as? Double ?? 0) / 2)
        } else {
            #expect(int8["precision"] as? String != "int8")
        }
        let anchor = try #require(report["anchor"] as? [String: Any])
        #expect(anchor["tokens_per_s"] as? Double == 1235 && (anchor["rounds_tokens_per_s"] as? [Double])?.count == 2)
    }

    @Test func aBadModeOrAFailingAnchorIsAClearError() throws {
        let fixture = try CLIFixture()
        let texts = try writeTexts(into: fixture)
        let environment = ["SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let bad = try SeekProcess.run(["bench", "embed", "--modes", "fp32,fp16", "--texts", texts], in: fixture.directory, environment: environment)
        #expect(bad.status != 0 && bad.standardError.contains("fp16"))
        let suffix = try SeekProcess.run(["bench", "embed", "--modes", "fp32@pinned", "--texts", texts], in: fixture.directory, environment: environment)
        #expect(suffix.status != 0 && suffix.standardError.contains("@unpinned"))
        let repeated = try SeekProcess.run(["bench", "embed", "--modes", "int8,int8", "--texts", texts], in: fixture.directory, environment: environment)
        #expect(repeated.status != 0 && repeated.standardError.contains("repeats"))
        let anchor = try SeekProcess.run(["bench", "embed", "--modes", "fp32", "--rounds", "1", "--passes", "1", "--texts", texts,
                                          "--anchor", "echo not a number"], in: fixture.directory, environment: environment)
        #expect(anchor.status != 0 && anchor.standardError.contains("not a number"))
    }

    /// `--gemm auto` times the backends once per machine: the second process reads the timings
    /// from the model cache (the known-answer checks still run in both).
    @Test func theGEMMCalibrationIsCachedPerMachine() throws {
        let fixture = try CLIFixture()
        let texts = try writeTexts(into: fixture)
        let cache = fixture.directory.appendingPathComponent("cache")
        let environment = ["SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path, "XDG_CACHE_HOME": cache.path]
        func gemm() throws -> [String: Any] {
            let run = try SeekProcess.run(["bench", "embed", "--passes", "1", "--texts", texts, "--json"], in: fixture.directory,
                                          environment: environment)
            try #require(run.status == 0, "\(run.standardError)")
            return try #require((try run.json()["machine"] as? [String: Any])?["gemm"] as? [String: Any])
        }
        let first = try gemm()
        try #require(first["calibration_gflops"] is [String: Double], "only one library passed here: nothing to time (\(first))")
        #expect(first["calibration_cached"] as? Bool == false)
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent("seek/models/gemm-calibration.json").path))
        let second = try gemm()
        #expect(second["calibration_cached"] as? Bool == true)
        #expect(second["calibration_gflops"] as? [String: Double] == first["calibration_gflops"] as? [String: Double])
        #expect(second["backend"] as? String == first["backend"] as? String)
        #expect((second["known_answer_check"] as? String)?.hasPrefix("passed") == true)
    }
}
