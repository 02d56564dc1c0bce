/// Reads BibTeX as people write it: `@string` macros, `#` concatenation, nested braces, LaTeX accents,
/// `%` comments, `@comment` and `@preamble`, and names in all three BibTeX forms.
public struct BibTeXReader: Sendable {
    /// Which reader of pandoc's this one follows: BibLaTeX for `.bib` files (as `pandoc --citeproc` reads them),
    /// plain BibTeX for `.bibtex` files (lists of places and publishers are not split, cross-references keep
    /// their field names).
    public enum Variant: Sendable { case bibtex, biblatex }

    public var variant: Variant
    /// The site's language (`language` in sitegen.yml, pandoc's `lang`; without it, the style's `default-locale`, as
    /// pandoc reads a `.bib` without `lang`; nil or empty for neither): in another language than English, titles are
    /// printed as written, as pandoc prints them (a German title keeps its nouns' capitals), not put in sentence case.
    public var siteLanguage: String?

    public init(variant: Variant = .biblatex, siteLanguage: String? = nil) {
        self.variant = variant
        self.siteLanguage = siteLanguage
    }

    /// Whether ``siteLanguage`` is English, or not set.
    var englishSite: Bool {
        guard let language = siteLanguage, !language.isEmpty else { return true }
        return SiteWords.isEnglish(language)
    }

    /// - Returns: the entries in file order.
    /// - Throws: a ``Diagnostic`` at the first malformed entry.
    public func read(_ source: SourceText) throws(Diagnostic) -> [Reference] {
        try readFile(source).referencesIfAllRead()
    }

    /// Reads every entry it can, as BibTeX and biber do: an entry that cannot be read is reported where it broke
    /// and skipped, and reading goes on at the next line that starts with `@`; of a field given twice the first value
    /// is kept (``BibTeXConverter/repeatedFieldWarnings(_:)`` says which are warnings).
    public func readFile(_ source: SourceText) -> BibliographyFile {
        var scanner = BibTeXScanner(source: source)
        var file = BibliographyFile()
        var entries: [BibTeXConverter.Entry] = []
        while true {
            let entry: (String, SourceLocation)?
            do {
                entry = try scanner.nextEntry()
            } catch {
                file.problems.append(error)
                scanner.skipToNextEntryLine()
                continue
            }
            // Fields after an entry has closed (a '}' too many), which the text between entries holds.
            file.problems += scanner.takeWarnings()
            guard let (type, start) = entry else { break }
            do throws(Diagnostic) {
                switch type {
                case "comment":
                    try scanner.readComment(start: start)
                case "preamble":
                    try scanner.skipBalanced()
                case "string":
                    try scanner.readStringDefinition()
                default:
                    let (key, fields) = try scanner.readEntryBody(start: start)
                    file.problems += scanner.takeWarnings()
                    entries.append(BibTeXConverter.Entry(type: type, key: key, fields: fields, start: start))
                }
            } catch {
                file.problems += scanner.takeWarnings()
                file.problems.append(error)
                if let key = scanner.currentKey {
                    file.broken[key] = error.location
                } else if !["comment", "preamble", "string"].contains(type) {
                    file.keyless.append(error.location)
                }
                scanner.skipToNextEntryLine()
            }
        }
        file.problems += BibTeXConverter.repeatedFieldWarnings(scanner.repeatedFields)
        // Entries are converted once all are read: `crossref` and `xdata` may name a later entry.
        let byKey = Dictionary(entries.map { ($0.key, $0) }) { first, _ in first }
        let converter = BibTeXConverter(source: source, variant: variant, englishSite: englishSite)
        for entry in entries {
            do throws(Diagnostic) {
                let inherited = entry.fields["crossref"] == nil && entry.fields["xdata"] == nil
                    ? entry : BibTeXConverter.inheriting(entry, from: byKey, variant: variant)
                var reference = try converter.reference(inherited)
                reference.inheritsFrom = ["crossref", "xdata"].flatMap { name in
                    BibTeXConverter.parentKeys(entry.fields[name]?.value ?? "").filter { byKey[$0] != nil }
                }
                file.references.append(reference)
                for name in ["author", "editor"] {
                    if let field = entry.fields[name] {
                        file.problems += BibTeXNames.organizationWarnings(field, name: name) + BibTeXNames.suffixWarnings(field, name: name)
                            + BibTeXNames.commaWarnings(field, name: name) + BibTeXNames.emptyNameWarnings(field, name: name)
                    }
                }
                for name in ["doi", "url"] {
                    if let field = entry.fields[name], let warning = BibTeXConverter.escapedAddressWarning(field, name: name) {
                        file.problems.append(warning)
                    }
                }
                for (name, field) in entry.fields {
                    if let warning = BibTeXConverter.emptiedFieldWarning(field, name: name) { file.problems.append(warning) }
                }
                if let field = entry.fields["url"], let warning = BibTeXConverter.addressesWarning(field) { file.problems.append(warning) }
                if let warning = BibTeXConverter.yearWarning(inherited.fields) { file.problems.append(warning) }
                if let warning = BibTeXConverter.monthWarning(inherited.fields) { file.problems.append(warning) }
                for name in ["date", "urldate", "eventdate", "origdate"] {
                    if let field = inherited.fields[name], let warning = BibTeXConverter.dateWarning(field, name: name) { file.problems.append(warning) }
                }
                if entry.fields["url"] == nil, let field = entry.fields["howpublished"], let warning = BibTeXConverter.addressInHowPublished(field) {
                    file.problems.append(warning)
                }
                if let warning = BibTeXConverter.unknownTypeWarning(entry) { file.problems.append(warning) }
                file.problems += BibTeXConverter.misspeltFieldWarnings(entry)
                file.problems += BibTeXConverter.missingParentWarnings(entry, keys: byKey.keys)
            } catch {
                // The entry was read to its end; only its contents are wrong.
                file.problems.append(error)
                file.broken[entry.key] = error.location
            }
        }
        file.problems.sort { $0.location < $1.location }
        return file
    }
}

/// What a tolerant reader made of a bibliography file: the entries it could read, every problem, and where each
/// entry that could not be read broke, by key (so that its citations can say so), and where each entry without a key
/// (`@article{,`, as Mendeley writes one), which nothing can cite, is.
public struct BibliographyFile: Sendable {
    public var references: [Reference] = []
    public var problems: [Diagnostic] = []
    public var broken: [String: SourceLocation] = [:]
    public var keyless: [SourceLocation] = []

    public init(references: [Reference] = [], problems: [Diagnostic] = [], broken: [String: SourceLocation] = [:]) {
        self.references = references
        self.problems = problems
        self.broken = broken
    }

    /// The entries, or the first error: for a reader that accepts a file only when all of it can be read.
    public func referencesIfAllRead() throws(Diagnostic) -> [Reference] {
        if let first = problems.first(where: \.isError) { throw first }
        return references
    }
}

/// A field value with where it started.
struct BibTeXField {
    var value: String
    var location: SourceLocation
}

private struct BibTeXScanner {
    let source: SourceText
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    /// Where the last field value read ends (its line, and its byte offset), for an error after it.
    var valueEnd = (line: 1, offset: 0, lineStart: 0)
    /// The key of the entry being read, once read.
    var currentKey: String?
    /// The last entry read whole and where its closing `}` was, until the next entry starts: text between entries
    /// that reads as a field of it (`journal = {BMJ},`) is said to be outside it.
    var closedEntry: (key: String, end: SourceLocation)?
    /// Warnings found while reading, until taken (an undefined macro, a field outside any entry).
    var warnings: [Diagnostic] = []
    /// Each field given again in an entry (the first value is kept): its name, the entry's key, where it is given again
    /// and where first.
    var repeatedFields: [BibTeXConverter.RepeatedField] = []
    /// The month macros stand for their names, which a month field reads as months (``BibTeXConverter/month(_:)``) and
    /// any other prints as written (`journal = jan` is "jan"), as pandoc reads them.
    var macros: [String: String] = Dictionary(uniqueKeysWithValues: BibTeXConverter.monthNames.map { ($0, $0) })

    init(source: SourceText) {
        self.source = source
        self.bytes = Array(source.text.utf8)
    }

    /// The type of the entry whose `@` is at the location (`article`), as written (the scanner is after it, or at the
    /// end of the file after it).
    private func entryType(at start: SourceLocation) -> String {
        var position = min(index, bytes.count - 1)
        while position > 0, bytes[position] != UInt8(ascii: "@") { position -= 1 }
        var end = position + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "{"), bytes[end] != UInt8(ascii: "("), bytes[end] > 0x20 { end += 1 }
        return String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
    }

    /// The line of a `@string` that defines the macro further on in the file, if one does.
    func laterDefinition(of name: String) -> Int? {
        var lineNumber = line, position = index
        let at = UInt8(ascii: "@")
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "\n") { lineNumber += 1 }
            if bytes[position] == at, position + 7 < bytes.count,
                String(decoding: bytes[(position + 1)..<(position + 7)], as: UTF8.self).lowercased() == "string"
            {
                var cursor = position + 7
                while cursor < bytes.count, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "{"), UInt8(ascii: "(")].contains(bytes[cursor]) { cursor += 1 }
                let start = cursor
                while cursor < bytes.count, !([0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "=")].contains(bytes[cursor])) { cursor += 1 }
                if String(decoding: bytes[start..<cursor], as: UTF8.self).lowercased() == name { return source.firstLine - 1 + lineNumber }
            }
            position += 1
        }
        return nil
    }

    var location: SourceLocation { source.location(line: line, column: index - lineStart + 1) }

    func failure(_ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        .error(at: location ?? self.location, "malformed BibTeX: \(message)")
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") { line += 1; lineStart = index + 1 }
        index += 1
    }

    /// Moves past spaces, line ends and `%` comments, which biber and pandoc pass over between an entry's parts (the
    /// `% volume = {360},` of a field left out) as between entries; in a value, a `%` is its text.
    mutating func skipWhitespace() {
        while let byte = current {
            if byte == UInt8(ascii: "%") {
                skipComment()
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                advance()
            } else {
                return
            }
        }
    }

    /// Moves past a `%` comment: to the end of its line.
    mutating func skipComment() {
        while let byte = current, byte != 0x0A { advance() }
    }

    /// Moves to the next `@type` and returns the lowercased type and where the `@` was.
    mutating func nextEntry() throws(Diagnostic) -> (String, SourceLocation)? {
        currentKey = nil
        defer { closedEntry = nil }
        while let byte = current, byte != UInt8(ascii: "@") {
            if byte == UInt8(ascii: "%") {
                // A line commented out (`%@article{old2001,`), as biber and pandoc read it.
                skipComment()
                continue
            }
            if let closed = closedEntry, Self.isIdentifierByte(byte), let name = strayFieldAhead() {
                warnings.append(
                    .warning(at: location,
                        "'\(name) = …' is outside any entry: entry '\(closed.key)' ended at the '}' at line \(closed.end.line), column \(closed.end.column),"
                            + " before it; a '}' too many before here? BibTeX passes over text between entries, so this field and those after it are not read"))
                closedEntry = nil
            }
            advance()
        }
        guard current != nil else { return nil }
        let start = location
        advance()
        skipWhitespace()
        let type = readIdentifier().lowercased()
        guard !type.isEmpty else { throw failure("expected an entry type after '@'", at: start) }
        // `@comment` is read from the end of its name (``readComment(start:)``): it may have no braces.
        if type == "comment" { return (type, start) }
        skipWhitespace()
        guard current == UInt8(ascii: "{") || current == UInt8(ascii: "(") else {
            throw failure("expected '{' after '@\(type)'")
        }
        return (type, start)
    }

    /// After an entry that cannot be read: moves past the place it broke to the next `@` that starts a line (after
    /// spaces), where the next entry most likely starts.
    mutating func skipToNextEntryLine() {
        if isAtEntryLine { return }
        if current != nil { advance() }
        var atLineStart = false
        while let byte = current {
            if byte == UInt8(ascii: "\n") {
                atLineStart = true
            } else if byte == UInt8(ascii: "@"), atLineStart {
                return
            } else if byte != 0x20, byte != 0x09, byte != 0x0D {
                atLineStart = false
            }
            advance()
        }
    }

    /// Whether the scanner is at an `@` with only spaces before it on its line.
    var isAtEntryLine: Bool {
        current == UInt8(ascii: "@") && bytes[lineStart..<index].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    mutating func takeWarnings() -> [Diagnostic] {
        defer { warnings = [] }
        return warnings
    }

    /// Whether a byte may be part of an entry type, a key, a field name or a macro.
    static func isIdentifierByte(_ byte: UInt8) -> Bool { !(byte <= 0x20 || "{}(),=#\"@%".utf8.contains(byte)) }

    mutating func readIdentifier() -> String {
        let begin = index
        while let byte = current, Self.isIdentifierByte(byte) { advance() }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }

    /// An entry's key, which may hold `(`, `)` and `@` besides an identifier's bytes (`ESA/SPC(2009)6`, Better BibTeX's
    /// `shephs5@mcmaster.caCLSALinksCANUE2018`), as BibTeX and pandoc read it (BibTeX ends a key only at a comma, a
    /// space or the `}` that closes the entry).
    mutating func readKey() -> String {
        let begin = index
        while let byte = current, Self.isIdentifierByte(byte) || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "@") {
            advance()
        }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }

    /// The name of a field that starts here (`name =`), without reading it.
    func fieldNameAhead() -> String? {
        var end = index
        while end < bytes.count, Self.isIdentifierByte(bytes[end]) { end += 1 }
        var after = end
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        guard end > index, after < bytes.count, bytes[after] == UInt8(ascii: "=") else { return nil }
        return String(decoding: bytes[index..<end], as: UTF8.self).lowercased()
    }

    /// The name of a field that starts here, between entries (`journal = {BMJ}`, `year = 2021`): a name at the start of
    /// a line or after a `,` or `}`, then `=` and a value's first character; nil for other text (a line of notes).
    func strayFieldAhead() -> String? {
        var before = index - 1
        while before >= lineStart, bytes[before] == 0x20 || bytes[before] == 0x09 { before -= 1 }
        guard before < lineStart || bytes[before] == UInt8(ascii: ",") || bytes[before] == UInt8(ascii: "}"),
            let name = fieldNameAhead()
        else { return nil }
        var after = index
        while bytes[after] != UInt8(ascii: "=") { after += 1 }
        after += 1
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        guard after < bytes.count, bytes[after] == UInt8(ascii: "{") || bytes[after] == UInt8(ascii: "\"") || (0x30...0x39).contains(bytes[after]) else { return nil }
        return name
    }

    mutating func skipBalanced() throws(Diagnostic) {
        let start = location
        let open = current
        let close = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
        var depth = 0
        while let byte = current {
            if byte == open || (byte == UInt8(ascii: "{") && open != byte) { depth += 1 }
            if byte == close || (byte == UInt8(ascii: "}") && close != byte) { depth -= 1 }
            advance()
            if depth == 0 { return }
        }
        throw failure("unbalanced braces", at: start)
    }

    /// `@comment{…}`, or `@comment` without braces (`@Comment Len Schubert`), which BibTeX reads as a command that
    /// comments nothing out itself, passing over the text after it as it passes over any text between entries; so
    /// does this reader, with a warning, as pandoc refuses the file.
    mutating func readComment(start: SourceLocation) throws(Diagnostic) {
        var ahead = index
        while ahead < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[ahead]) { ahead += 1 }
        if ahead < bytes.count, bytes[ahead] == UInt8(ascii: "{") || bytes[ahead] == UInt8(ascii: "(") {
            skipWhitespace()
            return try skipBalanced()
        }
        let command = "@" + entryType(at: start)
        var end = index
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D, bytes[end] != UInt8(ascii: "@") { end += 1 }
        // The text after it on its line, which may be a `%` comment (`@Comment % Jerry Hobbs`).
        let text = String(decoding: bytes[index..<end], as: UTF8.self).drop { $0 == "%" || $0.isWhitespace }.trimmingWhitespace
        let fix = text.isEmpty ? "leave out the \(command)" : "write \(command){\(text)}"
        warnings.append(.warning(
            at: start,
            "\(command) without braces: BibTeX and sitegen pass over the text after it, as any text between entries, but pandoc"
                + " refuses the file; \(fix)"))
    }

    mutating func readStringDefinition() throws(Diagnostic) {
        let close = current == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
        advance()
        skipWhitespace()
        let name = readIdentifier().lowercased()
        guard !name.isEmpty else { throw failure("expected a macro name in @string") }
        skipWhitespace()
        guard current == UInt8(ascii: "=") else { throw failure("expected '=' after '\(name)'") }
        advance()
        macros[name] = try readValue().value
        skipWhitespace()
        guard current == close else { throw failure("expected '\(Unicode.Scalar(close))' to end @string") }
        advance()
    }

    mutating func readEntryBody(start: SourceLocation) throws(Diagnostic) -> (String, [String: BibTeXField]) {
        let close = current == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
        advance()
        skipWhitespace()
        let key = readKey()
        guard !key.isEmpty else { throw failure("entry has no citation key", at: start) }
        currentKey = key
        skipWhitespace()
        if current == UInt8(ascii: "=") {
            // `@article{author = …`: the key was left out, and the first field's name read as one.
            currentKey = nil
            throw failure("entry has no citation key: '\(key) =' starts a field; write the key first, @\(entryType(at: start)){smith2020, \(key) = …", at: start)
        }
        var fields: [String: BibTeXField] = [:]
        /// The name of the last field read (``valueEnd`` is where its value ends).
        var previous: String?
        while true {
            if current == close {
                closedEntry = (key, location)
                advance()
                return (key, fields)
            }
            guard current == UInt8(ascii: ",") else {
                if current == nil { throw failure("entry '\(key)' is not closed", at: start) }
                if isAtEntryLine {
                    throw failure("entry '\(key)' does not end before the entry on line \(line) starts; check its braces and quotes", at: start)
                }
                if let previous, let next = fieldNameAhead() {
                    throw failure(
                        "a ',' is missing between the fields '\(previous)' and '\(next)' of entry '\(key)'; add it here",
                        at: source.location(line: valueEnd.line, column: valueEnd.offset - valueEnd.lineStart + 1))
                }
                throw failure("expected ',' or '\(Unicode.Scalar(close))' in entry '\(key)'")
            }
            advance()
            skipWhitespace()
            if current == close {
                closedEntry = (key, location)
                advance()
                return (key, fields)
            }
            let fieldStart = location
            let name = readIdentifier().lowercased()
            guard !name.isEmpty else { throw failure("expected a field name in entry '\(key)'") }
            skipWhitespace()
            guard current == UInt8(ascii: "=") else { throw failure("expected '=' after field '\(name)'") }
            advance()
            let value = try readValue()
            if let first = fields[name] {
                repeatedFields.append((name, key, fieldStart, first.location))
            } else {
                fields[name] = BibTeXField(value: value.value, location: fieldStart)
            }
            previous = name
            skipWhitespace()
        }
    }

    /// A value: `{…}`, `"…"`, a number or a macro name, joined with `#`.
    mutating func readValue() throws(Diagnostic) -> BibTeXField {
        skipWhitespace()
        let start = location
        var value = ""
        while true {
            skipWhitespace()
            guard let byte = current else { throw failure("unexpected end of file in a field value", at: start) }
            if byte == UInt8(ascii: "{") {
                value += try readDelimited(closing: UInt8(ascii: "}"))
            } else if byte == UInt8(ascii: "\"") {
                value += try readDelimited(closing: UInt8(ascii: "\""))
            } else {
                let nameLocation = location
                let word = readIdentifier()
                guard !word.isEmpty else { throw failure("expected a field value") }
                if word.allSatisfy(\.isNumber) {
                    value += word
                } else if let expansion = macros[word.lowercased()] {
                    value += expansion
                } else {
                    // BibTeX warns and goes on; pandoc prints biblatex's English string of a localisation key
                    // (`inpress` is "in press"), and any other name itself, in lower case (`IEEE_J_PROC` is "ieee_j_proc").
                    let string = BiblatexStrings.english(word)
                    let printed = string ?? word.lowercased()
                    var message = "undefined @string macro '\(word)': "
                        + (string.map { "it stands for biblatex's English string of the key, '\($0)', as pandoc reads it" }
                            ?? "its name is printed" + (printed == word ? "" : " in lower case, '\(printed)'") + ", as pandoc prints it")
                    if let later = laterDefinition(of: word.lowercased()) {
                        message += ". It is defined by the @string on line \(later), after its use here, and BibTeX reads a file in order: move that @string above this entry"
                    } else {
                        message += "; define it above this entry with @string{\(word) = {…}}, or write the text in braces, {\(string ?? word)}"
                    }
                    warnings.append(.warning(at: nameLocation, message))
                    value += printed
                }
            }
            valueEnd = (line, index, lineStart)
            skipWhitespace()
            guard current == UInt8(ascii: "#") else { return BibTeXField(value: value, location: start) }
            advance()
        }
    }

    /// How deep braces may nest inside a field's value, one more than the levels allowed (as JSON and YAML may nest).
    static let maximumBraceDepth = 200

    /// The text inside `{…}` or `"…"`, inner braces kept (they matter for names and case).
    mutating func readDelimited(closing: UInt8) throws(Diagnostic) -> String {
        let start = location
        advance()
        let begin = index
        var depth = 0
        while let byte = current {
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                advance()
                advance()
                continue
            }
            if depth == 0 && byte == closing {
                let text = String(decoding: bytes[begin..<index], as: UTF8.self)
                advance()
                return text
            }
            if byte == UInt8(ascii: "{") {
                depth += 1
                // No field nests braces so deep; reading it as LaTeX would take a frame of the stack for each.
                guard depth < Self.maximumBraceDepth else {
                    throw failure("braces nested too deeply in a field value (more than \(Self.maximumBraceDepth - 1) levels inside it)")
                }
            }
            if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth < 0 { throw failure("unbalanced '}' in a field value") }
            }
            advance()
        }
        throw failure("unbalanced braces in a field value", at: start)
    }
}
