import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams an XML part through Foundation's `XMLParser` (SAX) into an `XMLEventHandling` value.
enum XMLEventReader {
    /// Feeds `data` to `handler`; throws a message with the line number when the XML is malformed.
    static func read<Handler: XMLEventHandling>(_ data: Data, into handler: inout Handler) throws(XMLReadFailure) {
        let box = HandlerBox(handler)
        let delegate = XMLEventDelegate(
            start: { name, attributes in box.value.startElement(localName(name), attributes: attributes) },
            end: { name in box.value.endElement(localName(name)) },
            text: { text in box.value.characters(text) }
        )
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let succeeded = parser.parse()
        handler = box.value
        if !succeeded {
            let detail = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
            throw XMLReadFailure(line: parser.lineNumber, message: detail)
        }
    }

    private static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    private final class HandlerBox<Value> {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private final class XMLEventDelegate: NSObject, XMLParserDelegate {
        let start: (String, [String: String]) -> Void
        let end: (String) -> Void
        let text: (String) -> Void

        init(start: @escaping (String, [String: String]) -> Void, end: @escaping (String) -> Void, text: @escaping (String) -> Void) {
            self.start = start
            self.end = end
            self.text = text
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            start(elementName, attributeDict)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            end(elementName)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            text(String(decoding: CDATABlock, as: UTF8.self))
        }
    }
}
