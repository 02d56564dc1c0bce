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

    /// Why a file has no front matter, as far as its first lines tell, and what to write: another generator's header
    /// (Hugo's TOML between `+++` lines, its JSON object), blank lines above `---`, a header without its opening
    /// `---`, or Markdown alone (its first heading is the title to give).
    public static func missingHeader(in file: SourceText) -> Diagnostic {
        var lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        let standard = "missing front matter: an article starts with '---', a 'title:' line and '---'"
        // A repository's README kept in Content/, as GitHub shows one in every folder: notes, not an answer.
        let name = file.path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        if ["readme.md", "changelog.md", "license.md", "contributing.md", "todo.md", "notes.md"].contains(name) {
            let written = file.path.split(separator: "/").last.map(String.init) ?? file.path
            return .error(
                at: file.start,
                "\(standard); every .md file in Content/ is an article: if \(written) holds notes about the site, move it out of Content/"
                    + " (beside sitegen.yml); if it is an answer, give it its front matter")
        }
        guard let firstIndex = lines.firstIndex(where: { !$0.isBlank }) else { return .error(at: file.start, standard) }
        let first = lines[firstIndex], line = file.firstLine + firstIndex
        let at = file.location(line: line, column: 1)
        // (A JSON object on one line, `{"title": "x"}`, as on several.)
        let opening = first.trimmingWhitespace.hasPrefix("{\"") ? "{" : first.trimmingWhitespace
        switch opening {
        case "+++":
            return .error(at: at, "\(standard); '+++' starts TOML front matter (Hugo's and Zola's): write it as YAML between '---' lines, 'title: \"…\"' for 'title = \"…\"'")
        case "{":
            return .error(at: at, "\(standard); this is JSON front matter (Hugo's): write it as YAML between '---' lines, 'title: \"…\"' for '\"title\": \"…\",'")
        case "---" where firstIndex > 0:
            return .error(at: at, "\(standard); it must be on the very first line: remove the blank \(firstIndex == 1 ? "line" : "lines") above '---'")
        case "---":
            return .error(at: at, "\(standard); '---' must be at the start of its line")
        default:
            break
        }
        // `title: …` with no `---` above it, and one below.
        if let colon = first.firstIndex(of: ":"), first[..<colon].allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }), !first[..<colon].isEmpty,
            lines.dropFirst(firstIndex + 1).contains(where: { isFence($0, opening: true) })
        {
            return .error(at: at, "\(standard); this header has no opening '---': add a '---' line above line \(line)")
        }
        if first.hasPrefix("# ") {
            let title = first.dropFirst(2).trimmingWhitespace
            return .error(
                at: at,
                "\(standard); to make this heading the title, replace it with the three lines ---, title: \(YAMLReader.quoted(title)) and ---")
        }
        return .error(at: file.start, standard)
    }

    /// Where the line that starts at `start` ends: its LF, or the end of the text. `memchr` over the bytes when they
    /// are contiguous, as a native string's are (a generic `firstIndex(of:)` over a substring's UTF-8 was 0.6 % of a
    /// build).
    private static func lineEnd(in bytes: Substring.UTF8View, from start: String.Index) -> String.Index {
        let offset = bytes.distance(from: bytes.startIndex, to: start)
        let found: Int? = bytes.withContiguousStorageIfAvailable { buffer in buffer.firstIndex(of: 0x0A, from: offset) ?? buffer.count }
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
