/// A command-line value that cannot be used; printed as "Error: <message>" without the usage text
/// (ArgumentParser's `ValidationError` would print the usage, which hides the reason).
struct ArgumentError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
