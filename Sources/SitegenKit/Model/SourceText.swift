/// A piece of a site file with the line it starts on, so that later stages report positions of the file.
public struct SourceText: Sendable {
    public var path: String
    public var text: String
    /// The line of the file that holds the first line of `text` (1-based).
    public var firstLine: Int
    /// Where a file that is not UTF-8 has its first byte from 0x80 up, and that byte, when it was read as
    /// Windows-1252 (see ``TextFileReader/read(file:path:legacy:)``).
    public var legacyByte: (location: SourceLocation, byte: UInt8)?
    /// Where the file had its first control character (U+0000–U+001F but tab and line ends: Word's line break pasted
    /// is U+000B) or noncharacter (U+FFFE, U+FFFF), and which; each was read as a space, as HTML and XML hold none (a
    /// feed with one is not XML).
    public var controlCharacter: (location: SourceLocation, scalar: Unicode.Scalar)?

    public init(path: String, text: String, firstLine: Int = 1) {
        self.path = path
        self.text = text
        self.firstLine = firstLine
    }

    /// The text with each control character a space, ``controlCharacter`` saying where the first was. Eight bytes
    /// are looked at a time: a word without a byte under 0x20 (most, but those with a line end) is passed over.
    mutating func replaceControlCharacters() {
        var first: Int?
        text.withUTF8 { bytes in
            var index = 0
            while first == nil, index < bytes.count {
                if index + 8 <= bytes.count {
                    let word = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0xE0E0_E0E0_E0E0_E0E0
                    // A byte under 0x20 is a zero byte of `word`.
                    if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                        continue
                    }
                }
                for at in index..<min(index + 8, bytes.count) where Self.isControl(bytes[at]) {
                    first = at
                    break
                }
                index += 8
            }
        }
        // A noncharacter's UTF-8 is EF BF BE or EF BF BF: looked for from each 0xEF (`memchr`).
        let nonCharacter = text.containsBytes("\u{FFFE}") || text.containsBytes("\u{FFFF}")
            ? text.utf8.withContiguousStorageIfAvailable(Self.firstNonCharacter) ?? nil : nil
        guard first != nil || nonCharacter != nil else { return }
        let at = min(first ?? .max, nonCharacter ?? .max)
        let bytes = Array(text.utf8)
        let before = String(decoding: bytes[..<at], as: UTF8.self)
        let line = 1 + before.utf8.count { $0 == 0x0A }
        // In characters, as every column is shown.
        let column = (before.split(separator: "\n", omittingEmptySubsequences: false).last?.count ?? 0) + 1
        controlCharacter = (location(line: line, column: column), at == nonCharacter ? (bytes[at + 2] == 0xBE ? "\u{FFFE}" : "\u{FFFF}") : Unicode.Scalar(bytes[at]))
        if nonCharacter == nil {
            text = String(decoding: bytes.map { Self.isControl($0) ? 0x20 : $0 }, as: UTF8.self)
        } else {
            text = String(text.unicodeScalars.map { Self.isForbidden($0) ? " " : Character($0) })
        }
    }

    /// The offset of the first U+FFFE or U+FFFF in UTF-8 bytes.
    private static func firstNonCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF { return index }
            index += 1
        }
        return nil
    }

    var withoutControlCharacters: SourceText {
        var source = self
        source.replaceControlCharacters()
        return source
    }

    private static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D }

    /// Whether no page or feed may hold a character, which is then read as a space: a control character (but a tab
    /// and line ends) or a noncharacter (U+FFFE, U+FFFF), in a file or written as an escape in YAML or JSON.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && isControl(UInt8(scalar.value)) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// The file location of a line and column counted inside `text` (both 1-based).
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: firstLine + line - 1, column: column)
    }

    /// The location of the start of `text`.
    public var start: SourceLocation { location(line: 1, column: 1) }
}
