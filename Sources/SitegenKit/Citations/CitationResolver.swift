/// Resolves an article's citation markers: numbers sources in order of first citation, writes each
/// marker's HTML, and remembers every place a source is cited for the back-links.
public struct CitationResolver {
    /// A cited source, in number order.
    private let lookups: [Bibliography]
    private let formats: ReferenceFormats
    public private(set) var cited: [CitedReference] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// Every key looked up, found or not: an incremental build re-renders the article when one of them changes.
    public private(set) var lookedUpKeys: Set<String> = []
    private var numbers: [String: Int] = [:]
    private var usedIds: Set<String> = []
    private var markerCount = 0

    /// - Parameters:
    ///   - bibliographies: searched in order (the article's own first, then the site's).
    ///   - formats: formatted entries, shared by the articles of a build.
    /// - Parameter broken: where the entries that could not be read broke, by key: citing one says so.
    public init(bibliographies: [Bibliography], formats: ReferenceFormats = ReferenceFormats(), broken: [String: SourceLocation] = [:]) {
        self.lookups = bibliographies
        self.formats = formats
        self.broken = broken
    }

    private let broken: [String: SourceLocation]

    /// The marker's HTML, or nil (with an error recorded) when a key resolves nowhere.
    public mutating func resolve(_ group: CitationGroup) -> String? {
        var resolved: [(item: CitationItem, reference: Reference)] = []
        for item in group.items {
            if let stray = Self.keyInLocator(item.suffix) {
                diagnostics.append(
                    .error(
                        at: item.location,
                        "'@\(stray)' is read as part of the locator of '@\(item.key)'; separate sources with a semicolon: [@\(item.key); @\(stray)]"))
                return nil
            }
            lookedUpKeys.insert(item.key)
            guard let reference = lookups.lazy.compactMap({ $0[item.key] }).first else {
                if let place = broken[item.key] {
                    diagnostics.append(.error(at: item.location, "the entry '\(item.key)' could not be read (at \(place)); fix it there"))
                    continue
                }
                var message = "unknown citation key '\(item.key)'"
                if let suggestion = nearestKey(to: item.key) { message += "; did you mean '\(suggestion)'?" }
                diagnostics.append(.error(at: item.location, message))
                continue
            }
            resolved.append((item, reference))
        }
        guard resolved.count == group.items.count else { return nil }
        markerCount += 1
        let markerId = "cite-\(markerCount)"
        var entries: [Entry] = []
        for (item, reference) in resolved {
            let number: Int
            if let existing = numbers[reference.id] {
                number = existing
            } else {
                number = cited.count + 1
                numbers[reference.id] = number
                let printed = formats.printed(reference)
                cited.append(
                    CitedReference(number: number, id: uniqueId(printed.elementId), reference: reference, printed: printed, citedAt: []))
            }
            if cited[number - 1].citedAt.last != markerId { cited[number - 1].citedAt.append(markerId) }
            entries.append(Entry(number: number, item: item, id: cited[number - 1].id, label: cited[number - 1].printed.markerLabel))
        }
        return "<sup class=\"citation\" id=\"\(markerId)\">\(markerBody(entries))</sup>"
    }

    /// One source in a marker: its number, the marker's affixes for it, its element id and its escaped label.
    private struct Entry {
        var number: Int
        var item: CitationItem
        var id: String
        var label: String
    }

    private func markerBody(_ entries: [Entry]) -> String {
        func link(_ entry: Entry) -> String {
            "<a href=\"#\(entry.id)\" aria-label=\"Reference \(entry.number): \(entry.label)\">\(entry.number)</a>"
        }
        let hasAffixes = entries.contains { !$0.item.prefix.isEmpty || !$0.item.suffix.isEmpty }
        if hasAffixes {
            return entries.map { entry in
                var parts: [String] = []
                if !entry.item.prefix.isEmpty { parts.append(HTMLEscaping.escape(entry.item.prefix) + " ") }
                parts.append(link(entry))
                if !entry.item.suffix.isEmpty {
                    parts.append("<span class=\"locator\">, \(HTMLEscaping.escape(entry.item.suffix))</span>")
                }
                return parts.joined()
            }.joined(separator: ",")
        }
        // Vancouver: sorted, de-duplicated, runs of three or more consecutive numbers collapsed to `3–5`.
        var unique: [Entry] = []
        for entry in entries.sorted(by: { $0.number < $1.number }) where unique.last?.number != entry.number {
            unique.append(entry)
        }
        var pieces: [String] = []
        var start = 0
        while start < unique.count {
            var end = start
            while end + 1 < unique.count, unique[end + 1].number == unique[end].number + 1 { end += 1 }
            if end - start >= 2 {
                pieces.append(link(unique[start]) + "–" + link(unique[end]))
            } else {
                pieces.append(contentsOf: unique[start...end].map(link))
            }
            start = end + 1
        }
        return pieces.joined(separator: ",")
    }

    /// The element id, with `-2`, `-3` … added when another key of the page has it already.
    private mutating func uniqueId(_ base: String) -> String {
        var id = base
        var counter = 2
        while usedIds.contains(id) {
            id = "\(base)-\(counter)"
            counter += 1
        }
        usedIds.insert(id)
        return id
    }

    /// `ref-` and the key, each character but ASCII letters, digits, `_` and `-` replaced by `-`.
    static func elementId(for key: String) -> String {
        // In ASCII without a carriage return (CR LF is one character) every byte is a character.
        guard key.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return characterElementId(for: key) }
        return "ref-" + String(decoding: key.utf8.map { Self.isIdByte($0) ? $0 : UInt8(ascii: "-") }, as: UTF8.self)
    }

    static func characterElementId(for key: String) -> String {
        "ref-" + String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "-" })
    }

    private static func isIdByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x2D
    }

    /// A `@key` in a locator: `[@a, @b]`, where a comma was written for the semicolon that separates sources.
    static func keyInLocator(_ suffix: String) -> String? {
        guard suffix.utf8.contains(UInt8(ascii: "@")) else { return nil }
        let bytes = Array(suffix.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "@") {
            let before = index > 0 ? bytes[index - 1] : UInt8(ascii: " ")
            guard before == UInt8(ascii: " ") || before == UInt8(ascii: ",") || before == UInt8(ascii: "-") else { continue }
            if let (key, _) = CitationScanner.key(bytes, from: index + 1, to: bytes.count) { return key }
        }
        return nil
    }

    private func nearestKey(to key: String) -> String? {
        Suggestion.nearest(to: key, among: lookups.flatMap { $0.references.keys }, allowsReplacingAll: true)
    }
}
