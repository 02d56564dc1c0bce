/// Escapes text for HTML element content and attribute values.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        // Works on UTF-8 bytes: the five characters are ASCII, and every other byte is copied as it is.
        var text = text
        let escaped: String? = text.withUTF8 { utf8 in
            guard let first = utf8.firstIndex(where: isSpecial) else { return nil }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count + 16)
            bytes.append(contentsOf: utf8[..<first])
            for byte in utf8[first...] {
                switch byte {
                case 0x26: bytes.append(contentsOf: "&amp;".utf8)
                case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
                case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
                case 0x22: bytes.append(contentsOf: "&quot;".utf8)
                case 0x27: bytes.append(contentsOf: "&#39;".utf8)
                default: bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return escaped ?? text
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// Decodes the character references an attribute value written by cmark or a template can hold:
    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&colon;`, `&Tab;`, `&NewLine;` and numeric ones.
    public static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let tail = rest[rest.index(after: ampersand)...]
            guard let semicolon = tail.prefix(12).firstIndex(of: ";") else {
                result.append("&")
                rest = tail
                continue
            }
            let name = tail[..<semicolon]
            var decoded: String?
            switch name {
            case "amp": decoded = "&"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            // What writes an address's scheme past a filter (`javascript&colon;`, `java&Tab;script:`), as a browser reads it.
            case "colon": decoded = ":"
            case "Tab": decoded = "\t"
            case "NewLine": decoded = "\n"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
            }
            if let decoded {
                result += decoded
                rest = tail[tail.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = tail
            }
        }
        return result + rest
    }
}
