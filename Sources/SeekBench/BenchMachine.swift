import Foundation
import SeekKernels

/// What a benchmark ran on, printed beside every benchmark's figures: these machines differ
/// (AVX2 only, or AVX-512 with VNNI and BF16) and OpenBLAS picks its kernels per CPU unless
/// `OPENBLAS_CORETYPE` pins them, so a number means little without the ISA and BLAS core behind it.
public struct BenchMachine: Sendable, Codable, Equatable {
    /// The CPU's vector instruction sets that matter here, from the kernel's CPU flags
    /// (e.g. `["avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16"]`); empty where they cannot be read.
    public var cpuFeatures: [String]
    /// The widest path Seek's own kernels took: `avx512_bf16`, `avx512`, `avx2` (AVX2 + FMA) or
    /// `scalar` (`ElementwiseKernels.instructionSet`).
    public var kernels: String
    /// The BLAS library, its build and the core it dispatched to, e.g. `OpenBLAS 0.3.21 … (core Zen)`.
    public var blas: String
    /// Which code computed the matrix products (BLAS or the reference kernel), BLAS threads, and the known-answer check.
    public var gemm: GEMMStatus
    /// The `OPENBLAS_CORETYPE` pin in the environment, or nil when OpenBLAS chose its core itself.
    public var openBLASCoreType: String?
    /// Logical cores this process may use.
    public var cores: Int

    public init(cpuFeatures: [String], kernels: String, blas: String, gemm: GEMMStatus, openBLASCoreType: String?, cores: Int) {
        self.cpuFeatures = cpuFeatures
        self.kernels = kernels
        self.blas = blas
        self.gemm = gemm
        self.openBLASCoreType = openBLASCoreType
        self.cores = cores
    }

    enum CodingKeys: String, CodingKey {
        case cpuFeatures = "cpu_features"
        case kernels, blas, gemm, cores
        case openBLASCoreType = "openblas_coretype"
    }

    /// The machine this process runs on.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> BenchMachine {
        BenchMachine(
            cpuFeatures: Self.vectorFeatures(cpuinfo: try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)),
            kernels: ElementwiseKernels.instructionSet,
            blas: GEMM.libraryDescription,
            gemm: GEMM.status,
            openBLASCoreType: environment["OPENBLAS_CORETYPE"].flatMap { $0.isEmpty ? nil : $0 },
            cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The flags of interest in the first processor's `flags` line of `/proc/cpuinfo`, in a fixed order.
    public static func vectorFeatures(cpuinfo: String?) -> [String] {
        guard let cpuinfo,
              let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        let flags = Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        return Self.reportedFeatures.filter(flags.contains)
    }

    private static let reportedFeatures = ["avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_int8"]
}

/// A benchmark's result with the machine it ran on, encoded as the result's own JSON object plus a
/// `machine` key (so existing field names stay where they were).
public struct BenchReport<Result: Encodable & Sendable>: Encodable, Sendable {
    public var result: Result
    public var machine: BenchMachine

    public init(_ result: Result, machine: BenchMachine = .current()) {
        self.result = result
        self.machine = machine
    }

    private enum CodingKeys: String, CodingKey { case machine }

    public func encode(to encoder: any Encoder) throws {
        // The result writes its keys into this level's object first; `machine` joins that same object.
        try result.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(machine, forKey: .machine)
    }
}
