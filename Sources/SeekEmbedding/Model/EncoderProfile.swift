/// Time spent per encoder operation, summed over forward passes (and over lanes when merged).
public struct EncoderProfile: Sendable, Equatable {
    public private(set) var seconds: [EncoderOperation: Double] = [:]

    public init() {}

    public mutating func add(_ operation: EncoderOperation, seconds value: Double) {
        seconds[operation, default: 0] += value
    }

    public mutating func merge(_ other: EncoderProfile) {
        for (operation, value) in other.seconds { seconds[operation, default: 0] += value }
    }

    public var totalSeconds: Double { seconds.values.reduce(0, +) }
}
