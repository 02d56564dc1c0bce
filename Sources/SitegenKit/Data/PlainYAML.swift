/// The YAML most front matter is written in, read from its bytes without libyaml: a mapping of keys written at the
/// start of lines, each to a value on its own line — a plain scalar, a single- or double-quoted one without escapes,
/// a flow list of plain words (`[a, b]`) — or to a block list of such scalars (`- "…"` lines). Anything else
/// (comments, multi-line or escaped scalars, nested mappings, anchors, tabs, empty values, duplicate keys, characters
/// YAML treats specially) is not read here: ``YAMLReader`` gives such text to Yams, which reads it or reports it.
/// What it reads is the tree Yams gives for the same text, positions included (a test compares the two).
enum PlainYAML {
    /// The document's root, or nil when the text is not of this subset.
    static func read(_ source: SourceText) -> DataNode? {
        var text = source.text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, source: source)
            return reader.document()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let source: SourceText
        /// The line being read (1-based) and the offset where it starts.
        var line = 1, lineStart = 0
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, source: SourceText) {
            self.bytes = bytes
            self.source = source
        }

        mutating func document() -> DataNode? {
            guard Self.onlyPlainCharacters(bytes) else { return nil }
            var entries: [(key: String, keyLocation: SourceLocation, value: DataNode)] = []
            var keys = Set<String>()
            while index < bytes.count {
                if bytes[index] == 0x0A {
                    nextLine()
                    continue
                }
                let keyStart = index
                guard Self.isKeyStart(bytes[index]) else { return nil }
                while index < bytes.count, Self.isKeyByte(bytes[index]) { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<index]), as: UTF8.self)
                guard keys.insert(key).inserted else { return nil }
                let keyLocation = location(keyStart)
                index += 1
                let value: DataNode
                if index == bytes.count || bytes[index] == 0x0A {
                    // A block list on the lines after.
                    if index < bytes.count { nextLine() }
                    guard let list = blockList() else { return nil }
                    value = list
                } else {
                    guard bytes[index] == UInt8(ascii: " "), let inline = lineValue(flowListAllowed: true) else { return nil }
                    value = inline
                }
                entries.append((key, keyLocation, value))
            }
            guard let first = entries.first else { return nil }
            return DataNode(.map(entries), at: first.keyLocation)
        }

        private mutating func nextLine() {
            index += 1
            line += 1
            lineStart = index
        }

        private func location(_ offset: Int) -> SourceLocation {
            source.location(line: line, column: offset - lineStart + 1)
        }

        /// The value after `key:` or `- ` up to the line's end (consumed with it), spaces before and after it left out.
        private mutating func lineValue(flowListAllowed: Bool) -> DataNode? {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            var end = index
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var last = end
            while last > index, bytes[last - 1] == UInt8(ascii: " ") { last -= 1 }
            guard last > index else { return nil }
            let start = index
            let node: DataNode?
            switch bytes[start] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // Closed where the line's value ends, with neither that quote nor an escape inside.
                let quote = bytes[start]
                guard last - start >= 2, bytes[last - 1] == quote,
                      !bytes[(start + 1)..<(last - 1)].contains(where: { $0 == quote || $0 == UInt8(ascii: "\\") }) else { return nil }
                node = DataNode(.scalar(string(start + 1, last - 1), isQuoted: true), at: location(start))
            case UInt8(ascii: "[") where flowListAllowed:
                node = flowList(start, last)
            default:
                node = plainScalar(start, last)
            }
            // The next line must not go on with this value (a more indented line would be part of it).
            index = end
            if index < bytes.count {
                nextLine()
                if index < bytes.count, bytes[index] == UInt8(ascii: " "), !isListItemLine() { return nil }
            }
            return node
        }

        /// `[a, b, c]`: plain words between commas, nothing after the bracket.
        private func flowList(_ start: Int, _ last: Int) -> DataNode? {
            guard bytes[last - 1] == UInt8(ascii: "]") else { return nil }
            var items: [DataNode] = []
            var itemStart = start + 1
            let close = last - 1
            if bytes[itemStart..<close].allSatisfy({ $0 == UInt8(ascii: " ") }) { return DataNode(.list([]), at: location(start)) }
            for position in itemStart...close where position == close || bytes[position] == UInt8(ascii: ",") {
                var first = itemStart, end = position
                while first < end, bytes[first] == UInt8(ascii: " ") { first += 1 }
                while end > first, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
                guard end > first, bytes[first..<end].allSatisfy(Self.isFlowWordByte),
                      let item = plainScalar(first, end) else { return nil }
                items.append(item)
                itemStart = position + 1
            }
            return DataNode(.list(items), at: location(start))
        }

        /// A plain scalar: not starting with an indicator, without `: `, ` #` or a `:` at its end, typed as
        /// ``YAMLReader`` types plain scalars.
        private func plainScalar(_ start: Int, _ last: Int) -> DataNode? {
            guard !Self.indicators.contains(bytes[start]) else { return nil }
            for position in start..<last {
                let byte = bytes[position]
                if byte == UInt8(ascii: "#") || byte == UInt8(ascii: ":") && (position + 1 == last || bytes[position + 1] == UInt8(ascii: " ")) {
                    return nil
                }
            }
            return DataNode(YAMLReader.plainValue(string(start, last)), at: location(start))
        }

        /// `- value` lines, each indented as the first (at least as far as the key's column): a list of scalars.
        private mutating func blockList() -> DataNode? {
            guard isListItemLine() else { return nil }
            var indent = 0
            while bytes[index + indent] == UInt8(ascii: " ") { indent += 1 }
            let listLocation = location(index + indent)
            var items: [DataNode] = []
            while index < bytes.count, bytes[index] != 0x0A, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: " ") {
                guard isListItemLine(), index + indent < bytes.count, bytes[index + indent] == UInt8(ascii: "-") else { return nil }
                index += indent + 1
                guard let item = lineValue(flowListAllowed: false) else { return nil }
                items.append(item)
            }
            return DataNode(.list(items), at: listLocation)
        }

        /// Whether the line at `index` is spaces, `-` and a space, then something.
        private func isListItemLine() -> Bool {
            var position = index
            while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
            return position + 2 < bytes.count && bytes[position] == UInt8(ascii: "-") && bytes[position + 1] == UInt8(ascii: " ")
                && bytes[position + 2] != 0x0A && bytes[position + 2] != UInt8(ascii: " ")
        }

        private func string(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        private static func isKeyStart(_ byte: UInt8) -> Bool {
            byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "A") < 26 || byte == UInt8(ascii: "_")
        }

        private static func isKeyByte(_ byte: UInt8) -> Bool {
            isKeyStart(byte) || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-")
        }

        /// A byte of a word in a flow list: letters, digits, spaces, `-`, `.`, `_`, `/`, and characters outside ASCII.
        private static func isFlowWordByte(_ byte: UInt8) -> Bool {
            isKeyByte(byte) || byte == UInt8(ascii: " ") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") || byte >= 0x80
        }

        /// The characters a plain scalar cannot start with, and `-` (a list item, or a number's sign).
        private static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

        /// Whether the text has only characters YAML reads as themselves: printable ASCII, line feeds, and UTF-8
        /// without C1 controls, the line breaks YAML 1.1 adds (U+0085, U+2028, U+2029), a byte-order mark or
        /// U+FFFE/U+FFFF. Tabs and carriage returns are left to Yams.
        static func onlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    guard byte >= 0x20 && byte != 0x7F || byte == 0x0A else { return false }
                    index += 1
                    continue
                }
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] < 0xA0 { return false }
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return false }
                if byte == 0xEF, index + 2 < bytes.count,
                   bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF || bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE { return false }
                index += 1
            }
            return true
        }
    }
}
