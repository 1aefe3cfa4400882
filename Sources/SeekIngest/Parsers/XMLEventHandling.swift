/// Receives the events of `XMLEventReader`: element names arrive without their namespace prefix
/// ("w:p" is "p"), attributes keep their qualified names ("r:id").
protocol XMLEventHandling {
    /// An element starts.
    mutating func startElement(_ name: String, attributes: [String: String])
    /// An element ends.
    mutating func endElement(_ name: String)
    /// Character data inside the current element (may arrive in several pieces).
    mutating func characters(_ text: String)
}
