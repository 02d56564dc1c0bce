import CSL
import Synchronization

/// Turns a CSL item (from CSL-JSON, CSL-YAML or front matter `references:`) into a ``Reference``.
struct CSLItemDecoder: Sendable {
    /// What the items decoded so far hold that prints, though probably not as meant: a `type` that is not CSL's, a
    /// date range that ends before it starts.
    private(set) var warnings: [Diagnostic] = []
    /// Whether text fields are Markdown, as pandoc reads YAML (``PandocMarkdownText``): a CSL-YAML file's and an
    /// article's `references:`, not CSL-JSON's.
    let readsMarkdown: Bool

    init(readsMarkdown: Bool = false) {
        self.readsMarkdown = readsMarkdown
    }

    /// - Throws: a ``Diagnostic`` at the item or field that is malformed.
    mutating func decode(_ node: DataNode) throws(Diagnostic) -> Reference {
        guard let entries = node.entries else {
            throw Diagnostic.error(at: node.location, "a CSL item must be a mapping, not \(node.kindName)")
        }
        guard let idNode = node["id"] else {
            throw Diagnostic.error(at: node.location, "CSL item has no 'id', the key articles cite it by; add one (id: smith2020, then cite [@smith2020])")
        }
        if idNode.isNull {
            let why = readsMarkdown ? " (YAML reads an empty value, ~ and null as none)" : ""
            throw Diagnostic.error(
                at: idNode.location,
                "CSL item 'id' has no value\(why); write the key articles cite it by (id: smith2020, then cite [@smith2020])"
                    + (why.isEmpty ? "" : ", in quotes if it is one of those words"))
        }
        guard var id = (Self.jsonNumberKey(idNode) ?? idNode.text).map({ readsMarkdown ? PandocMarkdownText.unescaped($0) : $0 })?.trimmingWhitespace,
            !id.isEmpty
        else {
            throw Diagnostic.error(at: idNode.location, "CSL item 'id' must be a non-empty string, the key articles cite it by (id: smith2020)")
        }
        // Zotero's own CSL-JSON gives each item its address for an id; the key an author types is its citation key.
        if Self.isZoteroAddress(id), let key = node["citation-key"]?.text?.trimmingWhitespace, !key.isEmpty { id = key }
        // None (pandoc's own CSL for a BibTeX `@misc` has none, or `"type": ""`) is no type, which no style's
        // `<if type>` matches: the generic entry, as pandoc prints it ("Unpublished data." after the title).
        let type = node["type"]?.text ?? ""
        var reference = Reference(id: id, type: type, location: node.location)
        for (key, keyLocation, value) in entries {
            if let variable = ["doi": "DOI", "url": "URL", "pmid": "PMID", "pmcid": "PMCID"][key.lowercased()] {
                reference.identifierLocations[variable] = keyLocation
            }
            switch key.lowercased() {
            case "author":
                reference.authors = try names(value, key)
                // `{"literal": "others"}` last, as pandoc reads it: the list is shortened, and `et al.` follows.
                if reference.authors.count > 1, let last = reference.authors.last, last.literal == "others", last.family == nil {
                    reference.authors.removeLast()
                    reference.hasMoreAuthors = true
                }
            case "editor": reference.editors = try names(value, key)
            case "title": reference.title = try text(value, key)
            case "container-title": reference.containerTitle = try text(value, key)
            case "container-title-short", "journalabbreviation", "journal-abbreviation":
                reference.containerTitleShort = try text(value, key)
            case "shorttitle":
                // Zotero's old name of `title-short` (``legacyShortTitleWarning(_:)``), which a `title-short` of the item's
                // own wins over.
                let text = try text(value, key)
                if node.entries?.contains(where: { $0.key.lowercased() == "title-short" }) != true { reference.otherFields["title-short"] = text }
            case "issued":
                (reference.issued, reference.issuedLiteral) = try date(value, key)
            case "accessed":
                (reference.accessed, reference.literalDates[key]) = try date(value, key)
            case "volume": reference.volume = try text(value, key)
            case "issue": reference.issue = try text(value, key)
            case "page": reference.page = try text(value, key)
            case "publisher": reference.publisher = try text(value, key)
            case "publisher-place": reference.publisherPlace = try text(value, key)
            case "edition": reference.edition = try text(value, key)
            case "number-of-pages": reference.numberOfPages = try text(value, key)
            case "genre": reference.genre = try text(value, key)
            case "url": reference.url = try text(value, key)
            case "doi": reference.doi = try text(value, key)
            case "pmid": reference.pmid = try text(value, key)
            case "pmcid": reference.pmcid = try text(value, key)
            case "note":
                let note = try text(value, key)
                // As written: in CSL-YAML, Markdown's `*Retracted*` is read as markup.
                reference.notices += Reference.retractionNotices(in: note == nil ? nil : value.text)
                reference.otherFields["note"] = note
            case "id", "type": break
            default:
                // Any other variable, for the styles that print it: CSL's name and date variables, and text. Other
                // lists and mappings (`categories`, `custom`) are no variable of CSL's and are left out. A variable's
                // name is read in any case, as pandoc reads it (its CSL-YAML writes `issn` and `isbn`, CSL `ISSN`).
                let name = CSLVocabulary.variable(named: key) ?? key
                if CSLVocabulary.nameVariables.contains(name) {
                    reference.otherNames[name] = try names(value, key)
                } else if CSLVocabulary.dateVariables.contains(name) {
                    (reference.otherDates[name], reference.literalDates[name]) = try date(value, key)
                } else if value.items == nil, value.entries == nil,
                    let text = try text(value, key, isVariable: CSLVocabulary.textVariables.contains(name) || CSLVocabulary.numberVariables.contains(name))
                {
                    reference.otherFields[name] = text
                }
                if let warning = Self.misspeltFieldWarning(key, at: keyLocation, in: node) { warnings.append(warning) }
            }
            if !readsMarkdown, let spaced = Self.spacedText(value, key) { reference.otherFields[key.lowercased()] = spaced }
        }
        if let problem = Self.typeProblem(node) { warnings.append(problem) }
        return reference
    }

    /// A warning for a CSL-YAML item whose `id` pandoc's YAML reads as a number or a boolean (`id: 123`, `2019`, `1e3`,
    /// `0x1F`, `true`, `yes`: ``PandocYAMLScalars``), not as text: sitegen cites it by its text as written (`[@123]`,
    /// `[@0x1F]`), but pandoc 3.9 leaves the item out without a word, and its citations are not found; in quotes it is
    /// text to both.
    static func unquotedIDWarning(_ item: DataNode) -> Diagnostic? {
        guard let node = item["id"], let text = node.text else { return nil }
        switch node.value {
        case .number, .bool, .scalar(_, isQuoted: false): break
        default: return nil
        }
        guard let reading = PandocYAMLScalars.reading(text) else { return nil }
        let what = if case .boolean = reading { "a boolean" } else { "a number" }
        return .warning(
            at: node.location,
            "YAML reads this id (\(text)) as \(what), not as text: sitegen takes it as the key '\(text)', but pandoc leaves the item"
                + " out and finds no [@\(text)]; quote it: id: '\(text)'")
    }

    /// The key pandoc 3.9 cites a CSL-JSON id written as a number by: the whole number it is, in digits (`1e3` is
    /// 1000, `12.0` and `1.2e1` are 12, `-0` is 0); nil for a number that is not whole or does not fit in 64 bits
    /// (`1.5`, `1e19`), for which pandoc reads no key (it rejects the file), and for any other id (a CSL-YAML number is
    /// the key as written, ``unquotedIDWarning(_:)``).
    static func jsonNumberKey(_ node: DataNode) -> String? {
        guard case .number(_, let text) = node.value, node.location.path.lowercased().hasSuffix(".json") else { return nil }
        return wholeNumberKey(text)
    }

    /// The key of a CSL-JSON id written as this number (``jsonNumberKey(_:)``); nil for text that is no JSON number, or
    /// one that gives no key.
    static func wholeNumberKey(_ text: String) -> String? {
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        guard text.utf8.allSatisfy({ isDigit($0) || "-+.eE".utf8.contains($0) }), text.utf8.contains(where: isDigit) else { return nil }
        // JSON's number: a sign, digits, a fraction, an exponent; read as digits times ten to a power.
        let parts = text.lowercased().split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        guard var exponent = parts.count == 2 ? Int(parts[1]) : 0 else { return nil }
        let negative = parts[0].hasPrefix("-")
        let pieces = parts[0].drop { $0 == "-" }.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = Substring(pieces.joined()).drop { $0 == "0" }
        exponent -= pieces.count == 2 ? pieces[1].count : 0
        while digits.last == "0" {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty { return "0" }
        guard exponent >= 0, digits.count + exponent <= 19 else { return nil }
        return Int64((negative ? "-" : "") + digits + String(repeating: "0", count: exponent)).map(String.init)
    }

    /// A warning for a CSL-JSON item whose `id` is a number or a boolean, not a string, which pandoc 3.9 reads
    /// otherwise than as written: a whole number is cited by its digits (`1e3` as [@1000], as sitegen cites it
    /// too), and any other number (`1.5`) or a boolean is an error for pandoc, which reads nothing of the file,
    /// while sitegen takes it as the key as written. Nil for an id that both cite as written (`"id": 12`).
    static func jsonIDWarning(_ item: DataNode) -> Diagnostic? {
        guard let node = item["id"], let text = node.text else { return nil }
        let what: String
        switch node.value {
        case .number(let value, _):
            if let key = jsonNumberKey(node) {
                guard key != text else { return nil }
                return .warning(
                    at: node.location,
                    "JSON reads this id (\(text)) as the number \(key): sitegen and pandoc cite it as [@\(key)], not [@\(text)];"
                        + " to cite it as written, make it a string: \"id\": \"\(text)\"")
            }
            what = abs(value) < 9.2e18 ? "a number that is not a whole one" : "a number beyond 64 bits"
        case .bool: what = "a boolean"
        default: return nil
        }
        return .warning(
            at: node.location,
            "JSON reads this id (\(text)) as \(what), not as text: sitegen takes it as the key '\(text)', but pandoc cannot read"
                + " the file at all; make it a string: \"id\": \"\(text)\"")
    }

    /// An item's address in Zotero (`http://zotero.org/users/local/i7mzfRbE/items/KIX7KF2Q`), which Zotero's CSL-JSON
    /// export gives items for their `id`.
    static func isZoteroAddress(_ id: String) -> Bool {
        (id.hasPrefix("http://zotero.org/") || id.hasPrefix("https://zotero.org/")) && id.contains("/items/")
    }

    /// A warning for a file whose items' ids are Zotero's addresses (and that have no `citation-key` to cite them by
    /// instead), at the first of them: nobody types `[@http://zotero.org/…]`.
    static func zoteroAddressWarning(_ items: [DataNode]) -> Diagnostic? {
        let addressed = items.compactMap { item -> DataNode? in
            guard let id = item["id"], id.text.map(Self.isZoteroAddress) == true, item["citation-key"]?.text?.isEmpty != false else { return nil }
            return id
        }
        guard let first = addressed.first, let id = first.text else { return nil }
        let (what, notKeys) = addressed.count == 1
            ? ("this item's id is Zotero's address for it", "not a key to cite it by")
            : ("the ids of \(addressed.count) items are Zotero's addresses for them", "not keys to cite them by")
        return .warning(
            at: first.location,
            "\(what) ('\(id)'), \(notKeys); export the library with Better BibTeX"
                + " ('Better CSL JSON' or 'Better BibLaTeX'), whose ids are citation keys, or give each item a 'citation-key'")
    }

    /// A warning for a file whose items give Zotero's old name of `title-short`, `shortTitle` (Zotero's own CSL-JSON
    /// export writes it), at the first of them. sitegen reads it as `title-short`, as Zotero means it and citeproc-js
    /// reads it; pandoc 3.9 reads it as `container-title-short`, the journal's abbreviation, and prints an article's short
    /// title in the journal's place (Vancouver: "Urso C. The Different Originality of Homer and Thucydides. The Different
    /// Originality of Homer and Thucydides. 2001"), so the two print such an entry differently.
    static func legacyShortTitleWarning(_ items: [DataNode]) -> Diagnostic? {
        let keys = items.compactMap { $0.entries?.first { $0.key.lowercased() == "shorttitle" } }
        guard let first = keys.first else { return nil }
        let items = keys.count == 1 ? "an item" : "\(keys.count) items"
        return .warning(
            at: first.keyLocation,
            "'\(first.key)' (in \(items) of this file) is Zotero's old name of title-short, and is read as title-short; pandoc reads it as"
                + " container-title-short, the journal's abbreviation, and prints the short title in the journal's place, so sitegen's"
                + " references differ from pandoc's: rename it title-short in the file (Better BibTeX's exports write title-short)")
    }

    /// The fields of exporters' items that are no CSL variable but one letter from one (Crossref's `published` and
    /// `reference`, its `short-title`), and a few fields near one that mean something else: no typos.
    private static let otherFields: Set = ["published", "reference", "short-title", "keywords", "notes", "files", "subtitles"]

    /// Fields of other formats (BibTeX's, a hand-written item's) that CSL names otherwise: the name to write instead.
    private static let otherNames = ["year": "issued", "date": "issued", "journal": "container-title", "booktitle": "container-title", "address": "publisher-place"]

    /// The names an item's field may have that the decoder reads, CSL's variables and the legacy ones, lower-cased, as
    /// bytes, in order.
    private static let readNames = (CSLVocabulary.variables.map { $0.lowercased() } + ["journalabbreviation", "shorttitle"]).sorted().map { Array($0.utf8) }

    /// The variable each unknown field name met so far is one letter from, or nil for none: a file's unknown fields
    /// are the same few in every item (Crossref's 20 in each of thousands), looked at once each.
    private static let meantFields = Mutex<[String: String?]>([:])

    /// A warning for a field whose name is no CSL variable but one letter from one (`titel`, `autor`, `container_title`:
    /// a letter wrong, missing, added, or two swapped), or another format's name of one (`year`, `journal`), which no
    /// style prints, unless the item has that variable too. Other fields (exports hold many: Crossref's `indexed`,
    /// `is-referenced-by-count`) are passed over in silence.
    private static func misspeltFieldWarning(_ key: String, at location: SourceLocation, in item: DataNode) -> Diagnostic? {
        let name = key.lowercased()
        guard name.utf8.count >= 4, let meant = meantField(name) else { return nil }
        guard item.entries?.contains(where: { $0.key.lowercased() == meant.lowercased() }) != true else { return nil }
        let advice = Self.otherNames[name] == nil ? "did you mean '\(meant)'?" : "CSL names it '\(meant)'"
        return .warning(at: location, "unknown field '\(key)', which no style prints; \(advice)")
    }

    /// The variable a lower-cased field name that is no variable stands for, nil for none.
    private static func meantField(_ name: String) -> String? {
        if let known = meantFields.withLock({ $0[name] }) { return known }
        var meant: String?
        if let other = Self.otherNames[name] {
            meant = other
        } else if CSLVocabulary.variable(named: name) == nil, !Self.otherFields.contains(name) {
            let letters = Array(name.utf8)
            if let near = Self.readNames.first(where: { Self.isOneEdit(letters, $0) }) {
                let text = String(decoding: near, as: UTF8.self)
                meant = CSLVocabulary.variable(named: text) ?? (text == "shorttitle" ? "shortTitle" : "journalAbbreviation")
            }
        }
        // (A file of many thousand names of its own is looked at name by name.)
        meantFields.withLock { if $0.count < 10_000 { $0[name] = meant } }
        return meant
    }

    /// Whether two names are one edit apart: a letter wrong, missing or added, or two neighbours swapped
    /// (``Suggestion/editDistance(_:_:)`` of 1), in a time of their length.
    static func isOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a != b, abs(a.count - b.count) <= 1 else { return false }
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        return a.count < b.count ? a[i...] == b[(i + 1)...] : a[(i + 1)...] == b[i...]
    }

    /// A warning for a `type` that is not one of CSL's, which every style prints as its most generic entry (APA: "In
    /// NEJM." for a journal article typed `journal-article`, Crossref's name), with the type meant.
    private static func typeProblem(_ item: DataNode) -> Diagnostic? {
        guard let node = item["type"], let type = node.text, !type.isEmpty, !CSLVocabulary.itemTypes.contains(type) else { return nil }
        var message = "'\(type)' is not a CSL item type, so styles print the entry as a generic one"
        if let meant = Self.otherTypeNames[type] ?? Self.otherTypeNames[type.lowercased()] ?? Suggestion.nearest(to: type, among: CSLVocabulary.itemTypes) {
            message += "; did you mean '\(meant)'?"
        } else {
            message += " (CSL's types include article-journal, book, chapter, report, webpage)"
        }
        return .warning(at: node.location, message)
    }

    /// Other tools' names of CSL types: Crossref's (pasted from its API) and Zotero's own (lowercased).
    static let otherTypeNames = [
        "journal-article": "article-journal", "book-chapter": "chapter", "proceedings-article": "paper-conference",
        "posted-content": "article", "monograph": "book", "edited-book": "book", "reference-entry": "entry",
        "journalarticle": "article-journal", "booksection": "chapter", "conferencepaper": "paper-conference",
        "magazinearticle": "article-magazine", "newspaperarticle": "article-newspaper", "blogpost": "post-weblog",
        "web-page": "webpage", "website": "webpage",
    ]

    /// - Parameters:
    ///   - inName: whether the field is a part of a name (`family`, `given`…).
    ///   - saysHowPandocPrints: whether a value pandoc prints otherwise (``otherwisePrinted(_:isVariable:inName:)``) is
    ///     a warning here.
    ///   - isVariable: whether the field is one of CSL's variables, which a style may print; another (Crossref's
    ///     `score`, `prefix`) is kept all the same, and pandoc reads more of its values.
    private mutating func text(
        _ node: DataNode, _ key: String, inName: Bool = false, saysHowPandocPrints: Bool = true, isVariable: Bool = true
    ) throws(Diagnostic) -> String? {
        if node.isNull {
            // A CSL-JSON variable of `null` (a name's part of `null` pandoc leaves out as sitegen does).
            if !inName, isVariable, node.location.path.lowercased().hasSuffix(".json") {
                warnings.append(.warning(
                    at: node.location, "JSON's null here is no value, which sitegen reads as none but pandoc cannot read the file with; delete the field"))
            }
            return nil
        }
        guard let text = node.text else {
            throw Diagnostic.error(at: node.location, "CSL field '\(key)' must be text, not \(node.kindName)")
        }
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty { return nil }
        if saysHowPandocPrints, let warning = Self.otherwisePrinted(node, isVariable: isVariable, inName: inName) { warnings.append(warning) }
        guard readsMarkdown else { return trimmed }
        if inName { return PandocMarkdownText.nameText(trimmed) }
        // (`DOI` and `URL` as CSL-JSON spells them, too.)
        return Self.plainFields.contains(key.lowercased()) ? PandocMarkdownText.unescaped(trimmed) : PandocMarkdownText.cslMarkup(trimmed)
    }

    /// A warning for a value that is no text to YAML or JSON, which sitegen prints as written and pandoc 3.9 prints
    /// otherwise: a CSL-YAML `1.50` as 1.5 or `No` as false (``PandocYAMLScalars``), a CSL-JSON `12.0` as 12. A CSL-JSON
    /// number that is not whole (or beyond 64 bits), or a boolean, is one pandoc cannot read the file with. Nil for a
    /// value both print alike (`volume: 12`), and, of a field that is no variable (which no style prints), for any
    /// but such a number. In a name, pandoc leaves a boolean out (`given: N`, an initial, is none).
    private static func otherwisePrinted(_ node: DataNode, isVariable: Bool, inName: Bool) -> Diagnostic? {
        let json = node.location.path.lowercased().hasSuffix(".json")
        switch node.value {
        case .number(let value, let written) where json:
            if let whole = Self.wholeNumberKey(written) {
                guard whole != written, isVariable else { return nil }
                return .warning(
                    at: node.location,
                    "JSON reads \(written) as the number \(whole), which pandoc prints as \(whole), and sitegen as written; to print it"
                        + " as written in both, make it a string (\(JSONValue.string(written).serialized))")
            }
            let what = abs(value) < 9.2e18 ? "a number that is not a whole one" : "a number beyond 64 bits"
            return .warning(
                at: node.location,
                "JSON reads \(written) as \(what), which sitegen reads as written but pandoc cannot read the file with; make it a"
                    + " string (\(JSONValue.string(written).serialized))")
        case .bool(_, let written) where json && isVariable:
            return .warning(
                at: node.location,
                "JSON reads \(written) as a boolean, which sitegen prints as written but pandoc cannot read the file with; make it a"
                    + " string (\(JSONValue.string(written).serialized))")
        case .number(_, let written), .bool(_, let written), .scalar(let written, isQuoted: false):
            guard isVariable, let reading = pandocReading(node) else { return nil }
            let (what, prints) =
                switch reading {
                case .boolean: ("the boolean \(reading.printed) (as YAML 1.1 has it)", inName ? "leaves it out of the name" : "prints '\(reading.printed)'")
                case .number(let printed): ("the number \(printed)", "prints '\(printed)'")
                }
            return .warning(
                at: node.location,
                "pandoc reads \(written) as \(what) and \(prints); sitegen prints it as written: quote it ('\(written)')"
                    + " and both print it as written")
        default:
            return nil
        }
    }

    /// What pandoc reads a CSL-YAML value as, a number or a boolean, when it does not print it as written.
    private static func pandocReading(_ node: DataNode) -> PandocYAMLScalars.Reading? {
        guard !node.location.path.lowercased().hasSuffix(".json") else { return nil }
        switch node.value {
        case .number(_, let written), .bool(_, let written), .scalar(let written, isQuoted: false):
            return PandocYAMLScalars.reading(written).flatMap { $0.printed == written ? nil : $0 }
        default:
            return nil
        }
    }

    /// A CSL-JSON text or number variable's value as pandoc 3.9 prints it when it starts or ends with white space
    /// ("Title with trailing space ", a volume "3 "): with one space there, which a style's punctuation meets as
    /// pandoc's citeproc meets it (inside the quotation marks a comma moves into: `“Title with trailing space ,”`;
    /// Vancouver's "3 ( 2)"); nil for any other value, which is read trimmed, and for identifiers, codes and the note.
    private static func spacedText(_ node: DataNode, _ key: String) -> String? {
        let name = key.lowercased()
        guard CSLVocabulary.textVariables.contains(name) || CSLVocabulary.numberVariables.contains(name), !Self.unspacedVariables.contains(name), let text = node.text else { return nil }
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty, trimmed.utf8.count < text.utf8.count else { return nil }
        /// Whether a byte is white space as ``Swift/StringProtocol/trimmingWhitespace`` trims it.
        func isBlank(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        return (isBlank(text.utf8.first) ? " " : "") + trimmed + (isBlank(text.utf8.last) ? " " : "")
    }

    /// The text variables read trimmed: identifiers and codes, and the note, whose lines pandoc reads as variables.
    private static let unspacedVariables: Set = ["citation-key", "language", "note", "year-suffix"]

    /// The fields read as text in YAML too, but for Markdown's escapes (pandoc writes a YAML bibliography's
    /// `10.1002/…19:4\<377…` and `a\_b` so): identifiers, addresses and the parts of dates. (The parts of names are
    /// Markdown's plain text, ``PandocMarkdownText/nameText(_:)``.)
    static let plainFields: Set = [
        "id", "type", "url", "doi", "pmid", "pmcid", "isbn", "issn", "citation-key", "language", "call-number", "archive_location", "raw",
        "season",
    ]

    /// A name written as text as the mapping that says it: `Smith, John` is a family and a given name, anything else a
    /// literal one; in JSON with its quotes, in YAML without.
    private static func nameMapping(_ text: String, json: Bool) -> String {
        func quoted(_ text: String) -> String { json ? JSONValue.string(text).serialized : text }
        let parts = text.split(separator: ",", maxSplits: 1).map { $0.trimmingWhitespace }
        let fields = parts.count == 2 ? [("family", parts[0]), ("given", parts[1])] : [("literal", text.trimmingWhitespace)]
        return "{" + fields.map { quoted($0.0) + ": " + quoted($0.1) }.joined(separator: ", ") + "}"
    }

    private mutating func names(_ node: DataNode, _ key: String) throws(Diagnostic) -> [Reference.Name] {
        // Pandoc's CSL-YAML reads a name written alone, not in a list, as the list of that name: a mapping (pandoc-citeproc's
        // `bib2yaml` wrote an only editor so, `editor: {family: Shvaiko, given: [Pavel]}`) or a text, printed as written.
        // Pandoc reads nothing of a CSL-JSON file with one.
        let alone = readsMarkdown && (node.entries != nil || node.text != nil)
        guard let items = alone ? [node] : node.items else {
            var message = "CSL field '\(key)' must be a list of names, not \(node.kindName)"
            if node.isNull {
                // A key left without its names (`author:`): where they go, or that the line goes.
                let json = node.location.path.hasSuffix(".json")
                message += "; write its names, \(json ? #"[{"family": …, "given": …}]"# : "[{family: …, given: …}]"), or delete the line"
            } else if case .scalar = node.value, let text = node.text {
                // The fix, for a name written as text: `Smith, John` is a family and a given name.
                // In JSON with its quotes, in YAML without.
                let json = node.location.path.hasSuffix(".json")
                message += "; write it as a list of names: \(json ? JSONValue.string(key).serialized : key): [\(Self.nameMapping(text, json: json))]"
            }
            throw Diagnostic.error(at: node.location, message)
        }
        var names: [Reference.Name] = []
        let json = node.location.path.lowercased().hasSuffix(".json")
        for item in items {
            if item.isNull {
                // `- ` with nothing after it (a name deleted, its dash left), or JSON's `null`: no name, left out, as pandoc
                // leaves one out of CSL-YAML (it reads nothing of a CSL-JSON file with one).
                warnings.append(.warning(
                    at: item.location,
                    "a name in '\(key)' is empty (\(json ? "null" : "a '-' with nothing after it")), so it is left out\(json ? ", where pandoc cannot read the file at all" : "");"
                        + " delete it, or write the name: {family: …, given: …}"))
                continue
            }
            // (A number or a boolean, `- 123`, too, which pandoc prints as the number it reads: `- 1.50` as 1.5.)
            if item.items == nil, item.entries == nil, let written = try text(item, "literal", inName: true, saysHowPandocPrints: false)?.trimmingWhitespace,
                !written.isEmpty
            {
                // A name written as text (`- Smith, John`): printed as written, one name, as pandoc prints a CSL-YAML one.
                let pandoc = Self.pandocReading(item)
                let how =
                    switch pandoc {
                    case _ where json: " (pandoc cannot read the file at all)"
                    case nil: ", as pandoc prints it"
                    case .boolean: ", where pandoc leaves it out (a boolean to its YAML)"
                    case .number(let printed): ", where pandoc prints '\(printed)'"
                    }
                let mapping = pandoc == nil ? Self.nameMapping(written, json: json) : "{literal: '\(written)'}"
                warnings.append(.warning(
                    at: item.location,
                    "a name in '\(key)' is text, not a mapping, so it is printed as written, '\(written)', as one name that a style neither"
                        + " inverts nor shortens to initials\(how); write it as \(mapping)"))
                names.append(Reference.Name(literal: written))
                continue
            }
            guard item.entries != nil else {
                throw Diagnostic.error(at: item.location, "a name in '\(key)' must be a mapping such as {family: …, given: …}")
            }
            /// A part of the name, nil where it has none.
            func part(_ part: String) throws(Diagnostic) -> String? {
                guard let node = item[part] else { return nil }
                // pandoc-citeproc's `bib2yaml` wrote a given name as the list of its names (`given: [José, Luis]`), which
                // pandoc's CSL-YAML reads joined by spaces ("Aguirre JL"); in CSL-JSON pandoc reads nothing of the file.
                if readsMarkdown, let names = node.items {
                    guard let nested = names.first(where: { $0.items != nil || $0.entries != nil || $0.isNull }) else {
                        var texts: [String] = []
                        for name in names { if let text = try text(name, part, inName: true) { texts.append(text) } }
                        return texts.isEmpty ? nil : texts.joined(separator: " ")
                    }
                    throw Diagnostic.error(
                        at: nested.location, "a name's '\(part)' is text, or a list of its words (\(part): [José, Luis]), not a list that holds \(nested.kindName); write its words")
                }
                return try text(node, part, inName: true)
            }
            let name = Reference.Name(
                family: try part("family"), given: try part("given"), nonDroppingParticle: try part("non-dropping-particle"),
                droppingParticle: try part("dropping-particle"), suffix: try part("suffix"), literal: try part("literal"))
            guard name != Reference.Name() else {
                // `{}` (as one of Manubot's files holds): no name, left out; pandoc prints the others ("Li H, Durbin R.").
                warnings.append(.warning(at: item.location, "a name in '\(key)' is empty, so it is left out; delete it, or write the name: {family: …, given: …}"))
                continue
            }
            guard name.family != nil || name.literal != nil || name.given != nil else {
                throw Diagnostic.error(at: item.location, "a name in '\(key)' needs 'family' or 'literal'")
            }
            // A CSL-JSON name is text to pandoc, tags and all (`<i>van</i> Dyke`), and so it prints here.
            for (_, _, part) in readsMarkdown ? [] : item.entries ?? [] {
                guard let text = part.text, let tag = CSLMarkup.firstTag(in: text) else { continue }
                warnings.append(.warning(
                    at: part.location,
                    "this name holds the tag \(tag), which prints as typed: pandoc and sitegen read a CSL-JSON name as text, not"
                        + " markup; write the name without tags"))
                break
            }
            names.append(name)
        }
        return names
    }

    /// A date, or the text of one written so that no date can be read in it (`{"literal": "Spring 2018"}`, `{"raw":
    /// "n.d."}`, `{"raw": "c. 1850"}`), which is printed as written, as pandoc prints it.
    private mutating func date(_ node: DataNode, _ key: String) throws(Diagnostic) -> (date: Reference.DateParts?, literal: String?) {
        // A literal is printed as written, whatever else the date has (`{"date-parts": [[2019]], "literal": "Spring
        // 2019"}`, `{"literal": "2019-05"}`), as pandoc prints it.
        if let literal = node["literal"]?.text?.trimmingWhitespace, !literal.isEmpty {
            return (nil, readsMarkdown ? PandocMarkdownText.cslMarkup(literal) : literal)
        }
        if let parts = node["date-parts"] {
            guard let first = parts.items?.first?.items else {
                throw Diagnostic.error(at: parts.location, "'\(key)' date-parts must be a list like [[2020, 5, 1]]")
            }
            // `[[]]`, which some exports write for no date: none, as pandoc reads it.
            guard !first.isEmpty else { return (nil, nil) }
            var numbers: [Int] = []
            for part in first {
                guard let text = part.text, let number = Int(text) else {
                    var message = "'\(key)' date part must be a whole number, not \(part.kindName): write the year, month and day as numbers, [[2019, 3, 15]]"
                    if let text = part.text, CSLDate.read(text) != nil { message += ", or the date as text, \"\(key)\": {\"raw\": \"\(text)\"}" }
                    throw Diagnostic.error(at: part.location, message)
                }
                numbers.append(number)
            }
            let end = parts.items?.dropFirst().first?.items?.compactMap { $0.text.flatMap { Int($0) } }
            return (qualified(try ranged(try checked(numbers, node, key), numbers, to: end, node, key), node), nil)
        }
        // `{year: 2021, month: 3}`, which pandoc reads too.
        if node["year"] != nil {
            let numbers = yearMonthDay(node, key)
            guard !numbers.isEmpty else { return (nil, nil) }
            return (qualified(try checked(numbers, node, key), node), nil)
        }
        // A list of one date written as a mapping (`- literal: circa 1850`, as Better BibTeX writes CSL-YAML): that date,
        // where pandoc 3.9 prints none.
        if let items = node.items, items.count == 1, let only = items.first, only["literal"] != nil || only["raw"] != nil || only["date-parts"] != nil {
            return try date(only, key)
        }
        // A list of them, pandoc-citeproc's form (`- year: 2018` / `month: 1`): a date, or a range of two.
        if let items = node.items, let first = items.first, first["year"] != nil {
            let numbers = yearMonthDay(first, key)
            guard !numbers.isEmpty else { return (nil, nil) }
            var end: [Int]?
            if let last = items.dropFirst().first, case let numbers = yearMonthDay(last, key), !numbers.isEmpty { end = numbers }
            var date = qualified(try ranged(try checked(numbers, first, key), numbers, to: end, first, key), first)
            // `- {year: 2017, season: 2}` / `- {year: 2017, season: 3}`: a range of seasons.
            if let end, let season = items.dropFirst().first?["season"]?.text, !season.isEmpty, date.endSeason == nil,
                season != date.season || end[0] != date.year
            {
                date.endSeason = season
                if date.endYear == nil { date.endYear = end[0] }
            }
            return (date, nil)
        }
        if let written = (node["raw"]?.text ?? node.text)?.trimmingWhitespace, !written.isEmpty {
            // In YAML, the text Markdown reads, as pandoc reads a date there: `2020\~` is 2020~, approximate.
            let raw = readsMarkdown ? PandocMarkdownText.plainText(written) : written
            // `2020-05-03`, a range `2019/2020`, `2020-04/2020-06`, `Sep 2019`; other text as written.
            // `2026/05/10`, a date with slashes, which a range's `/` takes apart (pandoc prints "10 AD 5").
            let parts = raw.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 3, parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy({ $0.isASCII && $0.isNumber }) }),
                let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
            {
                let meant = "\(parts[0])-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
                throw Diagnostic.error(at: node.location, "'\(key)' is '\(raw)', where a '/' joins the two dates of a range; write the date as \(meant)")
            }
            guard let read = CSLDate.read(raw) else {
                // A time of day alone (`03:54:37`, what some exports write for the day a page was read) is no date, and
                // pandoc prints none.
                guard raw.wholeMatch(of: /\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?/) != nil else {
                    return (nil, readsMarkdown ? PandocMarkdownText.cslMarkup(written) : raw)
                }
                warnings.append(.warning(at: node.location, "'\(key)' is '\(raw)', a time without a date, which is left out; write the date, 2020-05-01"))
                return (nil, nil)
            }
            guard let numbers = read.parts.first, !numbers.isEmpty, numbers != [0] else {
                var message = "'\(key)' is not a date: '\(raw)'"
                // EDTF's mark before the date (`~2020`, which pandoc reads as year 0 and prints no date for): the date
                // with its mark after it.
                if let mark = raw.first, "~?%".contains(mark), let date = CSLDate.read(raw.dropFirst() + String(mark)), date.parts.first?.first ?? 0 != 0 {
                    let what = mark == "~" ? "an approximate date" : mark == "?" ? "an uncertain date" : "an approximate and uncertain date"
                    message += "; \(what) has its \(mark) after it: \(raw.dropFirst())\(mark)"
                } else {
                    message += "; write the date, 2020-05-01"
                }
                throw Diagnostic.error(at: node.location, message)
            }
            var date = qualified(try ranged(try checked(numbers, node, key), numbers, to: read.parts.dropFirst().first, node, key), node)
            if read.circa { date.circa = true }
            return (date, nil)
        }
        throw Diagnostic.error(at: node.location, "'\(key)' must be a CSL date: {date-parts: [[2020, 5, 1]]}, 2020-05-01 or {year: 2020, month: 5}")
    }

    /// The numbers of a `{year: 2021, month: 3, day: 4}` mapping, up to the first part that is no whole number, which
    /// pandoc 3.9 leaves out with the parts after it (`{year: 2015, month: September}`, as pandoc-citeproc's `bib2yaml`
    /// wrote a BibTeX month, prints 2015), with a warning at it; none when the year is none (no date, as pandoc prints).
    private mutating func yearMonthDay(_ node: DataNode, _ key: String) -> [Int] {
        var numbers: [Int] = []
        for (part, name) in [(node["year"], "year"), (node["month"], "month"), (node["day"], "day")] {
            guard let part else { break }
            guard let number = part.text.flatMap({ Int($0) }) else {
                let written = part.text.map { "'\($0)'" } ?? part.kindName
                let fix =
                    if name == "year" {
                        "write the year as a number, or the date as text, {literal: \(part.text ?? "…")}"
                    } else if name == "month", let month = part.text.flatMap(Self.monthNumber) {
                        "write it as a number, month: \(month)"
                    } else {
                        "write it as a number"
                    }
                let outcome = name == "year" ? "the entry has no date" : "the date is printed without it" + (name == "month" && node["day"] != nil ? " and the day" : "")
                warnings.append(.warning(at: part.location, "'\(key)' \(name) is \(written), not a whole number, so \(outcome), as pandoc prints it; \(fix)"))
                break
            }
            numbers.append(number)
        }
        return numbers
    }

    /// The number of an English month's name or its abbreviation (`September`, `sep.`, `Sept`), nil for any other text.
    static func monthNumber(_ text: String) -> Int? {
        var name = text.trimmingWhitespace.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard name.count >= 3 else { return nil }
        let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        if name == "sept" { return 9 }
        return months.firstIndex { $0 == name || $0.prefix(3) == name }.map { $0 + 1 }
    }

    /// The date, read from `numbers`, with the end of its range when `end` is one: another year, or another month or
    /// day of the same year (`[[2019, 11], [2019, 12]]`); the year 0 leaves it open (`[[2019], [0]]`, "2019–"). A range
    /// that ends before it starts is kept, as pandoc keeps it ("2019–2018"), and is a warning.
    private mutating func ranged(_ date: Reference.DateParts, _ numbers: [Int], to end: [Int]?, _ node: DataNode, _ key: String) throws(Diagnostic) -> Reference.DateParts {
        guard let end, let year = end.first else { return date }
        var date = date
        if end == [0] {
            date.endYear = 0
        } else if year != date.year || end.count > 1 && end != numbers {
            let last = try checked(end, node, key)
            (date.endYear, date.endMonth, date.endDay, date.endSeason) = (year, last.month, last.day, last.season)
            if date.endsBeforeItStarts {
                func written(_ numbers: [Int]) -> String {
                    numbers.enumerated().map { $0.offset > 0 && $0.element < 10 ? "0\($0.element)" : String($0.element) }.joined(separator: "-")
                }
                warnings.append(
                    .warning(
                        at: node.location,
                        "'\(key)' ends (\(written(end))) before it starts (\(written(numbers))), and styles print it so; put the earlier date first"))
            }
        }
        return date
    }

    /// The date with what else its mapping says of it: a season (`season: 1` to `4`, or a name) and whether it is
    /// approximate (`circa: true`).
    private func qualified(_ date: Reference.DateParts, _ node: DataNode) -> Reference.DateParts {
        var date = date
        if let season = node["season"]?.text, !season.isEmpty { date.season = season }
        if let circa = node["circa"]?.text { date.circa = !["", "0", "false"].contains(circa.lowercased()) }
        return date
    }

    /// A year, month and day as CSL-JSON writes them, as pandoc reads them: a month or day of 0 is none, a month of
    /// 13 to 16 (or 21 to 24) is a season.
    private func checked(_ numbers: [Int], _ node: DataNode, _ key: String) throws(Diagnostic) -> Reference.DateParts {
        var date = Reference.DateParts(
            year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
        if date.day == 0 { date.day = nil }
        if date.month == 0 { (date.month, date.day) = (nil, nil) }
        if let month = date.month, (13...16).contains(month) || (21...24).contains(month) {
            (date.season, date.month, date.day) = (String((month - 1) % 4 + 1), nil, nil)
        }
        if let month = date.month, !(1...12).contains(month) {
            throw Diagnostic.error(at: node.location, "'\(key)' has month \(month), which is not 1 to 12 (13 to 16 are the seasons)")
        }
        if let day = date.day, !(1...31).contains(day) {
            throw Diagnostic.error(at: node.location, "'\(key)' has day \(day), which is not 1 to 31")
        }
        return date
    }
}
