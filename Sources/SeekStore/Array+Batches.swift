extension Array {
    /// Consecutive slices of at most `count` elements, in order. (swift-algorithms'
    /// `chunks(ofCount:)` does this too; one line does not justify a dependency.)
    func batches(ofCount count: Int) -> [ArraySlice<Element>] {
        precondition(count > 0, "batch size must be positive")
        return stride(from: 0, to: self.count, by: count).map { self[$0..<Swift.min($0 + count, self.count)] }
    }
}
