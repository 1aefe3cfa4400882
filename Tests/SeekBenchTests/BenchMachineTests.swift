import Foundation
import SeekBench
import SeekKernels
import Testing

struct BenchMachineTests {
    @Test func readsTheVectorFeaturesOfTheFirstProcessor() {
        let cpuinfo = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            flags\t\t: fpu sse2 avx fma avx2 avx512f avx512bw avx512_vnni avx512_bf16 sha_ni
            processor\t: 1
            flags\t\t: fpu sse2 amx_int8
            """
        #expect(BenchMachine.vectorFeatures(cpuinfo: cpuinfo) == ["avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16"])
        #expect(BenchMachine.vectorFeatures(cpuinfo: "processor : 0\nflags : fpu sse2 avx\n") == [])
        #expect(BenchMachine.vectorFeatures(cpuinfo: nil) == [])
    }

    @Test func theCoreTypePinComesFromTheEnvironment() {
        #expect(BenchMachine.current(environment: ["OPENBLAS_CORETYPE": "Haswell"]).openBLASCoreType == "Haswell")
        #expect(BenchMachine.current(environment: [:]).openBLASCoreType == nil)
        #expect(BenchMachine.current(environment: ["OPENBLAS_CORETYPE": ""]).openBLASCoreType == nil)
    }

    @Test func aReportKeepsTheResultsFieldsAndAddsTheMachine() throws {
        struct Figures: Encodable, Sendable { var tokens = 12; var seconds = 0.5 }
        let machine = BenchMachine(cpuFeatures: ["avx2"], kernels: "avx2", blas: "OpenBLAS (core Zen)",
                                   gemm: GEMM.status, openBLASCoreType: nil, cores: 2)
        let data = try JSONEncoder().encode(BenchReport(Figures(), machine: machine))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["tokens"] as? Int == 12 && object["seconds"] as? Double == 0.5)
        let encodedMachine = try #require(object["machine"] as? [String: Any])
        #expect(encodedMachine["blas"] as? String == "OpenBLAS (core Zen)" && encodedMachine["cores"] as? Int == 2)
    }
}
