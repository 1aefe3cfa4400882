/// A product the kernels could not compute.
public enum KernelError: Error, Equatable, CustomStringConvertible {
    /// oneDNN refused or failed a reduced-precision product (its status code, and the shape).
    case oneDNNFailed(status: Int32, precision: ComputePrecision, shape: String)

    public var description: String {
        switch self {
        case let .oneDNNFailed(status, precision, shape):
            "oneDNN failed a \(precision.rawValue) product \(shape) with status \(status)"
        }
    }
}
