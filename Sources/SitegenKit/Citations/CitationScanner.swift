/// Finds pandoc-style bracketed citations in the text of one inline run.
///
/// The run comes from cmark's tree, so code, raw HTML and link destinations never reach it. Each byte
/// carries whether it was written literally: a `[` from `\[` or `&#91;` opens nothing.
public struct CitationScanner: Sendable {
    /// A citation found in a run: the byte range it covers and the parsed marker.
    public struct Match: Sendable {
        public var range: Range<Int>
        public var items: [(key: String, prefix: String, suffix: String, keyOffset: Int)]
    }

    /// Text that looks meant as a citation but is not one: reported as a warning, never left without a word.
    public struct NearMiss: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// `[@key` with no `]` before the paragraph ends or another `[` opens.
            case unclosed
            /// `@key` outside brackets: pandoc's in-text citation, which sitegen does not print yet.
            case inText
        }

        public var kind: Kind
        public var key: String
        /// Byte offset of the `@`.
        public var offset: Int
    }

    public init() {}

    /// Citation-like text outside the matches of `scan`: an unclosed `[@key`, and `@key` written without brackets
    /// (after a space, an opening parenthesis or at the start; not inside a word, so an e-mail address is not one).
    public func nearMisses(_ bytes: [UInt8], isLiteral: [Bool], matches: [Match]) -> [NearMiss] {
        var covered = [Bool](repeating: false, count: bytes.count)
        for match in matches { for index in match.range { covered[index] = true } }
        var misses: [NearMiss] = []
        var openBracket: Int?
        for (index, byte) in bytes.enumerated() where isLiteral[index] && !covered[index] {
            if byte == UInt8(ascii: "[") { openBracket = index; continue }
            if byte == UInt8(ascii: "]") { openBracket = nil; continue }
            guard byte == UInt8(ascii: "@") else { continue }
            let before = index > 0 ? bytes[index - 1] : UInt8(ascii: " ")
            guard before == UInt8(ascii: " ") || before == UInt8(ascii: "(") || before == UInt8(ascii: "[") || before == UInt8(ascii: "-")
                || before == 0x0A || before == 0x09,
                let (key, _) = Self.key(bytes, from: index + 1, to: bytes.count)
            else { continue }
            misses.append(NearMiss(kind: openBracket == nil ? .inText : .unclosed, key: key, offset: index))
        }
        return misses
    }

    /// - Parameters:
    ///   - bytes: the run's UTF-8 text.
    ///   - isLiteral: for each byte, true when it was written as itself (not escaped or an entity).
    public func scan(_ bytes: [UInt8], isLiteral: [Bool]) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "["), isLiteral[index] else { index += 1; continue }
            var end = index + 1
            while end < bytes.count, !(isLiteral[end] && (bytes[end] == UInt8(ascii: "]") || bytes[end] == UInt8(ascii: "["))) {
                end += 1
            }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "]") else { index = end; continue }
            if let items = parseGroup(bytes, from: index + 1, to: end) {
                matches.append(Match(range: index..<(end + 1), items: items))
                index = end + 1
            } else {
                index += 1
            }
        }
        return matches
    }

    private func parseGroup(_ bytes: [UInt8], from start: Int, to end: Int) -> [(key: String, prefix: String, suffix: String, keyOffset: Int)]? {
        var items: [(key: String, prefix: String, suffix: String, keyOffset: Int)] = []
        var itemStart = start
        for position in start...end where position == end || bytes[position] == UInt8(ascii: ";") {
            guard let item = parseItem(bytes, from: itemStart, to: position) else { return nil }
            items.append(item)
            itemStart = position + 1
        }
        return items.isEmpty ? nil : items
    }

    private func parseItem(_ bytes: [UInt8], from start: Int, to end: Int) -> (key: String, prefix: String, suffix: String, keyOffset: Int)? {
        var position = start
        while position < end {
            if bytes[position] == UInt8(ascii: "@") {
                let before = position > start ? bytes[position - 1] : UInt8(ascii: " ")
                if before == UInt8(ascii: " ") || before == UInt8(ascii: "-") || before == 0x0A || before == 0x09,
                    let (key, keyEnd) = Self.key(bytes, from: position + 1, to: end)
                {
                    var prefixEnd = position
                    if before == UInt8(ascii: "-"), position > start { prefixEnd -= 1 }
                    let prefix = String(decoding: bytes[start..<prefixEnd], as: UTF8.self).trimmingWhitespace
                    var suffix = String(decoding: bytes[keyEnd..<end], as: UTF8.self).trimmingWhitespace
                    if suffix.hasPrefix(",") { suffix = suffix.dropFirst().trimmingWhitespace }
                    return (key, prefix, suffix, position)
                }
            }
            position += 1
        }
        return nil
    }

    /// A citation key after `@`: pandoc's rule, or any text in `@{…}`.
    static func key(_ bytes: [UInt8], from start: Int, to end: Int) -> (String, Int)? {
        guard start < end else { return nil }
        if bytes[start] == UInt8(ascii: "{") {
            guard let close = bytes[start..<end].firstIndex(of: UInt8(ascii: "}")), close > start + 1 else { return nil }
            return (String(decoding: bytes[(start + 1)..<close], as: UTF8.self), close + 1)
        }
        return asciiKey(bytes, from: start, to: end) ?? characterKey(bytes, from: start, to: end)
    }

    /// The rule by characters: letters and digits of any script.
    static func characterKey(_ bytes: [UInt8], from start: Int, to end: Int) -> (String, Int)? {
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        var key = ""
        var pending = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                key += pending
                pending = ""
                key.append(character)
            } else if !key.isEmpty, ":.#$%&-+?<>~/".contains(character) {
                pending.append(character)
            } else {
                break
            }
        }
        guard let first = key.first, first.isLetter || first.isNumber || first == "_" else { return nil }
        return (key, start + key.utf8.count)
    }

    /// The same rule over ASCII bytes, without Unicode properties; nil when a byte it reaches is not ASCII
    /// (it may be a letter, or a mark combining with the byte before), and `key` decides by characters.
    static func asciiKey(_ bytes: [UInt8], from start: Int, to end: Int) -> (String, Int)? {
        func isKeyByte(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_")
        }
        var keyEnd = start, position = start
        while position < end {
            let byte = bytes[position]
            if byte >= 0x80 { return nil }
            if isKeyByte(byte) {
                keyEnd = position + 1
            } else if keyEnd == start || !Self.innerPunctuation.contains(byte) {
                break
            }
            position += 1
        }
        guard keyEnd > start else { return nil }
        return (String(decoding: bytes[start..<keyEnd], as: UTF8.self), keyEnd)
    }

    /// Punctuation a key may hold between its letters and digits.
    private static let innerPunctuation = Set(":.#$%&-+?<>~/".utf8)
}
