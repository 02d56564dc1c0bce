import Foundation

/// A problem found in a site's sources, reported as `path:line:column: severity: message`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    /// What a diagnostic is about, for the ones a command treats in its own way.
    public enum Code: Sendable, Hashable {
        /// The site has no absolute base URL: its feed, sitemap and robots.txt get relative URLs.
        case relativeBaseURL
        /// The base URL is still the placeholder `sitegen init` wrote.
        case placeholderBaseURL
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var code: Code?
    /// The site files the message names (`Content/a.md has this title too`, `also defined at Content/refs.bib:4:3`),
    /// relative to the site folder as the location's path is: ``shown(siteFolder:)`` names them as it names the
    /// location's file.
    public var namedFiles: [String]

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, naming namedFiles: [String] = [], code: Code? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.code = code
        self.namedFiles = namedFiles
    }

    public static func error(at location: SourceLocation, _ message: String, naming namedFiles: [String] = [], code: Code? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, naming: namedFiles, code: code)
    }

    public static func warning(at location: SourceLocation, _ message: String, naming namedFiles: [String] = [], code: Code? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, naming: namedFiles, code: code)
    }

    public var isError: Bool { severity == .error }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// The diagnostic as a terminal prints it: for a site folder given as a relative path, a site file's path as
    /// reached from the current folder through it (`mysite/Content/a.md:3:1` for `--source mysite`), so that an
    /// editor or a terminal opens the file. With the site folder given as an absolute path (as scripts and CI give
    /// it), a path already absolute, and a place that is no file's (`--base-url`, `<built-in>/…`), as it is.
    /// The site files its message names (``namedFiles``) are named so too (`mysite/Content/a.md has this title too`).
    public func shown(siteFolder: String) -> String {
        var shown = self
        shown.location.path = Self.path(location.path, shownFrom: siteFolder)
        shown.message = Self.shownMessage(message, naming: namedFiles, from: siteFolder)
        return Self.escapingControlCharacters(shown.description)
    }

    /// Text as a terminal or a CI log prints it: each control character written as an escape (`\n`, `\t`, `\r`, and
    /// the others by their code, `\u{1B}`), so that a file's name with a line break or an ESC in it (`x\n::error
    /// file=…::`, which GitHub reads as an annotation of its own) can neither add a line nor work the terminal.
    /// The control characters (Unicode's category Cc) are U+0000–U+001F and U+007F–U+009F, the latter two bytes in UTF-8
    /// from `C2 80`: text without such a byte (a site's thousands of warnings) is looked at a byte at a time, without
    /// Unicode's tables.
    public static func escapingControlCharacters(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            case _ where isControl(scalar): escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `message` with each of `paths` that stands in it as a path of its own (not the end of a longer one, as in
    /// `../Content/a.md`) named as ``path(_:shownFrom:)`` names it; followed by `:` (a line) or a full stop, it ends.
    static func shownMessage(_ message: String, naming paths: [String], from siteFolder: String) -> String {
        let shown = paths.map { ($0, path($0, shownFrom: siteFolder)) }.filter { $0.0 != $0.1 && !$0.0.isEmpty }
        guard !shown.isEmpty else { return message }
        func isInPath(_ character: Character?) -> Bool {
            character.map { $0.isLetter || $0.isNumber || "/._-~%".contains($0) } ?? false
        }
        // (The longest first: `Content/a/b.md` is not taken for `Content/a`.)
        let names = shown.sorted { $0.0.count > $1.0.count }
        var result = "", rest = message[...]
        while let character = rest.first {
            if !isInPath(result.last), let (name, named) = names.first(where: { name, _ in
                guard rest.hasPrefix(name) else { return false }
                let after = rest.dropFirst(name.count)
                return after.first == "." ? !isInPath(after.dropFirst().first) : !isInPath(after.first)
            }) {
                result += named
                rest = rest.dropFirst(name.count)
            } else {
                result.append(character)
                rest = rest.dropFirst()
            }
        }
        return result
    }

    /// A site-relative path as `shown(siteFolder:)` prints it (`serve`'s lines of what changed name files so too), its
    /// control characters escaped (``escapingControlCharacters(_:)``).
    public static func path(_ path: String, shownFrom siteFolder: String) -> String {
        escapingControlCharacters(unescapedPath(path, shownFrom: siteFolder))
    }

    private static func unescapedPath(_ path: String, shownFrom siteFolder: String) -> String {
        var folder = siteFolder
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        while folder.hasPrefix("./"), folder.count > 2 { folder.removeFirst(2) }
        // The site folder itself (`--source mysite` that does not exist): as given, not as the absolute path it was made.
        if path.hasPrefix("/"), !folder.hasPrefix("/"), !folder.isEmpty, URL(fileURLWithPath: folder).standardizedFileURL.path == path { return folder }
        guard !["", ".", "./"].contains(folder), !folder.hasPrefix("/"), !path.hasPrefix("/"), !path.hasPrefix("<"), !path.hasPrefix("-")
        else { return path }
        return folder + "/" + path
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.isError } }

    /// Causes before their effects: the settings and options, then bibliography files, then templates, then the
    /// articles and the rest; each file's in order, errors and warnings interleaved as they occur. A broken entry is
    /// read before the citation that cannot use it.
    public func sortedCausesFirst() -> [Diagnostic] {
        func rank(_ diagnostic: Diagnostic) -> Int {
            let path = diagnostic.location.path
            if path == SiteLayout.settings || path.hasPrefix("--") { return 0 }
            let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if path.contains("."), Reference.fileExtensions.contains(ext) { return 1 }
            if path.hasPrefix(SiteLayout.templates + "/") || path.hasPrefix("<built-in>/") { return 2 }
            return 3
        }
        // Each rank once, not once per comparison, and the places sorted, not the diagnostics moved at each step: a
        // site may have hundreds of thousands of warnings.
        let ranks = map(rank)
        return indices.sorted { i, j in
            if ranks[i] != ranks[j] { return ranks[i] < ranks[j] }
            let (a, b) = (self[i].location, self[j].location)
            if a != b { return a < b }
            let (x, y) = (self[i].severity == .warning ? 1 : 0, self[j].severity == .warning ? 1 : 0)
            return x != y ? x < y : self[i].message < self[j].message
        }.map { self[$0] }
    }
}

extension StringProtocol {
    /// The text as a message quotes it: cut to 60 characters, the last of them `…` when it is longer.
    var quotedInMessage: String { count > 60 ? String(prefix(57)) + "…" : String(self) }
}
