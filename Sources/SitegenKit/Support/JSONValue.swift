/// A small JSON value for writing JSON-LD, safe to embed in a `<script>` element.
indirect enum JSONValue {
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// A value written as it is: JSON already (a number).
    case serialized(String)

    var serialized: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        write(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func write(into bytes: inout [UInt8]) {
        switch self {
        case .string(let text): Self.quote(text, into: &bytes)
        case .serialized(let text): bytes.append(contentsOf: text.utf8)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                item.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, (name, value)) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.quote(name, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                value.write(into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    static func quote(_ text: String) -> String {
        var bytes: [UInt8] = []
        quote(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a byte is written into a JSON string as it is: any but `"`, `\`, `<`, `>`, `&`, controls, and
    /// the first byte of U+2028 and U+2029.
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x3C && byte != 0x3E && byte != 0x26 && byte != 0xE2
    }

    /// Where the run of bytes from `start` that are written as they are ends: eight bytes at a time while there are
    /// eight (a record's or an entry's text is mostly such a run).
    private static func plainRunEnd(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end + 8 <= utf8.count {
            let chunk = ByteChunk.load(utf8, at: end)
            let escaped = ByteChunk.below(0x20, in: chunk) | ByteChunk.equal(0x22, in: chunk) | ByteChunk.equal(0x5C, in: chunk)
                | ByteChunk.equal(0x3C, in: chunk) | ByteChunk.equal(0x3E, in: chunk) | ByteChunk.equal(0x26, in: chunk)
                | ByteChunk.equal(0xE2, in: chunk)
            if escaped != 0 { return end + ByteChunk.first(escaped) }
            end += 8
        }
        while end < utf8.count, isPlain(utf8[end]) { end += 1 }
        return end
    }

    static func quote(_ text: String, into bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { quote(utf8: $0, into: &bytes) }
    }

    /// A string given as its UTF-8 bytes, quoted.
    static func quote(utf8: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + utf8.count + 16)
        bytes.append(0x22)
        var index = 0
        while index < utf8.count {
            // A run of bytes that are written as they are, at once.
            let end = plainRunEnd(utf8, from: index)
            if end > index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<end]))
                index = end
                continue
            }
            let byte = utf8[index]
            index += 1
            switch byte {
            case 0x22: bytes.append(contentsOf: #"\""#.utf8)
            case 0x5C: bytes.append(contentsOf: #"\\"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x3C: bytes.append(contentsOf: #"\u003c"#.utf8)
            case 0x3E: bytes.append(contentsOf: #"\u003e"#.utf8)
            case 0x26: bytes.append(contentsOf: #"\u0026"#.utf8)
            // U+2028 and U+2029 (E2 80 A8/A9) end a line in JavaScript.
            case 0xE2 where index + 1 < utf8.count && utf8[index] == 0x80 && (utf8[index + 1] == 0xA8 || utf8[index + 1] == 0xA9):
                bytes.append(contentsOf: (utf8[index + 1] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                index += 2
            case ..<0x20:
                let hex = String(byte, radix: 16)
                bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default:
                bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
