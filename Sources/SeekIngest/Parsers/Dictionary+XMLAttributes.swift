extension Dictionary where Key == String, Value == String {
    /// The value of the attribute whose local name is `localName` ("val" finds "w:val" or "val").
    func attribute(_ localName: String) -> String? {
        if let value = self[localName] { return value }
        return first { key, _ in key.hasSuffix(":" + localName) }?.value
    }
}
