/// Maps a BibTeX or BibLaTeX entry's fields to a CSL ``Reference`` as pandoc 3.9's BibLaTeX reader does: its types,
/// titles joined with their subtitles and title addons, `maintitle` and `booktitle` for volumes and chapters, lists of
/// places and publishers, `eprint` links, `useprefix`, and titles of English entries in sentence case (those of
/// other languages, by `langid`, as written; all of them as written on a site in another language).
struct BibTeXConverter {
    let source: SourceText
    var variant: BibTeXReader.Variant = .biblatex
    /// Whether the site is in English (pandoc's `lang`): only then are titles put in sentence case.
    var englishSite = true

    /// An entry as read: its type (lower case), key, fields and where it starts.
    struct Entry {
        var type: String
        var key: String
        var fields: [String: BibTeXField]
        var start: SourceLocation
    }

    private static let types: [String: String] = [
        "article": "article-journal", "book": "book", "booklet": "pamphlet", "bookinbook": "book", "collection": "book",
        "dataset": "dataset", "electronic": "webpage", "inbook": "chapter", "incollection": "chapter",
        "inreference": "entry-encyclopedia", "inproceedings": "paper-conference", "conference": "paper-conference",
        "manual": "book", "mastersthesis": "thesis", "misc": "", "mvbook": "book", "mvcollection": "book",
        "mvproceedings": "book", "mvreference": "book", "online": "webpage", "patent": "patent", "periodical": "article-journal",
        "phdthesis": "thesis", "proceedings": "book", "reference": "book", "report": "report", "software": "software",
        "suppbook": "chapter", "suppcollection": "chapter", "suppperiodical": "article-journal", "techreport": "report",
        "thesis": "thesis", "unpublished": "manuscript", "www": "webpage", "artwork": "graphic", "audio": "song",
        "commentary": "book", "image": "graphic", "jurisdiction": "legal_case", "legislation": "legislation",
        "legal": "treaty", "letter": "personal_communication", "movie": "motion_picture", "music": "song",
        "performance": "speech", "review": "review", "standard": "legislation", "video": "motion_picture",
    ]

    /// A warning for an entry type that neither BibTeX nor biblatex has (`@artcle`, `@foo`), which is read as `@misc`,
    /// as pandoc reads it, with the type meant.
    static func unknownTypeWarning(_ entry: Entry) -> Diagnostic? {
        // biblatex's own types that are no works of their own (`@xdata`, `@set`), and its custom types, are no typos.
        let containers: Set = ["xdata", "set", "bibnote", "customa", "customb", "customc", "customd", "custome", "customf"]
        guard types[entry.type] == nil, !containers.contains(entry.type) else { return nil }
        // pandoc reads a type of letters only: one with `_` or a digit (Mendeley's `@book_section`) fails its whole file.
        let pandocReads = entry.type.allSatisfy { $0.isASCII && $0.isLetter }
        let meant = mendeleyTypes[entry.type].map { "write @\($0)" }
            ?? Suggestion.nearest(to: entry.type, among: types.keys).map { "did you mean @\($0)? Or write @misc" } ?? "write @misc, or the type meant"
        return .warning(at: entry.start, "unknown entry type '@\(entry.type)', read as @misc \(pandocReads ? "(as pandoc reads it)" : "(pandoc refuses the file)"), "
            + "which styles print with the least detail; \(meant)")
    }

    /// The types Mendeley writes that are no BibTeX's, and biblatex's types for them.
    private static let mendeleyTypes = ["book_section": "incollection", "web_page": "online"]

    /// A warning for a field that commands this reader does not know leave empty (`journal = {\apj}`), which prints
    /// nothing (as in pandoc, which knows them no more): it names the command, and for one of the journal macros of
    /// NASA ADS's exports the journal meant. Only a field that starts with a command is read again.
    static func emptiedFieldWarning(_ field: BibTeXField, name: String) -> Diagnostic? {
        guard field.value.first(where: { $0 != "{" && !$0.isWhitespace }) == "\\" else { return nil }
        let decoded = LaTeXText.decode(field.value)
        guard let command = decoded.unknownCommands.first, decoded.text.allSatisfy(\.isWhitespace) else { return nil }
        let fix = adsJournals[command].map { "\\\(command) is a NASA ADS journal macro: write the journal's name, \($0)" }
            ?? (LaTeXText.printsInMathOnly(command)
                ? "pandoc and sitegen print \\\(command) in math ($…$) only: write its text"
                : "sitegen does not know \\\(command) (nor does pandoc): write its text")
        return .warning(at: field.location, "\(name) = {\(field.value)} prints nothing; \(fix)")
    }

    /// The journal macros of the AAS (`aas_macros.sty`) that NASA ADS writes in its BibTeX, and the journals they name.
    private static let adsJournals: [String: String] = [
        "aj": "Astronomical Journal", "actaa": "Acta Astronomica", "araa": "Annual Review of Astronomy and Astrophysics",
        "apj": "Astrophysical Journal", "apjl": "Astrophysical Journal Letters", "apjs": "Astrophysical Journal Supplement Series",
        "ao": "Applied Optics", "apss": "Astrophysics and Space Science", "aap": "Astronomy and Astrophysics",
        "aapr": "Astronomy and Astrophysics Review", "aaps": "Astronomy and Astrophysics Supplement Series",
        "azh": "Astronomicheskii Zhurnal", "baas": "Bulletin of the American Astronomical Society",
        "caa": "Chinese Astronomy and Astrophysics", "cjaa": "Chinese Journal of Astronomy and Astrophysics", "icarus": "Icarus",
        "jcap": "Journal of Cosmology and Astroparticle Physics", "jrasc": "Journal of the Royal Astronomical Society of Canada",
        "memras": "Memoirs of the Royal Astronomical Society", "mnras": "Monthly Notices of the Royal Astronomical Society",
        "na": "New Astronomy", "nar": "New Astronomy Reviews", "pra": "Physical Review A", "prb": "Physical Review B",
        "prc": "Physical Review C", "prd": "Physical Review D", "pre": "Physical Review E", "prl": "Physical Review Letters",
        "pasa": "Publications of the Astronomical Society of Australia", "pasp": "Publications of the Astronomical Society of the Pacific",
        "pasj": "Publications of the Astronomical Society of Japan", "rmxaa": "Revista Mexicana de Astronomía y Astrofísica",
        "qjras": "Quarterly Journal of the Royal Astronomical Society", "skytel": "Sky and Telescope", "solphys": "Solar Physics",
        "sovast": "Soviet Astronomy", "ssr": "Space Science Reviews", "zap": "Zeitschrift für Astrophysik", "nat": "Nature",
        "iaucirc": "IAU Circulars", "aplett": "Astrophysical Letters", "bain": "Bulletin of the Astronomical Institutes of the Netherlands",
        "gca": "Geochimica et Cosmochimica Acta", "grl": "Geophysical Research Letters", "jcp": "Journal of Chemical Physics",
        "jgr": "Journal of Geophysical Research", "jqsrt": "Journal of Quantitative Spectroscopy and Radiative Transfer",
        "memsai": "Memorie della Società Astronomica Italiana", "nphysa": "Nuclear Physics A", "physrep": "Physics Reports",
        "physscr": "Physica Scripta", "planss": "Planetary and Space Science", "procspie": "Proceedings of the SPIE",
    ]

    /// The fields an entry is printed from (or that say how to read it).
    static let readFields: Set = [
        "abstract", "addendum", "address", "annotation", "annote", "archiveprefix", "author", "bookauthor", "booksubtitle",
        "booktitle", "booktitleaddon", "chapter", "crossref", "date", "day", "director", "doi", "edition", "editor", "editortype",
        "entrysubtype", "eprint", "eprinttype", "eventdate", "eventtitle", "howpublished", "hyphenation", "institution",
        "isbn", "issn", "issue", "issuesubtitle", "issuetitle", "journal", "journalsubtitle", "journaltitle", "keywords",
        "langid", "langidopts", "library", "location", "mainsubtitle", "maintitle", "maintitleaddon", "month", "note",
        "number", "options", "organization", "origdate", "origlocation", "origpublisher", "origtitle", "origyear",
        "pages", "pagetotal", "part", "pmc", "pmcid", "pmid", "publisher", "pubstate", "school", "series",
        "shortjournal", "shorttitle", "subtitle", "title", "titleaddon", "translator", "type", "url", "urldate",
        "venue", "version", "volume", "volumes", "xdata", "year",
    ]

    /// The other fields of biblatex's data model and BibTeX's, which sitegen does not read, and a few of reference
    /// managers' exports one letter from one it does (`notes`, `keyword`, `files`): no typos.
    private static let otherFields: Set = [
        "afterword", "annotator", "authortype", "bookpagination", "commentator", "editora", "editoratype", "editorb", "editorbtype",
        "editorc", "editorctype", "eid", "entryset", "eprintclass", "eventtitleaddon", "execute", "file", "foreword", "gender",
        "holder", "ids", "indexsorttitle", "indextitle", "introduction", "isan", "ismn", "isrc", "issuetitleaddon", "iswc",
        "journaltitleaddon", "key", "label", "language", "lista", "listb", "listc", "listd", "liste", "listf", "namea",
        "nameaddon", "nameatype", "nameb", "namebtype", "namec", "namectype", "origlanguage", "pagination", "pdf", "presort",
        "primaryclass", "related", "relatedoptions", "relatedstring", "relatedtype", "reprinttitle", "shortauthor",
        "shorteditor", "shorthand", "shorthandintro", "shortseries", "sortkey", "sortname", "sortshorthand", "sorttitle",
        "sortyear", "usera", "userb", "userc", "userd", "usere", "userf", "verba", "verbb", "verbc", "xref",
        "files", "keyword", "notes",
    ]

    /// A warning for each field whose name is not one sitegen reads but one letter from one it does (`jounral`,
    /// `yaer`: a letter wrong, missing, added, or two swapped), which is not read, unless the entry has that field too.
    /// Other fields (exports hold many: `abstract`, `file`, `mendeley-tags`) are passed over in silence.
    static func misspeltFieldWarnings(_ entry: Entry) -> [Diagnostic] {
        entry.fields.compactMap { name, field -> Diagnostic? in
            guard name.count >= 4, !readFields.contains(name), !otherFields.contains(name) else { return nil }
            let letters = Array(name)
            guard let meant = readFields.sorted().first(where: { abs($0.count - name.count) <= 1 && Suggestion.editDistance(letters, Array($0)) == 1 }),
                entry.fields[meant] == nil
            else { return nil }
            return .warning(at: field.location, "unknown field '\(name)' in entry '\(entry.key)', which is not read; did you mean '\(meant)'?")
        }.sorted { $0.location < $1.location }
    }

    /// The fields read only for the styles that print them, none of the built-in styles among them. Exports give some
    /// of them twice by design: Zotero writes an `annote` for each note.
    static let unprintedFields: Set = ["abstract", "annotation", "annote", "keywords", "library"]

    /// A field given again in an entry: its name, the entry's key, where it is given again and where first.
    typealias RepeatedField = (name: String, key: String, location: SourceLocation, first: SourceLocation)

    /// The warnings for fields given twice in an entry, whose first value is read, as BibTeX reads it: a warning at each
    /// for a field that prints, one a file for each of ``unprintedFields`` (at its first entry, counting the others),
    /// and none for a field sitegen does not read (Scopus's `funding_details`), which nothing prints.
    static func repeatedFieldWarnings(_ repeated: [RepeatedField]) -> [Diagnostic] {
        func given(_ name: String, _ key: String) -> String {
            let times = repeated.filter { $0.name == name && $0.key == key }.count + 1
            return times == 2 ? "twice" : "\(times) times"
        }
        var reported: Set<String> = []
        return repeated.compactMap { field -> Diagnostic? in
            guard readFields.contains(field.name) else { return nil }
            guard unprintedFields.contains(field.name) else {
                return .warning(
                    at: field.location,
                    "field '\(field.name)' appears twice in entry '\(field.key)'; the first value (at \(field.first)) is used, as BibTeX does",
                    naming: [field.first.path])
            }
            guard reported.insert(field.name).inserted else { return nil }
            let others = Set(repeated.filter { $0.name == field.name && $0.key != field.key }.map(\.key)).count
            let entries = others == 0 ? "" : ", and in \(others) more \(others == 1 ? "entry" : "entries") of this file"
            return .warning(
                at: field.location,
                "field '\(field.name)' appears \(given(field.name, field.key)) in entry '\(field.key)'\(entries); the first value"
                    + (others == 0 ? " (at \(field.first))" : " of each (here, at \(field.first))") + " is used, as BibTeX does; none of the built-in styles prints it",
                naming: [field.first.path])
        }
    }

    /// The keys a `crossref` or `xdata` field names, parted by commas or spaces.
    static func parentKeys(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    /// A warning for each key in `crossref` or `xdata` that no entry of the file has: nothing is inherited from it.
    static func missingParentWarnings(_ entry: Entry, keys: some Collection<String>) -> [Diagnostic] {
        ["crossref", "xdata"].flatMap { name -> [Diagnostic] in
            guard let field = entry.fields[name] else { return [] }
            return parentKeys(field.value).filter { !keys.contains($0) }.map { key in
                let meant = Suggestion.nearest(to: key, among: keys).map { "; did you mean '\($0)'?" } ?? ": add it to this file, or correct the key"
                return .warning(at: field.location, "\(name) = {\(field.value)} names '\(key)', which no entry of this file has, so entry '\(entry.key)' inherits nothing from it\(meant)")
            }
        }
    }

    /// `langid` values of English entries, whose titles are put in sentence case.
    private static let english: Set = [
        "english", "american", "british", "canadian", "australian", "newzealand", "usenglish", "ukenglish", "en", "en-us",
        "en-gb",
    ]

    func reference(_ entry: Entry) throws(Diagnostic) -> Reference {
        let fields = entry.fields, type = entry.type
        var reference = Reference(id: entry.key, type: Self.types[type] ?? "", location: entry.start)
        if type == "article" || type == "periodical" || type == "suppperiodical" {
            switch plain("entrysubtype", fields)?.lowercased() {
            case "magazine": reference.type = "article-magazine"
            case "newspaper": reference.type = "article-newspaper"
            default: break
            }
        }
        if type == "unpublished", fields["eventdate"] != nil || fields["eventtitle"] != nil || fields["venue"] != nil {
            reference.type = "speech"
        }
        // `hyphenation` counts only without `langid`; a `langid` written empty (`langid = {}`) is a language all the
        // same, and not English, as pandoc reads it.
        let language = (fields["langid"] ?? fields["hyphenation"]).map { LaTeXText.decode($0.value).text.trimmingWhitespace.lowercased() }
        // Titles go in sentence case (for the style's own casing) as pandoc's reader puts them: on an English site
        // (or one without `language`), for entries in English or without `langid`.
        let isEnglish = englishSite && (language.map { Self.english.contains($0) || $0.hasPrefix("en-") } ?? true)
        let options = Self.options(plain("options", fields) ?? "")

        func title(_ name: String) -> String? {
            guard let field = fields[name] else { return nil }
            let decoded = LaTeXText.decode(field.value)
            return nonEmpty(isEnglish ? decoded.sentenceCased() : decoded.text)
        }
        func periodical(_ name: String) -> String? { plain(name, fields) }

        // Names.
        let usePrefix = Self.isSet("useprefix", options)
        func names(_ name: String) throws(Diagnostic) -> (names: [Reference.Name], hasMore: Bool)? {
            guard let field = fields[name] else { return nil }
            var parsed = try BibTeXNames.parse(field, source: source)
            if usePrefix {
                parsed.names = parsed.names.map { name in
                    var name = name
                    if let particle = name.droppingParticle, name.nonDroppingParticle == nil {
                        name.nonDroppingParticle = particle
                        name.droppingParticle = nil
                    }
                    return name
                }
            }
            return parsed
        }
        if let authors = try names("author") { (reference.authors, reference.hasMoreAuthors) = authors }
        reference.notices += Reference.retractionNotices(in: plain("note", fields))
        if plain("editortype", fields) != "director", let editors = try names("editor") { reference.editors = Self.listed(editors) }

        // Titles.
        let isPeriodical = type == "periodical"
        let isChapterLike = ["inbook", "incollection", "inproceedings", "inreference", "bookinbook"].contains(type)
        let hasMainTitle = fields["maintitle"] != nil
        let mainForTitle = hasMainTitle && !isChapterLike
        let mainTitle = (isPeriodical ? title("issuetitle") : nil) ?? (mainForTitle ? title("maintitle") : nil) ?? title("title")
        let subtitle =
            (isPeriodical ? title("issuesubtitle") : nil) ?? (mainForTitle ? (title("mainsubtitle") ?? "") : nil) ?? title("subtitle")
        let titleAddon = (mainForTitle ? (title("maintitleaddon") ?? "") : nil) ?? title("titleaddon")
        if let mainTitle {
            reference.title = Self.join(".", [Self.join(":", [mainTitle, subtitle]), titleAddon])
        }
        // What braces protect stays as written in every style, and what `\emph` styles is printed so: the title in
        // CSL's rich text, when braces protect a word or a command styles text in any of its parts (a subtitle
        // joined to it lost the protection: "5.2~{nm}" printed "5.2 Nm" in title case).
        if !isPeriodical {
            let parts = (mainForTitle ? ["maintitle", "mainsubtitle", "maintitleaddon"] : ["title", "subtitle", "titleaddon"]).map { name -> (plain: String, rich: String)? in
                guard let field = fields[name] else { return nil }
                let decoded = LaTeXText.decode(field.value)
                guard let plain = nonEmpty(isEnglish ? decoded.sentenceCased() : decoded.text) else { return nil }
                return (plain, decoded.richMarkup(plain)?.trimmingWhitespace ?? plain)
            }
            if parts.contains(where: { $0.map { $0.rich != $0.plain } ?? false }) {
                reference.otherFields["title"] = Self.join(".", [Self.join(":", [parts[0], parts[1]]), parts[2]])?.rich
            }
        }
        if mainForTitle, let own = title("title") {
            // A volume of a multi-volume work: the work's title, and the volume's own.
            reference.otherFields["volume-title"] = Self.join(".", [Self.join(":", [own, title("subtitle")]), title("titleaddon")])
        }
        let container =
            (isPeriodical ? periodical("title") : nil) ?? (isChapterLike ? title("maintitle") ?? title("booktitle") : nil)
            ?? periodical("journaltitle") ?? periodical("journal")
        // A chapter of a volume of a multi-volume work: the work is the container, the volume's book its volume title.
        let inVolume = isChapterLike && hasMainTitle
        let containerSubtitle =
            (isPeriodical ? periodical("subtitle") : nil) ?? (isChapterLike ? title(inVolume ? "mainsubtitle" : "booksubtitle") : nil)
            ?? periodical("journalsubtitle")
        let containerAddon =
            (isPeriodical ? periodical("titleaddon") : nil) ?? (isChapterLike ? title(inVolume ? "maintitleaddon" : "booktitleaddon") : nil)
        if let container {
            reference.containerTitle = Self.join(".", [Self.join(":", [container, containerSubtitle]), containerAddon])
        }
        if inVolume, let book = title("booktitle") {
            reference.otherFields["volume-title"] = Self.join(".", [Self.join(":", [book, title("booksubtitle")]), title("booktitleaddon")])
        }
        reference.containerTitleShort = (isPeriodical && !hasMainTitle ? plain("shorttitle", fields) : nil) ?? periodical("shortjournal")

        // Numbers.
        if let volume = plain("volume", fields), let part = plain("part", fields) {
            reference.volume = volume + "." + part
        } else {
            reference.volume = plain("volume", fields) ?? plain("part", fields)
        }
        if ["article", "periodical", "suppperiodical", "review"].contains(type), let number = plain("number", fields) {
            reference.issue = Self.join(",", [number, plain("issue", fields)])
        }
        reference.page = plain("pages", fields).map { String($0.map { $0 == "–" ? "-" : $0 }) }
        reference.edition = plain("edition", fields)
        reference.numberOfPages = plain("pagetotal", fields)

        // Publisher and place: lists joined with semicolons.
        let publishers = ["school", "institution", "organization", "howpublished", "publisher"].compactMap { name in
            name == "howpublished" ? plain(name, fields) : list(name, fields)
        }
        reference.publisher = publishers.isEmpty ? nil : Self.join(";", publishers)
        reference.publisherPlace = list("address", fields) ?? (type != "patent" && variant == .biblatex ? list("location", fields) : nil)

        // Genre: a thesis's kind, or the entry's `type` (a biblatex key such as `techreport` in words).
        let genre = plain("type", fields).map { BiblatexStrings.english($0, exactly: true) ?? $0 }
        switch type {
        case "mastersthesis": reference.genre = genre ?? BiblatexStrings.english("mathesis")
        case "phdthesis": reference.genre = genre ?? BiblatexStrings.english("phdthesis")
        default: reference.genre = genre
        }

        // Addresses: `url` unless `options = {url=false}`, else an `eprint` of a known kind.
        if type == "online" || options["url"] != "false", let url = raw("url", fields) {
            reference.url = url
        } else if let kind = (raw("eprinttype", fields) ?? raw("archiveprefix", fields))?.lowercased(), let eprint = raw("eprint", fields) {
            let bases = [
                "arxiv": "https://arxiv.org/abs/", "jstor": "https://www.jstor.org/stable/",
                "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/", "googlebooks": "https://books.google.com?id=",
            ]
            reference.url = bases[kind].map { $0 + eprint }
        }
        if options["doi"] != "false" { reference.doi = raw("doi", fields) }
        // `pmid` and `pmcid` are the variables PMID and PMCID (Vancouver's "PubMed PMID: …"), as pandoc reads them; a
        // PubMed or PMC eprint (pandoc prints a PubMed one as its URL, a PMC one not at all) and `pmc` are the entry's
        // PubMed or PMC link only.
        reference.pmid = raw("pmid", fields)
        reference.pmcid = raw("pmcid", fields)
        reference.linkOnlyPMCID = raw("pmc", fields)
        for (variable, names) in [("DOI", ["doi"]), ("URL", ["url", "eprint"]), ("PMID", ["pmid", "eprint"]), ("PMCID", ["pmcid", "pmc", "eprint"])] {
            reference.identifierLocations[variable] = names.lazy.compactMap { fields[$0]?.location }.first
        }
        switch (raw("eprinttype", fields) ?? raw("archiveprefix", fields))?.lowercased() {
        case "pubmed": reference.linkOnlyPMID = raw("eprint", fields)
        case "pmc", "pmcid": reference.linkOnlyPMCID = reference.linkOnlyPMCID ?? raw("eprint", fields)
        default: break
        }

        // Dates.
        if let date = fields["date"] {
            reference.issued = try Self.date(date)
        } else if let year = fields["year"] {
            let text = LaTeXText.decode(year.value).text.trimmingWhitespace
            if let number = Int(text.replacingDash) {
                let monthText = fields["month"].map { LaTeXText.decode($0.value).text }
                let month = monthText.flatMap(Self.month)
                let day = month == nil ? nil : fields["day"].flatMap { Int(LaTeXText.decode($0.value).text.trimmingWhitespace) }
                reference.issued = Reference.DateParts(year: number, month: month, day: day.flatMap { (1...31).contains($0) ? $0 : nil })
                reference.issued?.season = monthText.flatMap(Self.season)
            } else if !text.contains(where: \.isNumber), !text.isEmpty {
                // A year that is words (`n.d.`, `in press`) is printed as written, as pandoc prints it.
                reference.issuedLiteral = text
            } else if !text.isEmpty {
                // A year with more (`2019a`, `c. 1850`, `2019--2020`) too, as pandoc prints it: its dashes as typed, not
                // made en dashes; and one with no year in it (`20x`, the time of day Zotero writes for an item without a
                // date), with a warning (``yearWarning(_:)``). An empty one is no date, as pandoc prints none.
                reference.issuedLiteral = year.value.filter { $0 != "{" && $0 != "}" }.trimmingWhitespace
            }
        }
        // A date other than the entry's own that cannot be read is left out, as pandoc leaves it out (a warning:
        // ``dateWarning(_:name:)``).
        if let urldate = fields["urldate"] { reference.accessed = try? Self.date(urldate) }
        // The short title, as pandoc takes it: `shorttitle` (not a multi-volume work's, which names the work), else
        // the title up to a colon ("Higher-Dimensional Algebra V: 2-Groups" is "Higher-Dimensional Algebra V"), or the
        // whole `title` when a subtitle or an addition goes after it. A colon that braces protect cuts nothing
        // (`{{Braced title: with colon}}`), and what braces protect keeps its case in the short title too: in CSL's
        // rich text, as the title is (``LaTeXText/richMarkup(_:)``).
        if let short = title("shorttitle"), !hasMainTitle || isChapterLike {
            reference.otherFields["title-short"] = short
        } else if let field = fields["title"] {
            let decoded = LaTeXText.decode(field.value)
            let cased = Array(isEnglish ? decoded.sentenceCased() : decoded.text)
            let cut = decoded.beforeUnprotectedColon()
            let followed = (subtitle?.isEmpty == false || titleAddon?.isEmpty == false) && !hasMainTitle
            if followed || cut != nil {
                let short = cut ?? decoded, plain = String(cased.prefix(short.characters.count))
                reference.otherFields["title-short"] = nonEmpty((short.richMarkup(plain) ?? plain).trimmingWhitespace)
            }
        }
        reference.otherFields["event"] = title("eventtitle")
        try otherVariables(entry, language: language, isEnglish: isEnglish, names: names, into: &reference)
        return reference
    }

    /// A warning for a `doi` or `url` with a character escaped as in text (`10.1016/j.x.2019.03\_010`, as Mendeley
    /// exports every `_`): BibTeX, biblatex and pandoc read these fields as written, backslash and all, so the link
    /// leads nowhere.
    static func escapedAddressWarning(_ field: BibTeXField, name: String) -> Diagnostic? {
        guard field.value.contains("\\") else { return nil }
        var address = field.value
        for character in ["_", "%", "&", "#", "$"] {
            address = address.replacing("{\\\(character)}", with: character).replacing("\\\(character)", with: character)
        }
        guard address != field.value else { return nil }
        let escape = field.value.firstMatch(of: /\\[_%&#$]/).map { String($0.output) } ?? "\\_"
        return .warning(
            at: field.location,
            "the \(name) has '\(escape)', an escape some exporters (Mendeley) write in text; a \(name) is read as written, backslash"
                + " and all, so its link would lead nowhere: write \(name) = {\(address)}")
    }

    /// A warning for a `url` that holds more than one address, parted by spaces (Mendeley writes an article's PubMed and
    /// PubMed Central pages so): styles print the field whole, as pandoc prints it, and it links to the first. One
    /// address with spaces in it (a file's name, `…/Issue 2/7 Berenstein.pdf`) is linked whole (``Reference/addresses(in:)``).
    static func addressesWarning(_ field: BibTeXField) -> Diagnostic? {
        let addresses = Reference.addresses(in: field.value)
        guard addresses.count > 1 else { return nil }
        return .warning(
            at: field.location,
            "url = {\(field.value)} holds \(addresses.count) addresses, printed as one and linked to the first (each starts with"
                + " its scheme); keep one, url = {\(addresses[0])}, and put the other in note = {…}")
    }

    /// A warning for a web page's address given as `howpublished = {\url{…}}` (natbib's way, before BibTeX styles had
    /// a `url` field) in an entry without `url`: styles print no address from it, nor link the entry (pandoc 3.9:
    /// "NHS. Statins. 2023;"), so the reader cannot find the page.
    static func addressInHowPublished(_ field: BibTeXField) -> Diagnostic? {
        guard let start = field.value.firstRange(of: "\\url{"), let end = field.value[start.upperBound...].firstIndex(of: "}") else { return nil }
        let address = field.value[start.upperBound..<end]
        return .warning(
            at: field.location,
            "the address in howpublished = {\\url{\(address)}} is printed as text by some styles (APA) and left out by others"
                + " (Vancouver), and the entry links nowhere; give it as the entry's address: url = {\(address)} (with urldate ="
                + " {YYYY-MM-DD}, the day it was read)")
    }

    /// `1st`, `2nd`, `3rd`, `11th`…
    static func ordinal(_ number: Int) -> String {
        let suffix =
            switch (number % 10, number % 100) {
            case (_, 11...13): "th"
            case (1, _): "st"
            case (2, _): "nd"
            case (3, _): "rd"
            default: "th"
            }
        return "\(number)\(suffix)"
    }

    /// The types whose `number` is the number in a series (CSL `collection-number`), not the entry's own.
    private static let seriesNumbered: Set = [
        "book", "collection", "proceedings", "reference", "mvbook", "mvcollection", "mvproceedings", "mvreference", "bookinbook",
        "inbook", "incollection", "inproceedings", "inreference", "suppbook", "suppcollection",
    ]

    /// `langid` as a locale (`english` with `langidopts = {variant=british}` is `en-GB`), as pandoc maps it.
    private static let locales: [String: String] = [
        "english": "en-US", "american": "en-US", "usenglish": "en-US", "british": "en-GB", "ukenglish": "en-GB", "canadian": "en-CA",
        "australian": "en-AU", "newzealand": "en-NZ", "german": "de-DE", "ngerman": "de-DE", "austrian": "de-AT", "naustrian": "de-AT",
        "swissgerman": "de-CH", "nswissgerman": "de-CH", "french": "fr-FR", "italian": "it-IT", "spanish": "es-ES", "dutch": "nl-NL",
        "portuguese": "pt-PT", "brazil": "pt-BR", "brazilian": "pt-BR", "latin": "la", "greek": "el-GR", "polish": "pl-PL",
        "russian": "ru-RU", "swedish": "sv-SE", "danish": "da-DK", "norwegian": "nb-NO", "finnish": "fi-FI", "czech": "cs-CZ",
        "hungarian": "hu-HU", "turkish": "tr-TR", "japanese": "ja-JP", "chinese": "zh-CN", "korean": "ko-KR",
    ]

    /// The CSL variables without a property of their own that styles print, as pandoc's reader maps them: series,
    /// numbers, translators, events, original editions, identifiers, notes and abstracts, the language.
    private func otherVariables(
        _ entry: Entry, language: String?, isEnglish: Bool, names: (String) throws(Diagnostic) -> (names: [Reference.Name], hasMore: Bool)?,
        into reference: inout Reference
    ) throws(Diagnostic) {
        let fields = entry.fields, type = entry.type
        func set(_ variable: String, _ value: String?) {
            if let value, !value.isEmpty { reference.otherFields[variable] = value }
        }
        if let language {
            var locale = Self.locales[language] ?? language
            if locale.hasPrefix("en-"), let variant = Self.options(plain("langidopts", fields) ?? "")["variant"] {
                locale = Self.locales[variant] ?? locale
            }
            set("language", locale)
        }
        var series = fields["series"].map { LaTeXText.decode($0.value) }.flatMap { nonEmpty(isEnglish ? $0.sentenceCased() : $0.text) }
        // biblatex's keys for a journal's series, and a series by number (`3` is the third).
        if let key = series?.lowercased(), let words = ["newseries": "New series", "oldseries": "Old series"][key] {
            series = words
        } else if let number = series.flatMap({ Int($0) }) {
            series = Self.ordinal(number) + " series"
        }
        set("collection-title", series)
        if !["article", "periodical", "suppperiodical", "review"].contains(type), let number = plain("number", fields) {
            set(Self.seriesNumbered.contains(type) ? "collection-number" : "number", number)
        }
        set("chapter-number", plain("chapter", fields))
        set("number-of-volumes", plain("volumes", fields))
        set("version", plain("version", fields))
        set("event-place", plain("venue", fields))
        set("status", plain("pubstate", fields).map { BiblatexStrings.english($0, exactly: true) ?? $0 })
        set("original-publisher", plain("origpublisher", fields))
        set("original-publisher-place", list("origlocation", fields))
        set("original-title", plain("origtitle", fields))
        if type == "patent" { set("jurisdiction", list("location", fields)) }
        set("note", Self.join(".", [plain("note", fields), plain("addendum", fields)]))
        set("ISBN", raw("isbn", fields))
        set("ISSN", raw("issn", fields))
        // What a few styles print after the entry (ISO 690's abstract, an annotated bibliography's note).
        set("abstract", plain("abstract", fields))
        set("annote", plain("annotation", fields) ?? plain("annote", fields))
        set("keyword", plain("keywords", fields))
        set("call-number", raw("library", fields))
        if let translators = try names("translator") { reference.otherNames["translator"] = Self.listed(translators) }
        if let bookAuthors = try names("bookauthor") { reference.otherNames["container-author"] = Self.listed(bookAuthors) }
        // A film's director: `editor` with `editortype = {director}`, else `director` (as biblatex-apa writes it), as pandoc
        // reads them.
        if let directors = try names(plain("editortype", fields) == "director" ? "editor" : "director") {
            reference.otherNames["director"] = Self.listed(directors)
        }
        if let date = fields["eventdate"] { reference.otherDates["event-date"] = try? Self.date(date) }
        if let date = fields["origdate"] {
            reference.otherDates["original-date"] = try? Self.date(date)
        } else if let year = plain("origyear", fields).flatMap({ Int($0) }) {
            reference.otherDates["original-date"] = Reference.DateParts(year: year)
        }
    }

    // MARK: - Field values

    private func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The field's text, LaTeX decoded.
    private func plain(_ name: String, _ fields: [String: BibTeXField]) -> String? {
        fields[name].flatMap { nonEmpty(LaTeXText.decode($0.value).text) }
    }

    /// The field as written (URLs, DOIs, identifiers).
    private func raw(_ name: String, _ fields: [String: BibTeXField]) -> String? {
        fields[name].flatMap { nonEmpty($0.value) }
    }

    /// A BibLaTeX list (`location = {Durham and London}`): its items, split at each `and` outside braces
    /// (`{Routledge {and} Kegan Paul}` is one), joined with semicolons.
    private func list(_ name: String, _ fields: [String: BibTeXField]) -> String? {
        guard let raw = fields[name]?.value else { return nil }
        if variant == .bibtex { return plain(name, fields) }
        let decoded = BibTeXNames.splitTopLevel(raw, onWord: "and", ignoringCase: false).compactMap { nonEmpty(LaTeXText.decode($0).text) }
        return decoded.isEmpty ? nil : decoded.joined(separator: "; ")
    }

    /// Parts of a title joined as the strings are (below), as text and as CSL rich text alike, the separator chosen by
    /// the text; nil for none.
    static func join(_ separator: Character, _ parts: [(plain: String, rich: String)?]) -> (plain: String, rich: String)? {
        var result: (plain: String, rich: String)?
        for part in parts.compactMap({ $0 }) where !part.plain.isEmpty {
            guard let joined = result else {
                result = part
                continue
            }
            let between = "!?.,:;".contains(joined.plain.last!) ? " " : String(separator) + " "
            result = (joined.plain + between + part.plain, joined.rich + between + part.rich)
        }
        return result
    }

    /// pandoc's `concatWith`: the non-empty parts joined with the separator and a space, or only a space after a part
    /// that already ends in punctuation.
    static func join(_ separator: Character, _ parts: [String?]) -> String {
        var result = ""
        for part in parts.compactMap({ $0 }) where !part.isEmpty {
            if let last = result.last {
                result += "!?.,:;".contains(last) ? " " : String(separator) + " "
            }
            result += part
        }
        return result
    }

    /// A name list other than the authors' (which say it in ``Reference/hasMoreAuthors``), ending with the name
    /// citeproc reads as "et al." when it was written `and others`.
    private static func listed(_ parsed: (names: [Reference.Name], hasMore: Bool)) -> [Reference.Name] {
        parsed.names + (parsed.hasMore ? [Reference.Name(literal: "others")] : [])
    }

    /// `options = {useprefix=true, url=false}`: names and values in lower case; a name alone is set.
    static func options(_ text: String) -> [String: String] {
        var options: [String: String] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard let name = parts.first?.trimmingWhitespace.lowercased(), !name.isEmpty else { continue }
            options[name] = parts.count > 1 ? parts[1].trimmingWhitespace.lowercased() : ""
        }
        return options
    }

    static func isSet(_ name: String, _ options: [String: String]) -> Bool {
        guard let value = options[name] else { return false }
        return value == "true" || value.isEmpty
    }

    // MARK: - Cross-references

    /// The entry with the fields it inherits through `crossref` and `xdata` (fields of its own win), renamed as
    /// BibLaTeX's inheritance rules rename them (a book's `title` is an in-book entry's `booktitle`).
    static func inheriting(_ entry: Entry, from entries: [String: Entry], variant: BibTeXReader.Variant, depth: Int = 0) -> Entry {
        guard depth < 8 else { return entry }
        var result = entry
        for name in ["crossref", "xdata"] {
            guard let keys = entry.fields[name]?.value else { continue }
            for key in parentKeys(keys) {
                guard let parent = entries[key], parent.key != entry.key else { continue }
                let resolved = inheriting(parent, from: entries, variant: variant, depth: depth + 1)
                let inherited = resolved.fields.filter { $0.key != "crossref" && $0.key != "xdata" }.flatMap { field, value in
                    (variant == .bibtex ? [field] : inheritedNames(field, from: parent.type, to: entry.type)).map { (target: $0, value: value, isRenamed: $0 != field) }
                }
                // The renamed fields first, as biber applies biblatex's rules before it copies the rest: a proceedings'
                // `title` is its paper's `booktitle`, not the proceedings' own `booktitle` (as pandoc reads it too).
                for (target, value, _) in inherited.sorted(by: { $0.isRenamed && !$1.isRenamed }) where result.fields[target] == nil {
                    result.fields[target] = value
                }
            }
        }
        return result
    }

    /// The names a parent's field takes in a child (biblatex manual, appendix B; as pandoc applies it).
    static func inheritedNames(_ field: String, from parent: String, to child: String) -> [String] {
        let never: Set = [
            "ids", "crossref", "xref", "entryset", "entrysubtype", "execute", "label", "options", "presort", "related",
            "relatedoptions", "relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortkey",
        ]
        if never.contains(field) { return [] }
        if field == "author", ["mvbook", "book"].contains(parent), ["inbook", "bookinbook", "suppbook"].contains(child) {
            return ["bookauthor", "author"]
        }
        if field == "author", parent == "mvbook", child == "book" { return ["bookauthor", "author"] }
        func renamed(_ prefix: String) -> [String] {
            switch field {
            case "title": return [prefix + "title"]
            case "subtitle": return [prefix + "subtitle"]
            case "titleaddon": return [prefix + "titleaddon"]
            case "shorttitle", "sorttitle", "indextitle", "indexsorttitle": return []
            default: return [field]
            }
        }
        switch (parent, child) {
        case ("mvbook", let child) where ["book", "inbook", "bookinbook", "suppbook"].contains(child): return renamed("main")
        case (let parent, let child)
        where ["mvcollection", "mvreference"].contains(parent)
            && ["collection", "reference", "incollection", "inreference", "suppcollection"].contains(child):
            return renamed("main")
        case ("mvproceedings", let child) where ["proceedings", "inproceedings"].contains(child): return renamed("main")
        case ("book", let child) where ["inbook", "bookinbook", "suppbook"].contains(child): return renamed("book")
        case (let parent, let child)
        where ["collection", "reference"].contains(parent) && ["incollection", "inreference", "suppcollection"].contains(child):
            return renamed("book")
        case ("proceedings", "inproceedings"): return renamed("book")
        case ("periodical", let child) where ["article", "suppperiodical"].contains(child):
            switch field {
            case "title": return ["journaltitle"]
            case "subtitle": return ["journalsubtitle"]
            case "shorttitle", "sorttitle", "indextitle", "indexsorttitle": return []
            default: return [field]
            }
        default: return [field]
        }
    }

    // MARK: - Dates

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// A month as pandoc reads it: a number from 1 to 12 or a name of three letters, in any case (`3`, `mar`, `{Mar}`);
    /// pandoc 3.9 prints no month for anything else (`March`, `Mar.`), and neither does sitegen.
    static func month(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace.lowercased()
        if let number = Int(trimmed), (1...12).contains(number) { return number }
        return monthNames.firstIndex(of: trimmed).map { $0 + 1 }
    }

    /// A season written as a month, as pandoc reads one: 13 to 24, spring to winter, in turn (13, 17 and 21 are
    /// spring), as CSL numbers seasons, 1 to 4.
    static func season(_ text: String) -> String? {
        guard let number = Int(text.trimmingWhitespace), (13...24).contains(number) else { return nil }
        return String((number - 13) % 4 + 1)
    }

    /// A BibLaTeX (ISO 8601 / EDTF) date, as pandoc reads it: `2006`, `2006-10`, `2006-10-01`, a time after `T`
    /// (ignored), a season (`2019-21` to `2019-24`, spring to winter), an approximate date (`1850~`, printed "ca."
    /// by the styles that say so; `?` alone changes nothing), and a range (`1885/1888`, `2019-09/2019-10`, `2019/` with
    /// no end yet; one that ends before it starts is kept, as pandoc keeps it, and ``dateWarning(_:name:)`` says so).
    static func date(_ field: BibTeXField) throws(Diagnostic) -> Reference.DateParts {
        let text = Substring(field.value.trimmingWhitespace)
        let halves = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        // A range with no start (`/2019`, EDTF's `../2019`): its end, as pandoc prints it.
        if halves.count > 1, ["", ".."].contains(halves[0].trimmingWhitespace) { return try part(halves[1], field) }
        var date = try part(halves[0], field)
        if halves.count > 1, ["", ".."].contains(halves[1].trimmingWhitespace) {
            // A range with no end yet (`2019/`, EDTF's `2019/..`): "2019–".
            date.endYear = 0
        } else if halves.count > 1, let end = try? part(halves[1], field),
            (end.year, end.month, end.day, end.season) != (date.year, date.month, date.day, date.season)
        {
            date.endYear = end.year != date.year ? end.year : nil
            (date.endMonth, date.endDay, date.endSeason) = (end.month, end.day, end.season)
        }
        return date
    }

    /// A warning for a `year` with a number and more (`2019a`, `c. 1850`, `2019--2020`), which is printed as written,
    /// as pandoc prints it, with the form that says what it means.
    static func yearWarning(_ fields: [String: BibTeXField]) -> Diagnostic? {
        guard fields["date"] == nil, let field = fields["year"] else { return nil }
        let text = LaTeXText.decode(field.value).text.trimmingWhitespace
        if text.isEmpty {
            return .warning(at: field.location, "year is empty, so the entry has no date, as pandoc prints it; write the year, or delete the line")
        }
        guard Int(text.replacingDash) == nil, text.contains(where: \.isNumber) else { return nil }
        let years = yearsIn(text)
        guard let first = years.first else {
            // `20x`; `07:55:48.320713+00:00`, which Zotero writes for an item without a date.
            return .warning(
                at: field.location,
                "year = {\(field.value)} holds no year, so it is printed as written, as pandoc prints it; write the year (year = {2020}), or delete the line")
        }
        let meant = years.count == 2 ? "for a range write date = {\(first)/\(years[1])}"
            : text.hasPrefix(first) ? "write year = {\(first)}: a style adds a year suffix (\(first)a) itself where two entries need one"
            : "for a year in doubt write date = {\(first)~} (Chicago's \"[\(first)?]\", APA's \"ca. \(first)\")"
        return .warning(at: field.location, "year = {\(field.value)} is no number, so it is printed as written, as pandoc prints it; \(meant)")
    }

    /// The runs of four digits in a year's text: `c. 1850` has one, `2019--2020` two, `20x` none.
    private static func yearsIn(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).map(String.init).filter { $0.count == 4 }
    }

    /// A warning for a `month` that no month is read from (`{March}`, `{Mar.}`, `{25}`): pandoc 3.9 reads a number or
    /// a name of three letters, and prints no month for anything else, and neither does sitegen; or for a month of 13
    /// to 24, which pandoc and sitegen read as a season, where biblatex writes a season in `date` (and Mendeley writes
    /// a day in `month`). Nil where the entry's date comes from `date` (which the month does not change) or `month`
    /// is a month.
    static func monthWarning(_ fields: [String: BibTeXField]) -> Diagnostic? {
        guard fields["date"] == nil, fields["year"] != nil, let field = fields["month"] else { return nil }
        let text = LaTeXText.decode(field.value).text.trimmingWhitespace
        guard !text.isEmpty, month(text) == nil else { return nil }
        let year = LaTeXText.decode(fields["year"]?.value ?? "").text.trimmingWhitespace
        if let number = Int(text) {
            // A number that is no month (`month = {25}`, as Mendeley writes one): perhaps the day.
            let day = (1...31).contains(number) && fields["day"] == nil
                ? "if \(number) is the day, write day = \(number), with the month in month (month = 3 or month = mar for March)" : nil
            if let season = season(text).flatMap(Int.init) {
                let name = ["spring", "summer", "autumn", "winter"][season - 1]
                return .warning(
                    at: field.location,
                    "month = \(text) is read as a season, \(name), as pandoc reads it; for a season write date = {\(Int(year) ?? 2019)-\(20 + season)}, as biblatex does"
                        + (day.map { "; \($0)" } ?? ""))
            }
            return .warning(
                at: field.location,
                "month = \(text) prints no month: a month is a number from 1 to 12 or the first three letters of its name, as pandoc reads it; "
                    + (day.map { "\($0); else leave month out" } ?? "write the month (month = 3 or month = mar for March), or leave month out"))
        }
        // A range of months (`jan--mar`, `jan # "/" # feb`): a range of dates says it.
        let months = text.split(whereSeparator: { "/–-".contains($0) }).map { month(String($0.trimmingWhitespace.prefix(3))) }
        var meant = "write " + (monthNames.firstIndex { text.lowercased().hasPrefix($0) }.map { "month = \(monthNames[$0])" } ?? "month = mar or month = 3 (a season: date = {2019-21}, spring)")
        if months.count == 2, let first = months[0], let last = months[1], Int(year) != nil {
            func padded(_ month: Int) -> String { month < 10 ? "0\(month)" : String(month) }
            meant = "for a range of months write a range of dates in place of year and month, date = {\(year)-\(padded(first))/\(year)-\(padded(last))}"
        }
        return .warning(
            at: field.location,
            "month = \(text) prints no month: a month is read as a number or the first three letters of its name, as pandoc reads it; \(meant)")
    }

    /// A warning for a date field: one other than the entry's own (`urldate`, `eventdate`, `origdate`) that cannot be
    /// read (`05.01.2020`, `January 5, 2020`), which is left out, or a range that ends before it starts (`date =
    /// {2019/2018}`), which styles print so. (The entry's own `date` unread is the entry's error.)
    static func dateWarning(_ field: BibTeXField, name: String) -> Diagnostic? {
        let read: Reference.DateParts
        do throws(Diagnostic) {
            read = try date(field)
        } catch {
            guard name != "date" else { return nil }
            return .warning(
                at: field.location,
                "\(name) = {\(field.value)} is no date biblatex reads, so it is left out, as pandoc leaves it out; write it YYYY-MM-DD, as \(name) = {2020-01-05}")
        }
        guard read.endsBeforeItStarts else { return nil }
        return .warning(at: field.location, "\(name) = {\(field.value)} ends before it starts, and styles print it so; put the earlier date first")
    }

    /// One date of ``date(_:)``.
    private static func part(_ text: Substring, _ field: BibTeXField) throws(Diagnostic) -> Reference.DateParts {
        var text = text
        if let time = text.firstIndex(of: "T") { text = text[..<time] }
        // `~` (approximate) makes the date approximate; `?` (uncertain) and `%` (approximate and uncertain) do not, as
        // pandoc reads them.
        let circa = text.contains("~")
        text = text.drop { $0 == "~" || $0 == "?" || $0 == "%" }
        while let last = text.last, last == "~" || last == "?" || last == "%" { text = text.dropLast() }
        // A year before year 1 (`-0399`): biblatex numbers years as astronomers do, so -0399 is 400 BC, as pandoc reads it.
        let beforeYearOne = text.first == "-"
        if beforeYearOne { text = text.dropFirst() }
        let written = text.split(separator: "-", omittingEmptySubsequences: false)
        let parts = written.map { Int($0) }
        // A year has four digits (`20`, Better BibTeX's "20xx", is no year 20).
        guard let first = parts.first, var year = first, written[0].count == 4, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else {
            var message = "malformed BibTeX: date '\(field.value)' is not a date biblatex reads: write YYYY, YYYY-MM or YYYY-MM-DD, a range of them "
                + "(2019-03/2019-05, 2019/ for one with no end yet), with ~ for an approximate date (1850~) and - for one before year 1 (-0399)"
            if text.contains(where: { $0 == "X" || $0 == "x" }), let decade = Int(text.prefix(3)) {
                // EDTF's unspecified digits (`199X`), which pandoc reads as no date.
                message += "; for a year of a decade write its range, date = {\(decade)0/\(decade)9}"
            } else if let short = parts.first ?? nil, (1...3).contains(written[0].count) {
                let padded = String(repeating: "0", count: 4 - written[0].count) + written[0]
                message += "; a year has four digits: \(padded) for the year \(short)"
                if written[0].count == 2 { message += ", or for a century its range, date = {\(written[0])00/\(written[0])99}" }
            }
            throw Diagnostic.error(at: field.location, message)
        }
        if beforeYearOne || year == 0 { year = -year - 1 }
        var month = parts.count > 1 ? parts[1] : nil
        let day = parts.count > 2 ? parts[2] : nil
        var season: String?
        if let number = month, (21...24).contains(number), day == nil {
            (season, month) = (String(number - 20), nil)
        }
        if let month, !(1...12).contains(month) {
            throw Diagnostic.error(at: field.location, "malformed BibTeX: date '\(field.value)' has no month \(month) (a season is 21 to 24)")
        }
        if let day, !(1...31).contains(day) {
            throw Diagnostic.error(at: field.location, "malformed BibTeX: date '\(field.value)' has no day \(day)")
        }
        var date = Reference.DateParts(year: year, month: month, day: day)
        (date.season, date.circa) = (season, circa)
        return date
    }
}

extension String {
    /// A year written with an en or em dash for a minus (`--44`, BC) read with a minus.
    fileprivate var replacingDash: String {
        guard let first = first, first == "–" || first == "—" else { return self }
        return "-" + dropFirst()
    }
}
