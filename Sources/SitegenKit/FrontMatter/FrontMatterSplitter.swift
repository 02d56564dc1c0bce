import Foundation

/// Splits a Markdown file into its YAML front matter (between `---` lines at the very top) and its body.
public struct FrontMatterSplitter: Sendable {
    public struct Split: Sendable {
        /// The YAML between the fences, or nil when the file has no front matter.
        public var header: SourceText?
        /// The Markdown after the closing fence.
        public var body: SourceText
    }

    public init() {}

    /// - Throws: a ``Diagnostic`` when an opening `---` has no closing line.
    public func split(_ file: SourceText) throws(Diagnostic) -> Split {
        var text = Substring(file.text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        // Lines end at LF bytes (texts come with CR LF made LF): a byte scan, not a walk over characters.
        let bytes = text.utf8
        let firstLineEnd = Self.lineEnd(in: bytes, from: bytes.startIndex)
        guard firstLineEnd < text.endIndex, Self.isFence(text[..<firstLineEnd], opening: true) else {
            return Split(header: nil, body: SourceText(path: file.path, text: String(text), firstLine: file.firstLine))
        }
        var lineNumber = 1
        var lineStart = text.index(after: firstLineEnd)
        let headerStart = lineStart
        while lineStart < text.endIndex {
            lineNumber += 1
            let lineEnd = Self.lineEnd(in: bytes, from: lineStart)
            if Self.isFence(text[lineStart..<lineEnd], opening: false) {
                let header = SourceText(path: file.path, text: String(text[headerStart..<lineStart]), firstLine: file.firstLine + 1)
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
                let body = SourceText(path: file.path, text: String(text[bodyStart...]), firstLine: file.firstLine + lineNumber)
                return Split(header: header, body: body)
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        throw Diagnostic.error(at: file.start, "front matter starts with '---' but has no closing '---' line")
    }

    /// Where the line that starts at `start` ends: its LF, or the end of the text. `memchr` over the bytes when they
    /// are contiguous, as a native string's are (a generic `firstIndex(of:)` over a substring's UTF-8 was 0.6 % of a
    /// build).
    private static func lineEnd(in bytes: Substring.UTF8View, from start: String.Index) -> String.Index {
        let offset = bytes.distance(from: bytes.startIndex, to: start)
        let found: Int? = bytes.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress, offset < buffer.count else { return buffer.count }
            return memchr(base + offset, 0x0A, buffer.count - offset).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? buffer.count
        }
        guard let end = found else {
            return bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
        }
        return bytes.index(bytes.startIndex, offsetBy: end)
    }

    private static func isFence(_ line: Substring, opening: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed = trimmed.dropLast() }
        return trimmed == "---" || (!opening && trimmed == "...")
    }
}
