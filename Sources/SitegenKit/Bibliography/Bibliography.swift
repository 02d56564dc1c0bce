import Synchronization

/// A set of references by key, read from one or more files.
public struct Bibliography: Sendable {
    public private(set) var references: [String: Reference] = [:]
    /// The keys given to more than one entry (but PubMed's copies of one record), with each entry's place in order:
    /// none of them is among ``references``, and citing the key is an error that names them.
    public private(set) var duplicates: [String: [SourceLocation]] = [:]
    /// Each key in lowercase, with the key: two keys that differ only in case are one key to BibTeX.
    private var keysByCase: [String: String] = [:]
    /// Which contents these are: a number no other bibliography of the process has, new whenever entries are added,
    /// so that an entry printed from this bibliography is known to be its entry without comparing the two.
    private(set) var version: UInt64 = 0

    private static let versions = Atomic<UInt64>(0)

    public init() {}

    /// Adds references, reporting a key that is already present as a warning naming both places, the key then naming no
    /// entry (``duplicates``: which was meant is for the author to say, as citing it says; pandoc cites the last in
    /// silence), so that an export with a key given twice (EndNote's, Manubot's) fails no build that does not cite it;
    /// except a PubMed record
    /// keyed by its PMID given again (two overlapping exports of PubMed's, which name one article): the first is kept,
    /// in silence when the two are alike, with a warning when they differ; but a later copy that says the article is
    /// retracted where the first does not (an export made since) is kept in its place, so that the retraction is not lost.
    /// A key that differs from one before it only in case (`smith2021`, `Smith2021`) is a warning at the second: BibTeX and
    /// biber read them as one key given twice, and cited by both the paper would be listed twice.
    public mutating func add(_ newReferences: [Reference], diagnostics: inout [Diagnostic]) {
        for reference in newReferences {
            let lowered = reference.id.lowercased()
            if let other = keysByCase[lowered], other != reference.id, references[reference.id] == nil, let first = references[other] {
                diagnostics.append(
                    .warning(at: reference.location,
                        "bibliography key '\(reference.id)' differs only in case from '\(other)' (at \(first.location)), which BibTeX and biber read as"
                            + " the same key given twice: if they are one work, remove this entry and cite '\(other)'; if not, give one a key of its own",
                        naming: [first.location.path]))
            } else if keysByCase[lowered] == nil {
                keysByCase[lowered] = reference.id
            }
            if duplicates[reference.id] != nil {
                duplicates[reference.id]?.append(reference.location)
                diagnostics.append(duplicateWarning(reference))
                continue
            }
            if let existing = references[reference.id] {
                if reference.id == reference.pubMedID, existing.id == existing.pubMedID {
                    if reference.placed(like: existing) != existing {
                        let retracted = existing.retractions.isEmpty && !reference.retractions.isEmpty
                        if retracted { references[reference.id] = reference }
                        let (kept, other) = retracted ? (reference, existing) : (existing, reference)
                        diagnostics.append(
                            .warning(at: other.location,
                                "the PubMed record \(reference.id) is also at \(kept.location), where it reads otherwise; that copy is cited"
                                    + (retracted
                                        ? " (it says the article is retracted, which this copy, an older export, does not); remove this copy"
                                        : ": keep the one you want"),
                                naming: [kept.location.path]))
                    }
                    continue
                }
                references[reference.id] = nil
                duplicates[reference.id] = [existing.location, reference.location]
                diagnostics.append(duplicateWarning(reference))
            } else {
                references[reference.id] = reference
            }
        }
        version = Self.versions.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// The warning for an entry whose key an entry before it has (``duplicates``).
    private func duplicateWarning(_ reference: Reference) -> Diagnostic {
        let first = duplicates[reference.id]?.first ?? reference.location
        return .warning(
            at: reference.location,
            "duplicate bibliography key '\(reference.id)' (also defined at \(first)): a key names one entry, so citing it is an error until"
                + " you remove the copy, or give one of them a key of its own",
            naming: [first.path])
    }

    public subscript(key: String) -> Reference? { references[key] }

    public var isEmpty: Bool { references.isEmpty && duplicates.isEmpty }
}

/// Reads a bibliography file of any supported format.
public struct BibliographyReader: Sendable {
    /// The site's language, which decides how BibTeX titles are cased (``BibTeXReader/siteLanguage``).
    public var siteLanguage: String?

    public init(siteLanguage: String? = nil) {
        self.siteLanguage = siteLanguage
    }

    /// - Parameter source: the file's text; its path's extension picks the format.
    /// - Throws: the first error in the file.
    public func read(_ source: SourceText) throws(Diagnostic) -> [Reference] {
        try readFile(source).referencesIfAllRead()
    }

    /// Reads every entry it can; an entry that cannot be read is a problem of its own and the others stay usable.
    /// - Throws: when the file as a whole cannot be read (its syntax, or an unknown format).
    public func readFile(_ source: SourceText) throws(Diagnostic) -> BibliographyFile {
        let ext = source.path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        // Another format than the name says (RIS saved as .bib, MEDLINE as .ris): read as its name says, it would hold
        // no entries or fail with the other format's message. (CSL-JSON is YAML too, and a .yaml file reads it.)
        let reads = ["bib": "bib", "bibtex": "bib", "json": "json", "ris": "ris", "nbib": "nbib", "yaml": "yaml", "yml": "yaml"]
        if let named = reads[ext], let found = BibliographyFormat.format(of: source.text), found.extension != named,
           !(named == "yaml" && found.extension == "json") {
            let name = source.path.split(separator: "/").last.map(String.init) ?? source.path
            throw Diagnostic.error(
                at: source.start,
                "the file is named .\(ext) but holds \(found.name), which is read from a file named .\(found.extension): rename it \(name.dropLast(ext.count))\(found.extension)")
        }
        // An export sitegen reads in no format, whatever its name (Web of Science's plain text saved as .ris or .bib).
        if reads[ext] != nil, let unread = BibliographyFormat.unreadFormat(of: source.text) {
            throw Diagnostic.error(at: source.start, "the file is named .\(ext) but is \(unread.what)\(unread.advice)")
        }
        switch ext {
        case "bib":
            return BibTeXReader(siteLanguage: siteLanguage).readFile(source)
        case "bibtex":
            return BibTeXReader(variant: .bibtex, siteLanguage: siteLanguage).readFile(source)
        case "json":
            // A list of items, or (as pandoc reads it too) a mapping that holds them under `items`, as citeproc-js takes them.
            if source.text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) {
                throw Diagnostic.error(
                    at: source.start,
                    "the file is empty, and a CSL-JSON bibliography is a list of entries ([] for none): export it again, or remove the file")
            }
            let root = try JSONReader().read(source)
            return try items(root["items"].flatMap { $0.items == nil ? nil : $0 } ?? root, source: source)
        case "ris":
            return RISReader().readFile(source)
        case "nbib":
            return MedlineReader().readFile(source)
        case "yaml", "yml":
            guard let root = try YAMLReader().read(Self.metadataBlockClosed(source)) else { return BibliographyFile() }
            // CSL-YAML files hold either a list of items or a mapping with `references:`.
            return try items(root["references"] ?? root, source: source)
        default:
            let hint = BibliographyFormat.hint(path: source.path, text: source.text).map { "; " + $0 } ?? ""
            throw Diagnostic.error(at: source.start, "unsupported bibliography format '.\(ext)' (use .bib, .json, .yaml, .ris or .nbib)" + hint)
        }
    }

    /// The text of a CSL-YAML file written as a Markdown metadata block (`---`, `references:` …, `---`: the form
    /// pandoc writes with `pandoc refs.bib -s -t markdown`, and reads back), its closing `---` made `...`, YAML's end
    /// of a document: YAML reads a second `---` as the start of another.
    static func metadataBlockClosed(_ source: SourceText) -> SourceText {
        // By characters, `\r\n` is one: a Windows file's lines end in it.
        let lines = source.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let content = lines.indices.filter { !lines[$0].allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{FEFF}" } }
        guard content.count >= 2, let first = content.first, let last = content.last,
            lines[first].drop(while: { $0 == "\u{FEFF}" }).trimmingWhitespace == "---", lines[last].trimmingWhitespace == "---"
        else { return source }
        var closed = source
        closed.text = lines.enumerated().map { $0.offset == last ? "..." : String($0.element) }.joined(separator: "\n")
        return closed
    }

    /// The word written at a place of a file (`null`, `NULL`, `~` where YAML or JSON read a value of none), up to a
    /// space, comma, bracket or comment; empty for none (`id:` and the line's end).
    static func word(at location: SourceLocation, source: SourceText, lines: [Substring]) -> String {
        let index = location.line - source.firstLine
        guard lines.indices.contains(index), location.column >= 1 else { return "" }
        return String(lines[index].dropFirst(location.column - 1).prefix { !" \t,]}#\r".contains($0) })
    }

    /// Decodes a list of CSL items, each on its own.
    public func items(_ root: DataNode, source: SourceText) throws(Diagnostic) -> BibliographyFile {
        guard let list = root.items else {
            // One item alone, as a reference manager copies it: pandoc does not read it either.
            let single = root["id"] != nil && root["type"] != nil ? "; this one is a single item: put it in a list, [{…}]" : ""
            throw Diagnostic.error(at: root.location, "a CSL bibliography must be a list of items, not \(root.kindName)" + single)
        }
        var file = BibliographyFile()
        if let warning = CSLItemDecoder.zoteroAddressWarning(list) { file.problems.append(warning) }
        if let warning = CSLItemDecoder.legacyShortTitleWarning(list) { file.problems.append(warning) }
        let isYAML = !source.path.lowercased().hasSuffix(".json")
        // The file's lines, split when an id of no value needs its word.
        var lines: [Substring]?
        for item in list {
            do {
                var decoder = CSLItemDecoder(readsMarkdown: isYAML)
                file.references.append(try decoder.decode(item))
                if let warning = isYAML ? CSLItemDecoder.unquotedIDWarning(item) : CSLItemDecoder.jsonIDWarning(item) { file.problems.append(warning) }
                file.problems += decoder.warnings
            } catch {
                file.problems.append(error)
                if let id = item["id"].flatMap({ CSLItemDecoder.jsonNumberKey($0) ?? $0.text }) {
                    file.broken[id] = error.location
                } else if let id = item["id"], id.isNull {
                    // `id: null` cited as [@null]: its citations say where the entry broke, not that no entry has the key.
                    if lines == nil { lines = source.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) }
                    let word = Self.word(at: id.location, source: source, lines: lines ?? [])
                    if !word.isEmpty { file.broken[word] = error.location }
                }
            }
        }
        return file
    }
}
