/// A batch of the pool's queue: some sequences of one caller's batch, with its failure count.
struct WorkItem: Sendable {
    /// The `embed` call the sequences belong to.
    let callID: Int
    /// Indices into that call's sequences, longest first.
    let members: [Int]
    /// Token ids in the batch.
    let tokens: Int
    /// Times this exact batch failed (a half of a bisected batch starts at 1: it is suspect).
    var failures: Int
}
