import Synchronization

/// An item to cite, as CSL describes one (CSL 1.0.2, "Appendix IV - Variables"): its type, and its variables by
/// kind. Ordinary and number variables are text (a number variable may hold `12-15` or `2nd`); name variables are
/// lists of names; date variables are dates.
public struct CSLItem: Sendable, Equatable {
    public var id: String {
        get { storage.id }
        set { mutableStorage.id = newValue }
    }
    /// `article-journal`, `book`, `chapter`…
    public var type: String {
        get { storage.type }
        set { mutableStorage.type = newValue }
    }
    /// The item's language (`language`), which decides whether title case applies: only to English items.
    public var language: String? {
        get { storage.language }
        set { mutableStorage.language = newValue }
    }
    public var fields: [String: String] {
        get { storage.fields }
        set { mutableStorage.fields = newValue }
    }
    public var names: [String: [CSLName]] {
        get { storage.names }
        set { mutableStorage.names = newValue }
    }
    public var dates: [String: CSLDate] {
        get { storage.dates }
        set { mutableStorage.dates = newValue }
    }
    /// Not a CSL variable: the address the item's title links to in a bibliography entry printed as HTML (the source
    /// itself, for a reader who clicks the title), nil for none.
    public var link: String? {
        get { storage.link }
        set { mutableStorage.link = newValue }
    }

    /// Whether a space before `;`, `?`, `!` or `»` (or after `«`) in the item's text prints narrow and no-break (French
    /// typography: "Paris ; Genève"), as pandoc's citeproc reads a CSL-JSON item's text, and no other format's.
    public var narrowsSpaces = true
    /// The quotation marks in the item's text that are characters, printed as typed, where a pair of them is otherwise
    /// quoted in the locale's marks: as pandoc reads a BibTeX file's text, its straight double quotes (`\`\`…''`
    /// quotes); a YAML file's (read as Markdown), its curly ones; a RIS file's, all.
    public var quotesAsText: CSLQuotesAsText = []
    /// Whether the `name: value` lines at the start of the item's `note` are its variables (``withNoteVariables()``), as
    /// pandoc reads a CSL-JSON file's items, and no other format's (a BibTeX `note` of Zotero's "Extra" lines is a note).
    public var readsNoteVariables = true
    /// Whether the parts of the item's names are text, not CSL's rich text: a tag (`<i>van</i> Dyke`) and a quotation
    /// mark print as typed, and a straight apostrophe as ’ (`'Jack'` is ’Jack’), as pandoc's citeproc reads a CSL-JSON
    /// file's names.
    public var namesAreText = false

    /// The variables, in one place shared by the item's copies until one changes (copy on write): the processor
    /// copies an item into every context it renders it in, and a copy is one reference.
    private var storage: Storage

    private final class Storage: @unchecked Sendable {
        // Written only through `mutableStorage`, when no other item shares it.
        var id: String, type: String, language: String?
        var fields: [String: String], names: [String: [CSLName]], dates: [String: CSLDate]
        var link: String?
        /// Whether the variables hold ``CSLProcessor/locatorStandIn``'s digits: 0 not worked out yet, 1 no, 2 yes.
        /// Every cite of the item with a page number asks; its variables are read once.
        let holdsStandIn = Atomic<UInt8>(0)

        init(id: String, type: String, language: String?, fields: [String: String], names: [String: [CSLName]], dates: [String: CSLDate], link: String?) {
            self.id = id
            self.type = type
            self.language = language
            self.fields = fields
            self.names = names
            self.dates = dates
            self.link = link
        }

        func copy() -> Storage { Storage(id: id, type: type, language: language, fields: fields, names: names, dates: dates, link: link) }
    }

    private var mutableStorage: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) {
                storage = storage.copy()
            } else {
                // Its variables are about to change: what was worked out from them is no longer known.
                storage.holdsStandIn.store(0, ordering: .relaxed)
            }
            return storage
        }
    }

    public init(id: String, type: String, language: String? = nil, fields: [String: String] = [:],
                names: [String: [CSLName]] = [:], dates: [String: CSLDate] = [:], link: String? = nil) {
        storage = Storage(id: id, type: type, language: language, fields: fields, names: names, dates: dates, link: link)
    }

    /// Whether any of the item's variables (its id and link too) holds ``CSLProcessor/locatorStandIn``'s digits:
    /// worked out once for the variables, which the item's copies share.
    var holdsLocatorStandIn: Bool {
        switch storage.holdsStandIn.load(ordering: .relaxed) {
        case 1: return false
        case 2: return true
        default:
            let holds = CSLProcessor.holdsStandIn(id) || link.map(CSLProcessor.holdsStandIn) == true || fields.values.contains(where: CSLProcessor.holdsStandIn)
                || names.values.contains { names in
                    names.contains { name in
                        [name.family, name.given, name.literal, name.suffix, name.droppingParticle, name.nonDroppingParticle].contains { $0.map(CSLProcessor.holdsStandIn) == true }
                    }
                }
                || dates.values.contains { date in
                    [date.literal, date.season].contains { $0.map(CSLProcessor.holdsStandIn) == true } || date.parts.joined().contains { $0 > 999_999_999 }
                }
            storage.holdsStandIn.store(holds ? 2 : 1, ordering: .relaxed)
            return holds
        }
    }

    public static func == (a: CSLItem, b: CSLItem) -> Bool {
        a.narrowsSpaces == b.narrowsSpaces && a.quotesAsText == b.quotesAsText && a.readsNoteVariables == b.readsNoteVariables && a.namesAreText == b.namesAreText && (a.storage === b.storage || a.id == b.id && a.type == b.type && a.language == b.language
            && a.fields == b.fields && a.names == b.names && a.dates == b.dates && a.link == b.link)
    }

    /// The item with the variables its `note` gives (Zotero's way of storing fields it has no place for, which
    /// citeproc-js and pandoc read), as pandoc 3.9 reads them: `name: value` lines and `{:name: value}` fields at the
    /// note's start, up to the first text that is neither, a name of letters and hyphens in any case. A name variable's
    /// lines are its names, each `Family || Given` or a family name alone; a date variable's is read as a date in text
    /// (`issued: 2019-03-04`), or printed as written when it is none. Pandoc
    /// takes an item's keys in alphabetical order, the note's among them, so a note's variable replaces the item's own
    /// when its name comes before `note` (`container-title`, `author`), and fills it only when it is missing otherwise
    /// (`page`, `translator`). The note keeps the text after them alone, as pandoc's does: a style that prints `note`
    /// printed "Publisher: IEEE" after the entry that it had read as its publisher.
    func withNoteVariables() -> CSLItem {
        guard readsNoteVariables, let note = fields["note"], note.contains(":") else { return self }
        var item = self
        var people: [(variable: String, names: [CSLName])] = []
        let (noteFields, rest) = Self.noteFields(note)
        if !noteFields.isEmpty { item.fields["note"] = rest.isEmpty ? nil : String(rest) }
        for (key, value) in noteFields where !Self.notTextVariables.contains(key) {
            let name = CSLVocabulary.variable(named: key) ?? key
            guard key < "note" || item.fields[name] == nil else { continue }
            item.fields[name] = value
        }
        for (name, value) in noteFields where CSLVocabulary.nameVariables.contains(name) {
            // `Family || Given` (anything after a second `||` left out), or a family name alone.
            var person = CSLName(family: Self.stripped(value))
            if let bar = value.firstRange(of: "||") {
                let given = value[bar.upperBound...]
                person = CSLName(family: Self.stripped(value[..<bar.lowerBound]), given: Self.stripped(given[..<(given.firstRange(of: "||")?.lowerBound ?? given.endIndex)]))
            }
            if let index = people.firstIndex(where: { $0.variable == name }) { people[index].names.append(person) } else { people.append((name, [person])) }
        }
        for (variable, names) in people where variable < "note" || item.names[variable] == nil {
            item.names[variable] = names
        }
        // Dates as text (`issued: 2019-03-04`, `{:original-date: 1999}`).
        for (name, value) in noteFields where CSLVocabulary.dateVariables.contains(name) && (name < "note" || item.dates[name] == nil) {
            guard !value.isEmpty else { continue }
            if let date = CSLDate.read(value), let start = date.parts.first, !start.isEmpty, start != [0] {
                item.dates[name] = CSLDate(parts: date.parts, circa: date.circa)
            } else {
                item.dates[name] = CSLDate(literal: value)
            }
        }
        return item
    }

    /// Text without the white space around it, as pandoc strips a note's values.
    static func stripped(_ value: some StringProtocol) -> String {
        String(value.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// The `name: value` lines and `{:name: value}` fields at the start of a note, each name lowercased and each value
    /// without the spaces around it; and the text after them, as written.
    static func noteFields(_ note: String) -> (fields: [(name: String, value: String)], rest: Substring) {
        var fields: [(name: String, value: String)] = []
        var rest = Substring(note)
        func name(_ text: inout Substring) -> String? {
            let name = text.prefix { $0.isLetter || $0 == "-" }
            guard !name.isEmpty, text[name.endIndex...].first == ":" else { return nil }
            text = text[text.index(after: name.endIndex)...]
            return name.lowercased()
        }
        while !rest.isEmpty {
            var field = rest
            if field.hasPrefix("{:") {
                field = field.dropFirst(2)
                guard let key = name(&field), let close = field.firstIndex(of: "}") else { break }
                fields.append((key, stripped(field[..<close])))
                rest = field[field.index(after: close)...]
            } else {
                guard let key = name(&field) else { break }
                let end = field.firstIndex { $0 == "\n" || $0 == "\r\n" } ?? field.endIndex
                fields.append((key, stripped(field[..<end])))
                rest = end == field.endIndex ? field[end...] : field[field.index(after: end)...]
            }
        }
        return (fields, rest)
    }

    /// Variables a note may name that are not text: names, dates, and what the item is.
    static let notTextVariables: Set<String> = CSLVocabulary.nameVariables.union(CSLVocabulary.dateVariables).union(["id", "type", "note", "container"])

    /// The item's `citation-label`: its own, or ``trigraph``.
    var citationLabel: String {
        fields["citation-label"].flatMap { $0.isEmpty ? nil : $0 } ?? trigraph
    }

    /// The `citation-label` an item without one gets, as pandoc's citeproc makes it (a "trigraph"): the family names of
    /// its first four authors (or, with none, of the first name variable in alphabetical order; `Xyz` with no names at
    /// all), four letters of one name, two of each of two or three, one of each of four or more, then the last two
    /// digits of the year it was issued: `Doe65`, `RoNo78`.
    var trigraph: String {
        let variable = names["author"] != nil ? "author" : names.keys.min()
        var label = "Xyz"
        if let variable {
            let people = names[variable] ?? []
            let letters = people.count == 1 ? 4 : people.count >= 4 ? 1 : 2
            label = people.prefix(4).map { String(($0.parsingParticles().family ?? "").prefix(letters)) }.joined()
        }
        if let year = dates["issued"]?.parts.first?.first {
            let twoDigits = ((year % 100) + 100) % 100
            label += twoDigits < 10 ? "0\(twoDigits)" : String(twoDigits)
        }
        return label
    }

    /// Whether title case may change the item's words: when it has no language or an English one.
    var isEnglish: Bool {
        guard let language, !language.isEmpty else { return true }
        let code = language.lowercased()
        return code == "en" || code.hasPrefix("en-") || code.hasPrefix("en_")
    }

    /// The item's language as pandoc's citeproc reads it to tell two cites' authors apart: a language tag up to the
    /// first space, in any case, `_` for `-` (`en_US` is `en-us`, `en and de` is `en`), its subtags up to one that is
    /// none; nil when there is none or it starts with no language (` en`, `langlatin`, `e`).
    var languageTag: String? {
        guard let language else { return nil }
        let parts = language.lowercased().prefix { !$0.isWhitespace }.split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let first = parts.first, (2...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        let subtags = parts.dropFirst().prefix { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        return ([first] + subtags).joined(separator: "-")
    }

    /// Whether the item's language is Turkish or Azerbaijani, whose dotted and dotless i change case in pairs of
    /// their own (i and İ, ı and I).
    var hasTurkicCasing: Bool {
        guard let language else { return false }
        let primary = language.lowercased().prefix { $0 != "-" && $0 != "_" }
        return primary == "tr" || primary == "az"
    }
}

/// A person or an organisation, in the parts CSL names.
public struct CSLName: Sendable, Equatable {
    public var family: String?
    public var given: String?
    /// A particle that goes with the given name when the name is inverted (`van` in "Beethoven, Ludwig van").
    public var droppingParticle: String?
    /// A particle that stays with the family name (`de` in "de Gaulle").
    public var nonDroppingParticle: String?
    public var suffix: String?
    /// Whether a comma goes before the suffix even when the name is not inverted ("Jr." after "John Doe, Jr.").
    public var commaSuffix: Bool
    /// Whether the name is printed family-first whatever the style says.
    public var staticOrdering: Bool
    /// A name printed as it is: an organisation.
    public var literal: String?
    /// Whether the parts are final as they are given, with no particle or suffix for ``parsingParticles()`` to find in
    /// them: a BibTeX name, which pandoc splits by BibTeX's rules alone, where it reads the parts of a CSL-JSON name
    /// again ("Smith, John van" has the given name "John van"; a CSL-JSON given name "John van" is "John" and the
    /// particle "van").
    public var partsAsRead: Bool

    public init(family: String? = nil, given: String? = nil, droppingParticle: String? = nil, nonDroppingParticle: String? = nil,
                suffix: String? = nil, commaSuffix: Bool = false, staticOrdering: Bool = false, literal: String? = nil,
                partsAsRead: Bool = false) {
        self.family = family
        self.given = given
        self.droppingParticle = droppingParticle
        self.nonDroppingParticle = nonDroppingParticle
        self.suffix = suffix
        self.commaSuffix = commaSuffix
        self.staticOrdering = staticOrdering
        self.literal = literal
        self.partsAsRead = partsAsRead
    }

    /// Two names are the same when they are read the same, their particles found (``parsingParticles()``), however
    /// their parts were given: a BibTeX name and a CSL-JSON name of the same person are the same person.
    public static func == (a: CSLName, b: CSLName) -> Bool {
        let (a, b) = (a.parsingParticles(), b.parsingParticles())
        return a.family == b.family && a.given == b.given && a.droppingParticle == b.droppingParticle && a.nonDroppingParticle == b.nonDroppingParticle
            && a.suffix == b.suffix && a.commaSuffix == b.commaSuffix && a.staticOrdering == b.staticOrdering && a.literal == b.literal
    }

    /// Moves particles written into the given or family name into their own parts, as CSL processors do for names
    /// without explicit particles: lowercase words that end the given name are a dropping particle ("Ludwig van"),
    /// lowercase words that begin the family name a non-dropping one ("de Gaulle", "d'Alembert").
    public func parsingParticles() -> CSLName {
        guard !partsAsRead else { return self }
        var name = self
        // A given name in double quotes is one: without the quotes, and no suffix after a comma in it; its particles
        // are still found, as pandoc's citeproc reads it ("\"John van\"" is "John" and the particle "van").
        // A suffix written after a comma in the given name: "John, III", or "John,! Jr." for one printed after a comma.
        if name.suffix == nil, let given, given.utf8.first == UInt8(ascii: "\""), given.count > 1, given.hasSuffix("\"") {
            name.given = String(given.dropFirst().dropLast())
        } else if name.suffix == nil, let given, given.utf8.contains(UInt8(ascii: ",")), let comma = given.firstRange(of: ", ") {
            var suffix = given[comma.upperBound...]
            if suffix.hasPrefix("! ") {
                suffix = suffix.dropFirst(2)
                name.commaSuffix = true
            }
            name.suffix = String(suffix)
            name.given = String(given[..<comma.lowerBound])
        } else if name.suffix == nil, let given, given.utf8.contains(UInt8(ascii: ",")), let comma = given.firstRange(of: ",! ") {
            name.suffix = String(given[comma.upperBound...])
            name.commaSuffix = true
            name.given = String(given[..<comma.lowerBound])
        }
        guard literal == nil, droppingParticle == nil, nonDroppingParticle == nil else { return name }
        // A family name in double quotes is taken as it is, particles and all.
        if let family = name.family, family.utf8.first == UInt8(ascii: "\""), family.count > 1, family.hasSuffix("\"") {
            name.family = String(family.dropFirst().dropLast())
            return name
        }
        let given = name.given
        // A particle is a word in lowercase, after any apostrophe ("van", "’t").
        func isParticle(_ word: String) -> Bool { word.drop { $0 == "'" || $0 == "’" }.first?.isLowercase == true }
        if let family, family.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "-") })
            || family.unicodeScalars.contains("’") {
            var words = family.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            var particles: [String] = []
            while words.count > 1, let first = words.first, isParticle(first) {
                particles.append(words.removeFirst())
            }
            // "d'Alembert", "al-One": a lowercase particle joined to the name by an apostrophe or a hyphen.
            if particles.isEmpty, words.count == 1, let word = words.first, word.first?.isLowercase == true,
               let joint = word.firstIndex(where: { $0 == "'" || $0 == "’" || $0 == "-" }), word.index(after: joint) < word.endIndex,
               word[word.index(after: joint)].isUppercase || word[joint] != "-" {
                name.nonDroppingParticle = String(word[...joint])
                name.family = String(word[word.index(after: joint)...])
            } else if !particles.isEmpty {
                name.nonDroppingParticle = particles.joined(separator: " ")
                name.family = words.joined(separator: " ")
            }
        }
        // A dropping particle ends the given name, as pandoc's citeproc reads one: the words from the first one of
        // lowercase letters and marks (`'`, `’`, `-`, `–`, `.`), when every word after it is one too and a word comes
        // before it ("Jean de la" is "Jean" and "de la"; "a. b." is a given name of initials).
        if let given, given.utf8.contains(UInt8(ascii: " ")) {
            let words = given.split(separator: " ")
            func isParticle(_ word: Substring) -> Bool { word.allSatisfy { $0.isLowercase || "'’-\u{2013}.".contains($0) } }
            if let first = words.firstIndex(where: isParticle), first > 0, words[first...].allSatisfy(isParticle) {
                name.droppingParticle = words[first...].joined(separator: " ")
                name.given = words[..<first].joined(separator: " ")
            }
        }
        return name
    }
}

/// A date or a range of two dates, each a year with an optional month (13 to 16 for the seasons) and day; or text
/// to print as it is.
public struct CSLDate: Sendable, Equatable {
    /// One or two dates, each `[year]`, `[year, month]` or `[year, month, day]`.
    public var parts: [[Int]]
    /// A season (1 spring to 4 winter), or text such as "Easter", in place of a month.
    public var season: String?
    /// An approximate date ("circa").
    public var circa: Bool
    public var literal: String?

    public init(parts: [[Int]] = [], season: String? = nil, circa: Bool = false, literal: String? = nil) {
        self.parts = parts
        self.season = season
        self.circa = circa
        self.literal = literal
    }

    var isEmpty: Bool { parts.isEmpty && literal == nil }
    /// A range with no end yet ("1987–"): its second date's year is 0.
    var isOpenRange: Bool { parts.count > 1 && (parts[1].first ?? 0) == 0 }
    var start: [Int] { parts.first ?? [] }
    /// The second date of a range, nil when it is a single date or the second is the first.
    var end: [Int]? {
        guard parts.count > 1, !parts[1].isEmpty, parts[1].first != 0 || parts[1].count > 1 else { return nil }
        return parts[1] == parts[0] ? nil : parts[1]
    }
}

/// One cite of a citation: which item, with what the author wrote around it.
public struct CSLCite: Sendable, Equatable {
    public var id: String
    public var prefix: String?
    public var suffix: String?
    public var locator: String?
    /// The locator's kind: `page` (the default), `chapter`, `section`…
    public var label: String?
    /// `[-@key]`: the author is left out.
    public var suppressAuthor: Bool
    /// Only the author is printed (an in-text citation's name part).
    public var authorOnly: Bool
    /// Not part of CSL: the address the cite's text links to in HTML (its entry in the bibliography), nil for none.
    public var link: String?

    public init(id: String, prefix: String? = nil, suffix: String? = nil, locator: String? = nil, label: String? = nil,
                suppressAuthor: Bool = false, authorOnly: Bool = false, link: String? = nil) {
        self.link = link
        self.id = id
        self.prefix = prefix
        self.suffix = suffix
        self.locator = locator
        self.label = label
        self.suppressAuthor = suppressAuthor
        self.authorOnly = authorOnly
    }
}

/// A citation: the cites at one place in the text, and the note it stands in for a note style (nil in the body).
public struct CSLCitation: Sendable, Equatable {
    public var cites: [CSLCite]
    public var noteNumber: Int?

    public init(cites: [CSLCite], noteNumber: Int? = nil) {
        self.cites = cites
        self.noteNumber = noteNumber
    }
}

extension CSLItem {
    /// Every value the item holds, as bytes in a fixed order (its variables sorted by name): two items with the same
    /// bytes are the same item, which a style prints the same in any process. What an entry's printed text is kept
    /// under from one build to the next; a value added to ``CSLItem``, ``CSLName`` or ``CSLDate`` is to be added here
    /// (a test lists them).
    public var fingerprint: [UInt8] {
        var bytes = FingerprintBytes()
        bytes.text(id)
        bytes.text(type)
        bytes.text(language)
        bytes.text(link)
        bytes.flag(narrowsSpaces)
        bytes.number(quotesAsText.rawValue)
        bytes.flag(readsNoteVariables)
        bytes.flag(namesAreText)
        bytes.number(fields.count)
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            bytes.text(name)
            bytes.text(value)
        }
        bytes.number(names.count)
        for (variable, list) in names.sorted(by: { $0.key < $1.key }) {
            bytes.text(variable)
            bytes.number(list.count)
            for name in list {
                for part in [name.family, name.given, name.droppingParticle, name.nonDroppingParticle, name.suffix, name.literal] { bytes.text(part) }
                bytes.flag(name.commaSuffix)
                bytes.flag(name.staticOrdering)
                bytes.flag(name.partsAsRead)
            }
        }
        bytes.number(dates.count)
        for (variable, date) in dates.sorted(by: { $0.key < $1.key }) {
            bytes.text(variable)
            bytes.number(date.parts.count)
            for part in date.parts {
                bytes.number(part.count)
                for value in part { bytes.number(value) }
            }
            bytes.text(date.season)
            bytes.flag(date.circa)
            bytes.text(date.literal)
        }
        return bytes.bytes
    }
}

extension CSLCitation {
    /// Every value of the citations, as bytes in a fixed order, as ``CSLItem/fingerprint`` says an item: what a
    /// document's rendered citations are kept under with its items' (a value added to ``CSLCitation`` or ``CSLCite`` is
    /// to be added here; a test lists them).
    public static func fingerprint(_ citations: [CSLCitation]) -> [UInt8] {
        var bytes = FingerprintBytes()
        bytes.number(citations.count)
        for citation in citations {
            bytes.number(citation.noteNumber ?? -1)
            bytes.number(citation.cites.count)
            for cite in citation.cites {
                for part in [cite.id, cite.prefix, cite.suffix, cite.locator, cite.label, cite.link] { bytes.text(part) }
                bytes.flag(cite.suppressAuthor)
                bytes.flag(cite.authorOnly)
            }
        }
        return bytes.bytes
    }
}

/// Values written as bytes one after another, each so that no two sequences of values give the same bytes: a number
/// as 8 bytes, text as a byte for whether there is any, its length and its UTF-8.
private struct FingerprintBytes {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(512) }

    mutating func number(_ value: Int) { withUnsafeBytes(of: UInt64(UInt(bitPattern: value)).littleEndian) { bytes += $0 } }

    mutating func text(_ value: String?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        number(value.utf8.count)
        bytes += value.utf8
    }

    mutating func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }
}
