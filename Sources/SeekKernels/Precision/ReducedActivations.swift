/// One encoder lane's scratch space for reduced-precision products: the activations converted
/// to bf16 or int8 (with their per-row scales) and the int32 results. Grows to the largest
/// product seen and is reused; not thread-safe (one lane owns it).
public final class ReducedActivations {
    private(set) var bytes: UnsafeMutableRawPointer
    private(set) var byteCapacity = 0
    private(set) var results: UnsafeMutablePointer<Int32>
    private(set) var resultCapacity = 0
    private(set) var rowScales: UnsafeMutablePointer<Float>
    private(set) var rowCapacity = 0

    public init() {
        bytes = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
        results = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64).bindMemory(to: Int32.self, capacity: 16)
        rowScales = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64).bindMemory(to: Float.self, capacity: 16)
    }

    deinit {
        bytes.deallocate()
        results.deallocate()
        rowScales.deallocate()
    }

    /// Makes room for `byteCount` converted activations, `resultCount` int32 results and `rowCount` scales.
    func reserve(byteCount: Int, resultCount: Int, rowCount: Int) {
        if byteCount > byteCapacity {
            bytes.deallocate()
            byteCapacity = max(byteCount, byteCapacity * 5 / 4)
            bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCapacity, alignment: 64)
        }
        if resultCount > resultCapacity {
            results.deallocate()
            resultCapacity = max(resultCount, resultCapacity * 5 / 4)
            results = UnsafeMutableRawPointer.allocate(byteCount: resultCapacity * 4, alignment: 64)
                .bindMemory(to: Int32.self, capacity: resultCapacity)
        }
        if rowCount > rowCapacity {
            rowScales.deallocate()
            rowCapacity = max(rowCount, rowCapacity * 5 / 4)
            rowScales = UnsafeMutableRawPointer.allocate(byteCount: rowCapacity * 4, alignment: 64)
                .bindMemory(to: Float.self, capacity: rowCapacity)
        }
    }
}
