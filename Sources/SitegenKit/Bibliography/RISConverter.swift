/// Maps a RIS record's fields to a CSL ``Reference``, as the RIS specification defines the tags and as the
/// exporters use them. Where a tag appears twice for one value, the first is used.
///
/// - `TY`: the type (``types``); an unknown type is a warning and reads as `document`.
/// - `AU`, `A1`: authors; `A2`, `ED`: editors (names as ``ExportedNames`` reads them; `et al.` ends a list).
/// - `TI`, `T1` (or `BT` and `CT`): the title. `T2`, then `JF`, `JO`, `BT`: the container (journal, book of a
///   chapter, proceedings); a book, thesis or report has none (its `T2` is a series). `J2`, `JA`, `J1`, then
///   Web of Science's `JI`, then `JO` beside a `JF`, then Ovid's `NL` (written after `ER`): the short container
///   title (a journal's abbreviation).
/// - `DA`, `PY`, `Y1`: the date, as much of it as is a real date (`2019`, `2019/07/24/`, `2019///`,
///   `2019/06//undefined`, `SEP`, `APR 21`, `1997/02/01`): the year of `PY` (or `Y1`, or `DA`), and the month and
///   day of the first of `DA`, `PY`, `Y1` that has them and no other year; Web of Science's `DA` of an issue's months
///   or season (`SEP-OCT`, `SPR`) with that year, as MEDLINE's `DP` (``issue(_:year:)``). `Y2`: the date accessed. A
///   month or day that is none (`2019/13/01/`, `2019/Sep/`) or a field with no date in it (`Spring 2019`) is a warning.
/// - `VL`, `IS`: volume and issue. `SP`–`EP`: the pages (`SP` alone when it holds the range, as EndNote writes
///   `349-69`); without `SP`, `C7` (the article number, which Vancouver prints in place of pages). In a book `SP`
///   alone is its number of pages; Ovid's "No Pagination Specified" (`SP  - No`, `EP  - Specified`) is none.
/// - `PB`, `CY`: publisher and place; `ET`: the edition (not in a journal article, where EndNote writes the
///   electronic publication date there); `M3`: the genre of a thesis (`PhD thesis`).
/// - `LA`: the language, as written (CSL's `language`: a style title-cases a title only in English, `en`).
/// - `DO`: the DOI, bare (`https://doi.org/10.1/x` → `10.1/x`), or without it an `L3` that is a DOI (EBSCO's); `UR`: the URL (the first, when `;` separates
///   several); `AN` with `DP  - NLM`: the PubMed id (EndNote's export of PubMed records); `ID`: the citation key.
/// - `N1`: only its notices of a retraction (``Reference/retractionNotices(in:)``: `Retracted: …`, `Retraction in: …`,
///   as reference managers keep PubMed's), which `sitegen check` reports; the note is not printed.
/// - Not read: `AB`, `N2` (abstracts), `KW` and `SN` (``Reference`` has no ISSN), addresses, database and link fields.
struct RISConverter {
    /// RIS reference types (the specification's list) as CSL types.
    static let types: [String: String] = [
        "JOUR": "article-journal", "JFULL": "article-journal", "EJOUR": "article-journal", "INPR": "article-journal",
        "ABST": "article-journal", "MGZN": "article-magazine", "NEWS": "article-newspaper",
        "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CTLG": "book", "CHAP": "chapter", "ECHAP": "chapter",
        "CONF": "paper-conference", "CPAPER": "paper-conference", "THES": "thesis", "RPRT": "report", "GOVDOC": "report",
        "ELEC": "webpage", "WEB": "webpage", "BLOG": "post-weblog", "DATA": "dataset", "DBASE": "dataset",
        "AGGR": "dataset", "PAT": "patent", "STAT": "legislation", "BILL": "bill", "UNBILL": "bill",
        "CASE": "legal_case", "LEGAL": "regulation", "HEAR": "hearing", "COMP": "software", "MAP": "map",
        "SOUND": "song", "MUSIC": "musical_score", "VIDEO": "motion_picture", "MPCT": "motion_picture",
        "ADVS": "motion_picture", "ART": "graphic", "CHART": "figure", "FIGURE": "figure", "SLIDE": "speech",
        "PCOMM": "personal_communication", "ICOMM": "personal_communication", "UNPB": "manuscript",
        "MANSCPT": "manuscript", "PAMP": "pamphlet", "DICT": "entry-dictionary", "ENCYC": "entry-encyclopedia",
        "STAND": "standard", "SER": "periodical", "ANCIENT": "classic", "CLSWK": "classic", "GEN": "document",
        "EQUA": "document", "GRANT": "document", "MULTI": "document",
    ]

    /// Types that stand alone: their `T2` names a series, not a container.
    private static let standalone: Set = ["book", "thesis", "report", "pamphlet", "manuscript"]

    /// The reference, with an empty `id` when the record has no `ID`, and warnings.
    func reference(_ record: RISRecord) -> (reference: Reference, warnings: [Diagnostic]) {
        var fields: [String: [ExportField]] = [:]
        for field in record.fields { fields[field.tag, default: []].append(field) }
        func text(_ tags: String...) -> String? {
            for tag in tags { if let value = fields[tag]?.lazy.compactMap(\.text).first { return value } }
            return nil
        }
        var warnings: [Diagnostic] = []
        let typeCode = text("TY")?.uppercased() ?? ""
        var type = Self.types[typeCode]
        if type == nil {
            // No type, which no style's `<if type>` matches, as pandoc reads one it does not know (its "misc"): Chicago
            // prints the title of a "document" in quotes, pandoc's without.
            warnings.append(.warning(at: record.start, "unknown RIS type '\(typeCode)'; the record is read as a generic entry, as pandoc reads it"))
            type = ""
        }
        var reference = Reference(id: text("ID") ?? "", type: type ?? "", location: record.start)
        let isStandalone = Self.standalone.contains(reference.type)

        (reference.authors, reference.hasMoreAuthors) = names(record.fields, tags: ["AU", "A1"])
        reference.editors = names(record.fields, tags: ["A2", "ED"]).names
        reference.title = text("TI", "T1") ?? (isStandalone ? text("BT") : nil) ?? text("CT")
        if !isStandalone {
            // A journal named only by its abbreviation (`JA`, `J2`) is named so, not left out.
            reference.containerTitle = text("T2", "JF", "JO", "BT") ?? text("JA", "J2", "J1", "JI")
            let short = text("J2", "JA", "J1", "JI") ?? (fields["JF"] != nil ? text("JO") : nil) ?? text("NL")
            reference.containerTitleShort = short == reference.containerTitle ? nil : short
        }
        reference.issued = issued(text("DA"), text("PY"), text("Y1"))
        for field in record.fields where ["DA", "PY", "Y1", "Y2"].contains(field.tag) {
            guard let value = field.text, let problem = Self.dateProblem(value) else { continue }
            if field.tag == "DA", let year = reference.issued?.year, Self.issue(value, year: year) != nil { continue }
            // IEEE Xplore writes a conference's days in `Y1` (`16-18 Oct. 2014`) beside its year in `PY`, in every such
            // record: the entry has its date from `PY`, as pandoc's, and the line adds none to say.
            if field.tag == "Y1", fields["PY"] != nil, reference.issued != nil, Self.date(value).map({ $0.year == nil && $0.month == nil }) ?? true {
                continue
            }
            // The field's line: as far below the record's start as its line is below the record's first.
            let line = record.start.line + field.line - (record.fields.first?.line ?? field.line)
            warnings.append(.warning(at: SourceLocation(path: record.start.path, line: line, column: 1), "'\(field.tag)  - \(value)' \(problem)"))
        }
        reference.accessed = text("Y2").flatMap(Self.date).flatMap { date in
            date.year.map { Reference.DateParts(year: $0, month: date.month, day: date.day) }
        }
        reference.volume = text("VL")
        reference.issue = text("IS")
        pages(text("SP"), text("EP"), articleNumber: text("C7"), into: &reference, isStandalone: isStandalone)
        reference.publisher = text("PB")
        reference.publisherPlace = text("CY")
        if reference.type != "article-journal" { reference.edition = text("ET") }
        if reference.type == "thesis" { reference.genre = text("M3") }
        // As pandoc reads it: a language named in words (`English`) is no English language code, so a style's title case
        // leaves the title as written.
        if let language = text("LA") { reference.otherFields["language"] = language }
        reference.doi = fields["DO"]?.lazy.compactMap(\.firstLine).first.flatMap(Reference.bareDOI)
            // EBSCO writes the DOI in `L3` (a "related record" in the specification): one that reads as a DOI is one.
            ?? fields["L3"]?.lazy.compactMap(\.firstLine).compactMap(Reference.bareDOI).first { $0.hasPrefix("10.") && $0.contains("/") }
        reference.url = fields["UR"]?.lazy.compactMap(\.firstLine).first
            .map { String($0.prefix { $0 != ";" }).trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        if text("DP")?.uppercased() == "NLM", let accession = text("AN"), accession.allSatisfy({ $0.isASCII && $0.isNumber }) {
            reference.pmid = accession
        }
        for note in fields["N1"] ?? [] { reference.notices += Reference.retractionNotices(in: note.pieces.joined(separator: "\n")) }
        return (reference, warnings)
    }

    /// The names of the given tags in file order, and whether the list ends with `et al.`.
    private func names(_ fields: [ExportField], tags: Set<String>) -> (names: [Reference.Name], hasMore: Bool) {
        var names: [Reference.Name] = []
        var hasMore = false
        for field in fields where tags.contains(field.tag) {
            // A name never runs over a line: an untagged line under a name is the next name (EndNote).
            for piece in field.pieces {
                let text = String(piece.trimmingSpaces)
                if ExportedNames.isEtAl(text) {
                    hasMore = true
                } else {
                    let (found, etAl) = ExportedNames.names(text)
                    names += found
                    if etAl { hasMore = true }
                }
            }
        }
        return (names, hasMore)
    }

    private func issued(_ da: String?, _ py: String?, _ y1: String?) -> Reference.DateParts? {
        let dates = [da, py, y1].map { $0.flatMap(Self.date) }
        guard let year = dates[1]?.year ?? dates[2]?.year ?? dates[0]?.year else { return nil }
        if let da, let issue = Self.issue(da, year: year) { return issue }
        let detailed = dates.lazy.compactMap { $0 }.first { $0.month != nil && ($0.year == nil || $0.year == year) }
        let date = PartialDate.checked(year: year, month: detailed?.month, day: detailed?.day)
        return Reference.DateParts(year: year, month: date.month, day: date.day)
    }

    /// A `DA` of an issue's months or season without its year, as Web of Science writes them (`SEP-OCT`, `SPR`,
    /// `FAL`), read as MEDLINE's `DP` is, after the record's year (`2013 Sep-Oct`, "2013 Sep–Oct" in Vancouver); nil for
    /// a date ``date(_:)`` reads, and for anything else.
    static func issue(_ text: String, year: Int) -> Reference.DateParts? {
        guard date(text) == nil else { return nil }
        let (date, unread) = MedlineConverter.readingPublicationDate("\(year) " + Substring(text).trimmingSpaces)
        guard unread == nil, let date, date.season != nil || date.endMonth != nil else { return nil }
        return date
    }

    /// A RIS date: `YYYY/MM/DD/other` with any part empty (`2019///`, `2019/06//undefined`), a year first
    /// (`2019`, `2019 Jun 3`, `2019-06-03`) or a month first (`SEP`, `Mar 1`).
    static func date(_ text: String) -> PartialDate? {
        let trimmed = Substring(text).trimmingSpaces
        guard let first = trimmed.utf8.first else { return nil }
        guard (0x30...0x39).contains(first) else { return PartialDate.monthFirst(trimmed) }
        guard trimmed.contains("/") else { return PartialDate.yearFirst(trimmed) }
        let parts = trimmed.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        if let (year, month, day) = Self.yearLast(parts) { return PartialDate.checked(year: year, month: month, day: day) }
        guard let year = PartialDate.year(parts[0].trimmingSpaces) else { return nil }
        func part(_ index: Int) -> Int? { index < parts.count ? PartialDate.number(parts[index].trimmingSpaces) : nil }
        return PartialDate.checked(year: year, month: part(1), day: part(2))
    }

    /// A date with its year last, as Oxford Academic's exports write an access date (`Y2  - 1/15/2024`): the month
    /// and day where the numbers tell which is which (one above 12 is the day), the year alone where they do not
    /// (`3/4/2024`, which ``dateProblem(_:)`` says); nil for any other date.
    private static func yearLast(_ parts: [Substring]) -> (year: Int, month: Int?, day: Int?)? {
        guard parts.count == 3, parts[2].trimmingSpaces.count == 4, let year = PartialDate.number(parts[2].trimmingSpaces),
            parts[0].count <= 2, parts[1].count <= 2, let first = PartialDate.number(parts[0]), let second = PartialDate.number(parts[1])
        else { return nil }
        if first > 12, second <= 12 { return (year, second, first) }
        if second > 12, first <= 12 { return (year, first, second) }
        return (year, nil, nil)
    }

    /// What is wrong with a RIS date that ``date(_:)`` reads only in part or not at all, nil when nothing is: no
    /// year or month in it (`Spring 2019`), or a month or day that is none (`2019/13/01/`, `2019/02/30/`).
    static func dateProblem(_ text: String) -> String? {
        let trimmed = Substring(text).trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        guard let date = date(text), date.year != nil || date.month != nil else {
            return "is no date a reader of RIS reads (YYYY/MM/DD/, as 2019/09/07/): the entry has none from it; write it so"
        }
        guard trimmed.contains("/"), let year = date.year else { return nil }
        let parts = trimmed.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        if yearLast(parts) != nil {
            guard date.month == nil else { return nil }
            return "has its year last and its month and day in an order its numbers do not tell (3/4/2024 is March 4 or 3 April),"
                + " so it is read as \(year); write it as RIS does, \(year)/MM/DD/"
        }
        // The month and the day as written; an empty one, or 0, is a part not given (`2019//`, `2019/00/00/`).
        let written = [1, 2].map { index in index < parts.count ? parts[index].trimmingSpaces : "" }
        let read = [date.month, date.day]
        for (index, text) in written.enumerated() where !text.isEmpty && PartialDate.number(text) != 0 && read[index] == nil {
            let what = index == 0 ? "month '\(text)', which is no month" : "day '\(text)', which that month does not have"
            let readAs = "\(year)" + (date.month.map { $0 < 10 ? "/0\($0)" : "/\($0)" } ?? "")
            return "has the \(what) (RIS writes the month and day as numbers: 2019/09/07/), so it is read as"
                + " \(readAs) (pandoc reads no date from it); correct it"
        }
        return nil
    }

    private func pages(_ start: String?, _ end: String?, articleNumber: String?, into reference: inout Reference, isStandalone: Bool) {
        // Ovid's PsycINFO says it has no pages in words, cut into the two fields: "No" – "Specified".
        if start == "No" && end == "Specified" || start?.lowercased() == "no pagination specified" { return }
        guard let start else {
            reference.page = end ?? articleNumber
            return
        }
        if isStandalone, end == nil, start.allSatisfy(\.isNumber) {
            reference.numberOfPages = start
        } else if let end, end != start, !start.contains("-") {
            reference.page = start + "-" + end
        } else {
            reference.page = start
        }
    }
}
