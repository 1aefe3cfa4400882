import Foundation
import SeekKernels

/// A `.safetensors` file mapped into memory: an 8-byte little-endian header length, a JSON header
/// naming each tensor's dtype, shape and byte range, then the raw tensor data. Tensors are handed out
/// as zero-copy `WeightMatrix` views into the mapping.
public final class SafetensorsFile: Sendable {
    public struct TensorInfo: Sendable, Equatable {
        public let dtype: String
        public let shape: [Int]
        /// Absolute byte range in the file.
        public let byteRange: Range<Int>
    }

    public let path: String
    public let tensors: [String: TensorInfo]
    private let file: MappedFile

    /// Largest header accepted: real headers are kilobytes; a bigger value means a corrupt file.
    static let maxHeaderBytes = 100 << 20

    public init(path: String) throws {
        self.path = path
        let hint = "Run `seek model fetch --force` to download the model again."
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch {
            throw EmbeddingError.missingFile(path: path, hint: "\(error). \(hint)")
        }
        func invalid(_ reason: String) -> EmbeddingError { .invalidFile(path: path, reason: reason, hint: hint) }
        guard file.count >= 8 else { throw invalid("file is \(file.count) bytes, too short for a safetensors header") }
        let headerLength = try file.uint64(at: 0)
        guard headerLength > 1, headerLength <= UInt64(min(Self.maxHeaderBytes, file.count - 8)) else {
            throw invalid("header length \(headerLength) does not fit in the \(file.count)-byte file (truncated or not safetensors)")
        }
        let headerData = try file.bytes(at: 8, length: Int(headerLength))
        guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
            throw invalid("the header is not a JSON object (corrupt file)")
        }
        let dataStart = 8 + Int(headerLength)
        var tensors: [String: TensorInfo] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2
            else { throw invalid("tensor \(name) has a malformed header entry") }
            let start = dataStart + offsets[0], end = dataStart + offsets[1]
            guard offsets[0] >= 0, offsets[0] <= offsets[1] else { throw invalid("tensor \(name) has inverted offsets") }
            guard end <= file.count else {
                throw invalid("tensor \(name) ends at byte \(end) but the file has \(file.count) bytes (truncated download)")
            }
            if let size = Self.elementSize(dtype) {
                let expected = shape.reduce(1, *) * size
                guard expected == end - start else {
                    throw invalid("tensor \(name) of shape \(shape) should take \(expected) bytes, not \(end - start)")
                }
            }
            tensors[name] = TensorInfo(dtype: dtype, shape: shape, byteRange: start..<end)
        }
        guard !tensors.isEmpty else { throw invalid("the file holds no tensors") }
        self.file = file
        self.tensors = tensors
    }

    /// A Float32 tensor of rank 1 (returned as 1 × n) or 2, as a zero-copy view.
    public func matrix(_ name: String, shape expected: [Int]) throws -> WeightMatrix {
        let hint = "The model file does not match the expected architecture; run `seek model fetch --force`."
        guard let info = tensors[name] else {
            throw EmbeddingError.invalidFile(path: path, reason: "tensor \(name) is missing", hint: hint)
        }
        guard info.dtype == "F32" else {
            throw EmbeddingError.invalidFile(path: path, reason: "tensor \(name) is \(info.dtype), Seek needs F32", hint: hint)
        }
        guard info.shape == expected else {
            throw EmbeddingError.invalidFile(path: path, reason: "tensor \(name) has shape \(info.shape), expected \(expected)", hint: hint)
        }
        let rows = expected.count == 2 ? expected[0] : 1
        let columns = expected.last ?? 1
        do {
            return try file.floatMatrix(at: info.byteRange.lowerBound, rows: rows, columns: columns)
        } catch {
            throw EmbeddingError.invalidFile(path: path, reason: "\(error)", hint: hint)
        }
    }

    static func elementSize(_ dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64", "U64": 8
        case "F32", "I32", "U32": 4
        case "F16", "BF16", "I16", "U16": 2
        case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2": 1
        default: nil
        }
    }
}
