import CSL

extension Reference {
    /// The entry as the CSL processor takes it: every variable it has, by its CSL name, and the address its title
    /// links to (the DOI, the web page, PubMed Central or PubMed, the first there is).
    var cslItem: CSLItem {
        var fields: [String: String] = [:]
        func set(_ name: String, _ value: String?) {
            if let value { fields[name] = value }
        }
        set("title", title)
        set("container-title", containerTitle)
        set("container-title-short", containerTitleShort)
        set("volume", volume)
        set("issue", issue)
        set("page", page)
        set("publisher", publisher)
        set("publisher-place", publisherPlace)
        set("edition", edition)
        set("number-of-pages", numberOfPages)
        set("genre", genre)
        set("URL", url)
        set("DOI", bareDOI)
        set("PMID", pmid)
        set("PMCID", pmcid)
        // The other variables, and the rich text of a title where it has more than its plain text.
        fields.merge(otherFields) { _, other in other }
        let namesAsRead = namesAsRead
        func cslName(_ name: Name) -> CSLName { Self.cslName(name, asRead: namesAsRead) }
        var names = otherNames.mapValues { $0.map(cslName) }
        if !authors.isEmpty {
            // A list shortened with `and others` ends with the name citeproc reads as such.
            names["author"] = authors.map(cslName) + (hasMoreAuthors ? [CSLName(literal: "others")] : [])
        }
        if !editors.isEmpty { names["editor"] = editors.map(cslName) }
        var dates = otherDates.mapValues(Self.cslDate)
        if let issued { dates["issued"] = Self.cslDate(issued) } else if let issuedLiteral { dates["issued"] = CSLDate(literal: issuedLiteral) }
        if let accessed { dates["accessed"] = Self.cslDate(accessed) }
        for (name, literal) in literalDates { dates[name] = CSLDate(literal: literal) }
        // Runs of spaces print as one, as pandoc reads them.
        for (name, value) in fields where value.containsBytes("  ") { fields[name] = Self.collapsingSpaces(value) }
        var item = CSLItem(
            id: id, type: type, language: otherFields["language"], fields: fields, names: names, dates: dates,
            link: doiURL ?? webURL ?? pmcURL ?? pubMedURL)
        // pandoc narrows the spaces of a CSL-JSON file's text only (not BibTeX's, RIS's, YAML's or an article's).
        let path = location.path.lowercased()
        item.narrowsSpaces = path.hasSuffix(".json")
        item.quotesAsText = quotesAsText
        // pandoc reads a note's `name: value` lines as variables in a CSL-JSON file only (not in BibTeX, RIS or YAML).
        item.readsNoteVariables = path.hasSuffix(".json")
        item.namesAreText = namesAreText
        return item
    }

    /// What a style may print otherwise from this entry than from `other`: the CSL variables whose values differ (and
    /// `type`), by name in alphabetical order (`author`, `DOI`, `title`), or the retraction and erratum notices; empty
    /// when they differ in nothing but their places.
    func differences(from other: Reference) -> [String] {
        guard other.placed(like: self) != self else { return [] }
        let (item, otherItem) = (cslItem, other.cslItem)
        func differing<Value: Equatable>(_ mine: [String: Value], _ theirs: [String: Value]) -> Set<String> {
            Set(mine.keys).union(theirs.keys).filter { mine[$0] != theirs[$0] }
        }
        var names = differing(item.fields, otherItem.fields).union(differing(item.names, otherItem.names)).union(differing(item.dates, otherItem.dates))
        if type != other.type { names.insert("type") }
        if names.isEmpty, notices != other.notices { return ["retraction and erratum notices"] }
        return names.sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
    }

    /// The quotation marks that are characters in the entry's text, by the format of its file: pandoc reads a BibTeX
    /// file's `"` as a character (LaTeX quotes with ``…''), not as quotation marks, and its `'` (which only
    /// `\textquotesingle` leaves in the text, `'` itself being ’) as an apostrophe as typed; a YAML file's text (and an
    /// article's `references:`) as Markdown, whose curly quotes and escaped ones (`\"`) are characters
    /// (``PandocMarkdownText/quotesAsText``); a RIS file's as text, every quotation mark a character (an apostrophe `'`
    /// too, where the others print ’).
    var quotesAsText: CSLQuotesAsText {
        let path = location.path.lowercased()
        if path.hasSuffix(".bib") || path.hasSuffix(".bibtex") { return [.straightDouble, .straightSingle] }
        if path.hasSuffix(".ris") { return [.curly, .straightDouble, .straightSingle] }
        return path.hasSuffix(".json") || path.hasSuffix(".nbib") ? [] : PandocMarkdownText.quotesAsText
    }

    /// Whether the entry's names are in the parts its file's reader split them into, where the CSL processor finds no
    /// more particles: pandoc splits a BibTeX name by BibTeX's rules alone, so that a family name in braces
    /// (`{von Neumann}, John`, `Vincent {van Gogh}`) or one word (`d'Alembert`, `al-Khwarizmi`) is the family name
    /// whole, and a given name that ends in a lowercase word (`Smith, John van`) the given name whole, where a CSL-JSON
    /// or CSL-YAML family name "von Neumann" is the particle "von" and "Neumann", and a given name "John van" is "John"
    /// and the particle "van".
    var namesAsRead: Bool {
        let path = location.path.lowercased()
        return path.hasSuffix(".bib") || path.hasSuffix(".bibtex")
    }

    private static func collapsingSpaces(_ text: String) -> String {
        var result = ""
        for character in text where !(character == " " && result.last == " ") { result.append(character) }
        return result
    }

    /// - Parameter asRead: whether the name's parts are as its reader split them (``namesAsRead``), for the CSL
    ///   processor to take as they are (``CSLName/partsAsRead``).
    private static func cslName(_ name: Name, asRead: Bool) -> CSLName {
        CSLName(
            family: name.family, given: name.given, droppingParticle: name.droppingParticle, nonDroppingParticle: name.nonDroppingParticle,
            suffix: name.suffix, literal: name.literal, partsAsRead: asRead)
    }

    private static func cslDate(_ date: DateParts) -> CSLDate {
        // A range of seasons: each as its month 13 to 16, as CSL-JSON writes them, which styles print as a range.
        if let start = date.season.flatMap({ Int($0) }), let end = date.endSeason.flatMap({ Int($0) }), (1...4).contains(start), (1...4).contains(end) {
            return CSLDate(parts: [[date.year, 12 + start], [date.endYear ?? date.year, 12 + end]], season: nil, circa: date.circa)
        }
        let first = [date.year] + (date.month.map { [$0] + (date.day.map { [$0] } ?? []) } ?? [])
        var parts = [first]
        if date.endYear != nil || date.endMonth != nil {
            parts.append([date.endYear ?? date.year] + (date.endMonth.map { [$0] + (date.endDay.map { [$0] } ?? []) } ?? []))
        }
        return CSLDate(parts: parts, season: date.season, circa: date.circa)
    }
}
