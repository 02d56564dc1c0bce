/// Reads JSON text (RFC 8259) into a ``DataNode`` tree, keeping the line and column of every value.
///
/// Foundation's parser reports neither, and CSL-JSON errors must point at the entry they concern.
struct JSONReader: Sendable {
    init() {}

    /// - Throws: a ``Diagnostic`` at the first byte that is not valid JSON.
    func read(_ source: SourceText) throws(Diagnostic) -> DataNode {
        var parser = Parser(bytes: Array(source.text.utf8), source: source)
        parser.skipWhitespace()
        let node = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else {
            // `{…}` a line (JSON Lines, as some tools export), or two files pasted one after the other.
            let another = parser.bytes[parser.index] == UInt8(ascii: "{") || parser.bytes[parser.index] == UInt8(ascii: "[")
            throw parser.failure("unexpected text after the JSON value" + (another ? "; a file holds one value: make the items one list, [{…}, {…}]" : ""))
        }
        return node
    }

    private struct Parser {
        let bytes: [UInt8]
        let source: SourceText
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8], source: SourceText) {
            self.bytes = bytes
            self.source = source
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
        }

        var location: SourceLocation { source.location(line: line, column: index - lineStart + 1) }

        func failure(_ message: String) -> Diagnostic {
            .error(at: location, "invalid JSON: \(message)")
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\n"): index += 1; line += 1; lineStart = index
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(Diagnostic) -> DataNode {
            guard depth < 200 else { throw failure("nested too deeply") }
            guard index < bytes.count else { throw failure("unexpected end of file") }
            let start = location
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth, start: start)
            case UInt8(ascii: "["): return try parseArray(depth: depth, start: start)
            case UInt8(ascii: "\""): return DataNode(.scalar(try parseString(), isQuoted: true), at: start)
            case UInt8(ascii: "t"): try expectWord("true"); return DataNode(.bool(true, text: "true"), at: start)
            case UInt8(ascii: "f"): try expectWord("false"); return DataNode(.bool(false, text: "false"), at: start)
            case UInt8(ascii: "n"): try expectWord("null"); return DataNode(.null, at: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber(start: start)
            default: throw failure("unexpected character '\(Unicode.Scalar(bytes[index]))'" + hint(at: index))
            }
        }

        /// What is most often meant by a byte JSON does not take: JavaScript's single quotes or comments.
        func hint(at position: Int) -> String {
            switch bytes[position] {
            case UInt8(ascii: "'"): "; JSON writes strings (and keys) in double quotes"
            case UInt8(ascii: "/"): "; JSON has no comments"
            default: ""
            }
        }

        /// A comma before the closing bracket (`{"id": "a",}`), which JavaScript allows and JSON does not.
        func trailingComma(at comma: SourceLocation, closing: Character) -> Diagnostic {
            .error(at: comma, "invalid JSON: a comma before '\(closing)' (JSON allows none after the last \(closing == "}" ? "field" : "item")); remove it")
        }

        mutating func expectWord(_ word: String) throws(Diagnostic) {
            let wordBytes = Array(word.utf8)
            guard bytes[index...].starts(with: wordBytes) else { throw failure("expected '\(word)'") }
            index += wordBytes.count
        }

        mutating func parseObject(depth: Int, start: SourceLocation) throws(Diagnostic) -> DataNode {
            index += 1
            var entries: [(key: String, keyLocation: SourceLocation, value: DataNode)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return DataNode(.map(entries), at: start)
            }
            var comma: SourceLocation?
            while true {
                skipWhitespace()
                let keyLocation = location
                if let comma, index < bytes.count, bytes[index] == UInt8(ascii: "}") { throw trailingComma(at: comma, closing: "}") }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    let unquoted = index < bytes.count && (bytes[index].isAlphanumericASCII || bytes[index] == UInt8(ascii: "_"))
                    throw failure("expected a string key" + (index < bytes.count ? hint(at: index) : "") + (unquoted ? "; JSON writes keys in double quotes: \"id\"" : ""))
                }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                index += 1
                skipWhitespace()
                entries.append((key, keyLocation, try parseValue(depth: depth + 1)))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of file in an object") }
                if bytes[index] == UInt8(ascii: ",") {
                    comma = location
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return DataNode(.map(entries), at: start) }
                throw failure("expected ',' or '}'")
            }
        }

        mutating func parseArray(depth: Int, start: SourceLocation) throws(Diagnostic) -> DataNode {
            index += 1
            var items: [DataNode] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return DataNode(.list(items), at: start)
            }
            var comma: SourceLocation?
            while true {
                skipWhitespace()
                if let comma, index < bytes.count, bytes[index] == UInt8(ascii: "]") { throw trailingComma(at: comma, closing: "]") }
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of file in an array") }
                if bytes[index] == UInt8(ascii: ",") {
                    comma = location
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return DataNode(.list(items), at: start) }
                throw failure("expected ',' or ']'")
            }
        }

        mutating func parseNumber(start: SourceLocation) throws(Diagnostic) -> DataNode {
            let begin = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[begin..<index], as: UTF8.self)
            guard let number = Double(text), text.first != "+" else { throw failure("malformed number '\(text)'") }
            return DataNode(.number(number, text: text), at: start)
        }

        mutating func parseString() throws(Diagnostic) -> String {
            index += 1
            var result: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: result, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { break }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escape)
                    // A control character, which no page or feed may hold (`\b`, `\f`, `\u000b`), is a space.
                    case UInt8(ascii: "b"): result.append(0x20)
                    case UInt8(ascii: "f"): result.append(0x20)
                    case UInt8(ascii: "n"): result.append(0x0A)
                    case UInt8(ascii: "r"): result.append(0x0D)
                    case UInt8(ascii: "t"): result.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try parseHex4()
                        if (0xD800..<0xDC00).contains(scalar), bytes[index...].starts(with: Array("\\u".utf8)) {
                            index += 2
                            let low = try parseHex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        // (And U+FFFE, U+FFFF, no characters at all, which no XML may hold: ``SourceText/isForbidden(_:)``.)
                        let character = Unicode.Scalar(scalar).map { SourceText.isForbidden($0) ? " " : $0 } ?? "\u{FFFD}"
                        result.append(contentsOf: Array(String(character).utf8))
                    default:
                        index -= 1
                        throw failure("invalid escape '\\\(Unicode.Scalar(escape))'")
                    }
                case 0..<0x20:
                    throw failure("control character in a string")
                default:
                    result.append(byte)
                    index += 1
                }
            }
            throw failure("unterminated string")
        }

        mutating func parseHex4() throws(Diagnostic) -> UInt32 {
            guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw failure("invalid \\u escape") }
            index += 4
            return value
        }
    }
}
