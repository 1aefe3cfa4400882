/// Which code should compute the matrix products (`--gemm`, config `embedding.gemm`,
/// environment `SEEK_GEMM`). Whatever is asked for, a backend must pass its known-answer check
/// before it is used; one that fails falls back to the next with a warning in `GEMM.status`.
public enum GEMMPreference: String, Sendable, Codable, CaseIterable {
    /// The faster of OpenBLAS and oneDNN on this machine, timed on the encoder's own shapes
    /// (`GEMMCalibration`). The default.
    case auto
    /// The BLAS library (OpenBLAS on Linux, Accelerate on macOS).
    case openblas
    /// Intel's oneDNN (Linux, `libdnnl`): the only backend that runs bf16 and int8.
    case onednn
    /// Seek's plain C kernel: slow, never wrong. For diagnosis.
    case reference
}
