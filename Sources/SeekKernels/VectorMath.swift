/// Small vector operations over Float32 arrays: dot products and L2 normalisation.
/// Vectorised with SIMD16; the callers stay free of pointer code.
public enum VectorMath {
    /// Dot product of two equally long vectors.
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in dot(pa, pb) }
        }
    }

    /// Dot product of two equally long buffers.
    public static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
        let n = a.count
        guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var i = 0
        let rawA = UnsafeRawPointer(pa), rawB = UnsafeRawPointer(pb)
        while i + 32 <= n {
            acc0 += rawA.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            acc1 += rawA.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
            i += 32
        }
        var sum = (acc0 + acc1).sum()
        while i < n {
            sum += pa[i] * pb[i]
            i += 1
        }
        return sum
    }

    /// Euclidean norm.
    public static func norm(_ a: [Float]) -> Float {
        dot(a, a).squareRoot()
    }

    /// Scales `a` to unit length in place. A zero vector stays zero.
    public static func normalize(_ a: inout [Float]) {
        let length = norm(a)
        guard length > 0 else { return }
        let scale = 1 / length
        for i in a.indices { a[i] *= scale }
    }

    /// Cosine similarity; 0 when either vector is zero.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let denominator = norm(a) * norm(b)
        return denominator > 0 ? dot(a, b) / denominator : 0
    }
}
