/// An element of an XML document: its name, its attributes in document order, its children, and where it starts.
public struct XMLElement: Sendable, Equatable {
    public var name: String
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    /// The byte offset of its `<` in the document (``XMLReader/location(of:in:)`` turns it into a line and column).
    public var offset: Int

    public init(name: String, attributes: [XMLAttribute] = [], children: [XMLNode] = [], offset: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.offset = offset
    }

    /// The value of the attribute of that name, nil if it has none.
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Its child elements, in order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// Its text: the text of its children, nested elements included.
    public var text: String {
        children.map { node in
            switch node {
            case .text(let text): text
            case .element(let element): element.text
            }
        }.joined()
    }
}

public struct XMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A child of an element: an element, or a run of text (character data and CDATA sections joined, references
/// replaced).
public enum XMLNode: Sendable, Equatable {
    case element(XMLElement)
    case text(String)
}

/// Why a document could not be read, and where: a line and a column (in UTF-8 bytes), both from 1.
public struct XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(line):\(column): \(message)" }
}

/// Reads the XML that CSL styles and locales are written in: elements, attributes, text, character and the five
/// predefined entity references, CDATA sections, comments, processing instructions and the XML declaration (both
/// skipped), and a document type declaration without an internal subset (skipped). Namespaces are not resolved: an
/// `xmlns` attribute is an attribute like any other. A small reader of our own rather than FoundationXML, which would
/// bring libxml2 into the binary.
public enum XMLReader {
    /// The root element of `text`.
    public static func read(_ text: String) throws(XMLError) -> XMLElement {
        var text = text
        let result: Result<XMLElement, XMLError> = text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes)
            do throws(XMLError) {
                return .success(try parser.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The line and column (both from 1, the column in UTF-8 bytes) of a byte offset in `text`.
    public static func location(of offset: Int, in text: String) -> (line: Int, column: Int) {
        location(of: offset, in: text.utf8)
    }

    private static func location(of offset: Int, in bytes: some Collection<UInt8>) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for (index, byte) in bytes.prefix(offset).enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            // A byte order mark is not part of the text.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func document() throws(XMLError) -> XMLElement {
            var root: XMLElement?
            while true {
                skipWhitespace()
                guard index < bytes.count else { break }
                if starts(with: "<?") {
                    try skip(past: "?>", what: "processing instruction")
                } else if starts(with: "<!--") {
                    try skip(past: "-->", what: "comment")
                } else if starts(with: "<!DOCTYPE") {
                    try skipDoctype()
                } else if bytes[index] == UInt8(ascii: "<"), root == nil {
                    root = try element()
                } else {
                    throw error(root == nil ? "expected the document's root element" : "nothing may follow the root element but comments")
                }
            }
            guard let root else { throw error("the document has no root element") }
            return root
        }

        private mutating func element() throws(XMLError) -> XMLElement {
            let start = index
            index += 1
            let name = try self.name(of: "element")
            var attributes: [XMLAttribute] = []
            while true {
                let spaced = skipWhitespace()
                guard index < bytes.count else { throw error("the tag <\(name)> is not closed with '>'", at: start) }
                if starts(with: "/>") {
                    index += 2
                    return XMLElement(name: name, attributes: attributes, offset: start)
                }
                if bytes[index] == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                guard spaced else { throw error("expected a space, '>' or '/>' in the tag <\(name)>") }
                let attributeStart = index
                let attribute = try self.name(of: "attribute")
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                    throw error("expected '=' and a quoted value after the attribute \(attribute)")
                }
                index += 1
                skipWhitespace()
                let value = try quoted(attribute)
                if attributes.contains(where: { $0.name == attribute }) {
                    throw error("the attribute \(attribute) appears twice in <\(name)>", at: attributeStart)
                }
                attributes.append(XMLAttribute(name: attribute, value: value))
            }
            var children: [XMLNode] = []
            var text: [UInt8] = []
            func endText() {
                if !text.isEmpty { children.append(.text(String(decoding: text, as: UTF8.self))) }
                text.removeAll()
            }
            while true {
                guard index < bytes.count else { throw error("the element <\(name)> is not closed: expected </\(name)>", at: start) }
                let byte = bytes[index]
                if byte == UInt8(ascii: "&") {
                    try reference(into: &text)
                } else if byte == UInt8(ascii: "\r") {
                    // A line break is a line feed, whichever way it was written (CR LF, CR).
                    text.append(UInt8(ascii: "\n"))
                    index += index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
                } else if byte != UInt8(ascii: "<") {
                    if byte == UInt8(ascii: "]"), starts(with: "]]>") { throw error("']]>' may not appear in text") }
                    text.append(byte)
                    index += 1
                } else if starts(with: "</") {
                    let endStart = index
                    index += 2
                    let closing = try self.name(of: "element")
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw error("expected '>' to end </\(closing)>") }
                    guard closing == name else { throw error("expected </\(name)> (to close the element at \(describe(start))), found </\(closing)>", at: endStart) }
                    index += 1
                    endText()
                    return XMLElement(name: name, attributes: attributes, children: children, offset: start)
                } else if starts(with: "<![CDATA[") {
                    index += 9
                    let contentStart = index
                    try skip(past: "]]>", what: "CDATA section")
                    var position = contentStart
                    while position < index - 3 {
                        if bytes[position] == UInt8(ascii: "\r") {
                            text.append(UInt8(ascii: "\n"))
                            if position + 1 < index - 3, bytes[position + 1] == UInt8(ascii: "\n") { position += 1 }
                        } else {
                            text.append(bytes[position])
                        }
                        position += 1
                    }
                } else if starts(with: "<!--") {
                    try skip(past: "-->", what: "comment")
                } else if starts(with: "<?") {
                    try skip(past: "?>", what: "processing instruction")
                } else {
                    endText()
                    children.append(.element(try element()))
                }
            }
        }

        /// A name: a letter, `_` or `:` first, then letters, digits, `-`, `.`, `_` and `:` (any byte from 0x80 counts as
        /// a letter, so names in other scripts read).
        private mutating func name(of what: String) throws(XMLError) -> String {
            let start = index
            func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...: true
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): !first
                default: false
                }
            }
            while index < bytes.count, isNameByte(bytes[index], first: index == start) { index += 1 }
            guard index > start else { throw error("expected the name of an \(what)") }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// An attribute's value in single or double quotes, references replaced and each tab or line break a space
        /// (as XML normalizes attribute values).
        private mutating func quoted(_ attribute: String) throws(XMLError) -> String {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw error("the value of \(attribute) must be in quotes")
            }
            let quote = bytes[index], start = index
            index += 1
            var value: [UInt8] = []
            while true {
                guard index < bytes.count else { throw error("the value of \(attribute) is not closed with \(Character(Unicode.Scalar(quote)))", at: start) }
                let byte = bytes[index]
                if byte == quote {
                    index += 1
                    return String(decoding: value, as: UTF8.self)
                }
                switch byte {
                case UInt8(ascii: "&"): try reference(into: &value)
                case UInt8(ascii: "<"): throw error("'<' may not appear in an attribute value; write &lt;")
                case UInt8(ascii: "\r") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"):
                    // A CR LF line break is one break, and one space.
                    index += 1
                case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    value.append(UInt8(ascii: " "))
                    index += 1
                default:
                    value.append(byte)
                    index += 1
                }
            }
        }

        /// A character or entity reference at `&`, its character appended.
        private mutating func reference(into text: inout [UInt8]) throws(XMLError) {
            let start = index
            var end = index + 1
            while end < bytes.count, end - start <= 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else {
                throw error("'&' must begin a reference such as &amp; (write &amp; for the character itself)")
            }
            let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
            let scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                guard name.hasPrefix("#") else { throw error("unknown entity &\(name);: XML has only &amp; &lt; &gt; &quot; &apos; and numeric ones such as &#160;") }
                let digits = name.dropFirst()
                let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                scalar = value.flatMap(Unicode.Scalar.init)
                guard scalar != nil, scalar != "\0" else { throw error("&\(name); is not a character") }
            }
            text.append(contentsOf: String(scalar!).utf8)
            index = end + 1
        }

        /// Skips a document type declaration; one with an internal subset (`[…]`) is refused.
        private mutating func skipDoctype() throws(XMLError) {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if bytes[index] == UInt8(ascii: "[") { throw error("document type declarations with an internal subset are not supported") }
                index += 1
            }
            guard index < bytes.count else { throw error("the document type declaration is not closed with '>'", at: start) }
            index += 1
        }

        private mutating func skip(past end: StaticString, what: String) throws(XMLError) {
            let start = index
            let count = end.utf8CodeUnitCount
            while index + count <= bytes.count {
                if starts(with: end) {
                    index += count
                    return
                }
                index += 1
            }
            throw error("the \(what) is not closed with \(end)", at: start)
        }

        private func starts(with prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            return prefix.withUTF8Buffer { prefix in
                for offset in 0..<count where bytes[index + offset] != prefix[offset] { return false }
                return true
            }
        }

        @discardableResult
        private mutating func skipWhitespace() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
            return index > start
        }

        private func describe(_ offset: Int) -> String {
            let (line, column) = XMLReader.location(of: offset, in: bytes)
            return "\(line):\(column)"
        }

        private func error(_ message: String, at offset: Int? = nil) -> XMLError {
            let (line, column) = XMLReader.location(of: offset ?? index, in: bytes)
            return XMLError(line: line, column: column, message: message)
        }
    }
}
