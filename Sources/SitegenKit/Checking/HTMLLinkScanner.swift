/// Finds the link targets (`href`, `src`) and the anchors (`id`, `<a name>`) of an HTML page.
///
/// A scanner, not a parser: it reads the attributes of start tags, quoted or not, and skips comments,
/// `<script>` and `<style>` content. That is enough for pages written by cmark and Mustache templates.
struct HTMLLinkScanner {
    struct Page {
        var links: [String] = []
        /// The links that are a `src` (an image's, a script's), not an `href`.
        var sources: Set<String> = []
        /// Byte for byte, as a browser matches a fragment with them.
        var anchors: Set<ExactText> = []
    }

    static func scan(_ html: String) -> Page {
        var page = Page()
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if starts(bytes, at: index, with: "<!--") {
                index = find(bytes, "-->", from: index + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            let nameStart = index + 1
            var nameEnd = nameStart
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            guard nameEnd > nameStart, isLetter(bytes[nameStart]) else {
                index += 1
                continue
            }
            let tag = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self).lowercased()
            index = nameEnd
            // Attributes up to `>`.
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") {
                    index += 1
                    continue
                }
                let attributeStart = index
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                    bytes[index] != UInt8(ascii: ">")
                {
                    index += 1
                }
                let name = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                var value: String?
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                        let quote = bytes[index]
                        let valueStart = index + 1
                        index = valueStart
                        while index < bytes.count, bytes[index] != quote { index += 1 }
                        value = String(decoding: bytes[valueStart..<min(index, bytes.count)], as: UTF8.self)
                        index += 1
                    } else {
                        let valueStart = index
                        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                        value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                    }
                }
                guard let value else { continue }
                switch name {
                case "href": page.links.append(HTMLEscaping.unescape(value))
                case "src":
                    page.links.append(HTMLEscaping.unescape(value))
                    page.sources.insert(HTMLEscaping.unescape(value))
                case "id": page.anchors.insert(ExactText(HTMLEscaping.unescape(value)))
                case "name" where tag == "a": page.anchors.insert(ExactText(HTMLEscaping.unescape(value)))
                default: break
                }
            }
            if tag == "script" || tag == "style" {
                index = find(bytes, "</" + tag, from: index, caseInsensitive: true) ?? bytes.count
            }
        }
        return page
    }

    private static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C }

    private static func starts(_ bytes: [UInt8], at index: Int, with text: String, caseInsensitive: Bool = false) -> Bool {
        let pattern = Array(text.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count {
            let byte = bytes[index + offset]
            if caseInsensitive ? (byte | 0x20) != (pattern[offset] | 0x20) : byte != pattern[offset] { return false }
        }
        return true
    }

    private static func find(_ bytes: [UInt8], _ text: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
        var index = start
        while index < bytes.count {
            if starts(bytes, at: index, with: text, caseInsensitive: caseInsensitive) { return index }
            index += 1
        }
        return nil
    }
}
