import CSL

/// One bibliography entry, in CSL's vocabulary whatever file it came from.
public struct Reference: Sendable, Hashable {
    /// A person or an organisation.
    public struct Name: Sendable, Hashable {
        public var family: String?
        public var given: String?
        public var nonDroppingParticle: String?
        public var droppingParticle: String?
        public var suffix: String?
        /// A name that is not split into parts (an organisation).
        public var literal: String?

        public init(
            family: String? = nil, given: String? = nil, nonDroppingParticle: String? = nil,
            droppingParticle: String? = nil, suffix: String? = nil, literal: String? = nil
        ) {
            self.family = family
            self.given = given
            self.nonDroppingParticle = nonDroppingParticle
            self.droppingParticle = droppingParticle
            self.suffix = suffix
            self.literal = literal
        }
    }

    /// A date as CSL's `date-parts`: year, optionally month and day.
    public struct DateParts: Sendable, Hashable {
        public var year: Int
        public var month: Int?
        public var day: Int?
        /// The last year of a range (`1984/1986`, CSL `[[1984], [1986]]`); 0 for a range with no end yet.
        public var endYear: Int?
        /// The month and day a range ends on (`[[2019, 11], [2019, 12]]`, an issue of November to December).
        public var endMonth: Int?, endDay: Int?
        /// A season in place of a month (CSL's 1 to 4, spring to winter, or a name such as "Easter").
        public var season: String?
        /// The season a range ends in (`[[2017, 14], [2017, 15]]`: summer to autumn; `2011-21/2012-22` in biblatex).
        public var endSeason: String?
        /// An approximate date ("ca. 1850").
        public var circa = false

        public init(year: Int, month: Int? = nil, day: Int? = nil, endYear: Int? = nil) {
            self.year = year
            self.month = month
            self.day = day
            self.endYear = endYear
        }

        /// Whether the date is a range that ends before it starts (`2019/2018`), which styles print as written, as
        /// pandoc prints it ("2019–2018").
        public var endsBeforeItStarts: Bool {
            guard endYear != 0, endYear != nil || endMonth != nil || endDay != nil else { return false }
            let end = [endYear ?? year, endMonth ?? (endDay != nil ? month ?? 0 : 0), endDay ?? 0]
            return end.lexicographicallyPrecedes([year, month ?? 0, day ?? 0])
        }

        /// The earliest day the date can mean, for comparing dates: a year alone is its 1 January.
        public var firstDay: (year: Int, month: Int, day: Int) { (year, month ?? 1, day ?? 1) }

        /// The year, or the range of years: `1984–1986`, or `1984–` when it has no end yet.
        public var years: String {
            guard let endYear, endYear != year else { return String(year) }
            return endYear == 0 ? "\(year)–" : "\(year)–\(endYear)"
        }
    }

    public var id: String
    /// CSL item type: `article-journal`, `book`, `chapter`, `report`, `webpage`, `thesis`, …
    public var type: String
    public var authors: [Name] = []
    /// The author list ends with `and others`: it is shortened, so `et al.` follows it.
    public var hasMoreAuthors = false
    public var editors: [Name] = []
    public var title: String?
    public var containerTitle: String?
    public var containerTitleShort: String?
    public var issued: DateParts?
    /// The day it was published online, before its issue, when its record gives it apart from ``issued`` (MEDLINE's
    /// `DEP`): not printed (a style prints ``issued``), but the source could be read from then (``firstAvailable``).
    public var publishedOnline: DateParts?
    /// The keys of the entries it takes fields from (BibTeX's `crossref` and `xdata`): used whenever it is cited.
    public var inheritsFrom: [String] = []
    /// A date given as text that is no date, printed as it is (`n.d.`, `Spring 2018`): CSL's literal date.
    public var issuedLiteral: String?
    public var accessed: DateParts?
    public var volume: String?
    public var issue: String?
    public var page: String?
    public var publisher: String?
    public var publisherPlace: String?
    public var edition: String?
    public var numberOfPages: String?
    public var genre: String?
    public var url: String?
    public var doi: String?
    public var pmid: String?
    public var pmcid: String?
    /// A PMID and a PMCID that make the entry's PubMed and PubMed Central links, as ``pmid`` and ``pmcid`` do, but that
    /// no style prints, as pandoc gives them no variable: a BibLaTeX `eprint` of PubMed's (printed as its `URL`) or of
    /// PMC's, and BibLaTeX's `pmc` field.
    public var linkOnlyPMID: String?, linkOnlyPMCID: String?
    /// The CSL variables without a property of their own, for the styles that print them: ordinary and number
    /// variables by name (`collection-title`, `number`, `note`, `language`…), name variables (`translator`,
    /// `container-author`…) and date variables (`original-date`…). An ordinary variable that has a property
    /// (`title`) is here only in CSL's rich text, when that says more than the property's plain text (a BibTeX
    /// title's braced words, `<span class="nocase">DNA</span>`); styles print this one.
    public var otherFields: [String: String] = [:]
    public var otherNames: [String: [Name]] = [:]
    public var otherDates: [String: DateParts] = [:]
    /// The date variables other than `issued` given as text that is no date (`accessed: {literal: "n.d."}`), printed
    /// as they are.
    public var literalDates: [String: String] = [:]
    /// Where the entry starts in its file.
    public var location: SourceLocation
    /// Where its file writes the entry's identifiers and address, by CSL's names (`DOI`, `URL`, `PMID`, `PMCID`), when
    /// its reader knows (BibTeX, CSL-JSON, CSL-YAML): the messages about one point there (``location(of:)``).
    public var identifierLocations: [String: SourceLocation] = [:]
    /// What the source's database says about it since it was published, one notice a line, as PubMed words them:
    /// `Retraction in: …`, `Erratum in: …` (from a MEDLINE file's `RIN` and `EIN`). Never printed in the reference:
    /// they are for checks that warn about a retracted or corrected source.
    public var notices: [String] = []
    /// The key pandoc 3.9 gives a RIS record without an `ID` (`Roe_Doe_2020`, its authors' first words and its year),
    /// when it is not ``id``: a citation written for pandoc with that key is told this entry's.
    public var pandocKey: String?

    public init(id: String, type: String, location: SourceLocation) {
        self.id = id
        self.type = type
        self.location = location
    }
}

extension Reference {
    /// The notices of a note (CSL's or BibTeX's `note`, RIS's `N1`) that say the source is retracted
    /// (``isRetraction(_:)``): each line that starts with one, or its sentence that does (`Erratum in: Lancet 2004.
    /// Retracted: Lancet 2010`), from there on. A note is how a retracted source is marked by hand, and how reference
    /// managers keep PubMed's notices.
    public static func retractionNotices(in note: String?) -> [String] {
        (note ?? "").split(whereSeparator: \.isNewline).compactMap { line in
            let line = line.trimmingWhitespace
            if isRetraction(line) { return line }
            // A later sentence of the line.
            return line.ranges(of: ". ").lazy.map { String(line[$0.upperBound...]).trimmingWhitespace }.first(where: isRetraction)
        }
    }

    /// Whether a notice says the source is retracted, in any case and markup: it starts with the word `retracted`
    /// (`Retracted: Lancet 2010;375:445`, `RETRACTED. See …`, `*Retracted*: …`, `[Retracted]`, `Retracted by the
    /// publisher`, `Retracted and republished in: …`), or is `Retraction:` or `Retraction in:` (as PubMed words its
    /// `RIN`). Not a notice that names the retraction or the republished source from the one it is about
    /// (`Retraction of: …`, `Retracted and republished from …`, a colon or none), a sentence that starts with the
    /// word (`Retraction Watch covered it`, `Retraction policies were reviewed`), an erratum (`Erratum in:`,
    /// `Correction`) or a word that only starts alike (`retractor`).
    public static func isRetraction(_ notice: some StringProtocol) -> Bool {
        let head = notice.prefix { $0 != ":" }
        let words = head.split { !$0.isLetter }.prefix(4).map { $0.lowercased() }
        guard let first = words.first else { return false }
        let rest = words.dropFirst()
        switch first {
        case "retracted": return rest.first != "from" && !rest.starts(with: ["and", "republished", "from"])
        case "retraction": return rest.isEmpty || (rest.elementsEqual(["in"]) && head.count < notice.count)
        default: return false
        }
    }

    /// Why the source is to be held retracted: its notices that say so (``notices``), and a title that starts as
    /// publishers retitle a retracted article (`RETRACTED: …`, Elsevier's; `[Retracted] …`). Empty for one that is not.
    public var retractions: [String] {
        var found = notices.filter(Self.isRetraction)
        if let title {
            let start = title.drop { !$0.isLetter }
            let word = start.prefix { $0.isLetter }
            if word.lowercased() == "retracted", let mark = start.dropFirst(word.count).first, mark == ":" || mark == "]" {
                found.append("its title starts '\(title.prefix(title.count - start.count + word.count + 1))'")
            }
        }
        return found
    }

    /// The address of the notice of the source's retraction, when a notice that says it is retracted gives the
    /// notice's DOI or PMID, as PubMed's does (`Retraction in: Lancet. 2010;375(9713):445. doi:
    /// 10.1016/S0140-6736(10)60175-4. PMID: 20137807`): the DOI's, else the PubMed record's. Nil when none does (`Retracted:
    /// Lancet 2010`, a title `RETRACTED: …`), and from a notice of the version republished (`Retracted and republished
    /// in: …`), whose identifiers are the new article's.
    public var retractionNoticeURL: String? {
        for notice in notices where Self.isRetraction(notice) {
            let words = notice.split(whereSeparator: \.isWhitespace).map(String.init)
            guard !words.prefix(3).map({ $0.lowercased() }).elementsEqual(["retracted", "and", "republished"]) else { continue }
            let (doi, pmid) = Self.identifiers(in: words)
            if let doi { return "https://doi.org/" + SitePath.addressEncoded(doi) }
            if let pmid { return "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/" }
        }
        return nil
    }

    /// The DOI and PMID a citation's words give, labelled as PubMed labels them (`doi: 10.1016/…`, `doi:10.1016/…`,
    /// `PMID: 20137807`) or the DOI as its address (`https://doi.org/10.1016/…`), without the sentence's full stop.
    static func identifiers(in words: [String]) -> (doi: String?, pmid: String?) {
        var doi: String?, pmid: String?
        for (index, word) in words.enumerated() {
            // A label alone labels the next word (`doi: 10.1/x`); else the word is its value (`doi:10.1/x`).
            let label = word.lowercased()
            let value = (label == "doi:" || label == "pmid:") && index + 1 < words.count ? words[index + 1] : word
            let bare = String(value.reversed().drop { ".,;".contains($0) }.reversed())
            if label == "pmid:" {
                if pmid == nil, !bare.isEmpty, bare.allSatisfy({ $0.isASCII && $0.isNumber }) { pmid = bare }
            } else if doi == nil, label.hasPrefix("doi:") || label.contains("doi.org/10."), let found = bareDOI(bare), found.hasPrefix("10."),
                found.contains("/") {
                doi = found
            }
        }
        return (doi, pmid)
    }

    /// The earliest date the source could be read: ``issued``, or the day it was published online when that is earlier
    /// (an article online months before its print issue: MEDLINE's `DEP`, CSL's `available-date`). A date as far as it
    /// goes counts from its first day (a year alone from 1 January).
    public var firstAvailable: DateParts? {
        [issued, publishedOnline, otherDates["available-date"]].compactMap { $0 }.min { $0.firstDay < $1.firstDay }
    }

    /// The extensions of the bibliography files sitegen reads.
    public static let fileExtensions: Set<String> = ["bib", "bibtex", "json", "yaml", "yml", "ris", "nbib"]

    /// `https://doi.org/…` for the DOI, if any, with what an address may not hold percent-encoded, as the DOI
    /// handbook says: an SICI DOI's `<` and `>` (`10.1002/(SICI)1097-4636(199706)35:4<479::AID-JBM8>3.0.CO;2-M`); an
    /// escape of a DOI copied from its address (`%3C`) kept.
    public var doiURL: String? { bareDOI.map { "https://doi.org/" + SitePath.addressEncoded($0) } }

    /// The DOI itself (`10.1002/jts.22387`), also where it was written as its address (`http://dx.doi.org/10.1002/…`,
    /// as ProQuest's RIS exports write it) or with `doi:`: a style that prints `https://doi.org/` before the DOI then
    /// prints the address once (pandoc 3.9 prints `https://doi.org/http://dx.doi.org/…`).
    public var bareDOI: String? { doi.flatMap(Self.bareDOI) }

    /// The DOI in a field's text: without braces around it (`{10.1016/…}`), an address or `doi:` before it, nor PubMed's
    /// label after it (`10.1/x [doi]`).
    /// A space inside is kept (`10.1/ x`, as pandoc keeps it): ``doiURL`` percent-encodes it, so the link holds the whole
    /// DOI, not the part before the space.
    static func bareDOI(_ text: String) -> String? {
        var doi = Substring(text.trimmingWhitespace)
        // In braces, as Web of Science writes every BibTeX field (`DOI = {{10.1016/…}}`): no DOI starts with one.
        while doi.first == "{", doi.last == "}", doi.bracesCloseOnlyAtEnd { doi = doi.dropFirst().dropLast().trimmingSpaces }
        // (Compared in ASCII's small letters byte by byte: a copy of the DOI in small letters for each prefix cost more
        // than the rest of printing the entry's link.)
        func starts(with prefix: String) -> Bool {
            doi.utf8.count >= prefix.utf8.count && zip(doi.utf8, prefix.utf8).allSatisfy { ($0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0) == $1 }
        }
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "doi "] where starts(with: prefix) {
            doi = doi.dropFirst(prefix.count).trimmingSpaces
        }
        if let label = doi.firstIndex(of: "["), label > doi.startIndex, doi[doi.index(before: label)] == " " || doi[doi.index(before: label)] == "\t" {
            doi = doi[..<label].trimmingSpaces
        }
        return doi.isEmpty ? nil : String(doi)
    }

    /// Where the entry's identifier or address `variable` (`DOI`, `URL`, `PMID`, `PMCID`) is written, else where the
    /// entry starts.
    func location(of variable: String) -> SourceLocation { identifierLocations[variable] ?? location }

    /// The entry with `other`'s places in its file (``location``, ``identifierLocations``): equal to `other` when the
    /// two hold the same.
    func placed(like other: Reference) -> Reference {
        var placed = self
        (placed.location, placed.identifierLocations) = (other.location, other.identifierLocations)
        return placed
    }

    /// The entry's URL when it is a web address (`http:` or `https:`): the only kind a page links to.
    /// Anything else (`javascript:`, `data:`, `file:`) is printed as text, never made a link. Of two addresses in the
    /// field (Mendeley's `url = {A B}`) the first is the link (``addresses(in:)``, ``linkable(_:)``).
    public var webURL: String? {
        guard let url = url.flatMap({ Self.addresses(in: $0).first }), let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        return scheme == "http" || scheme == "https" ? Self.linkable(url) : nil
    }

    /// The addresses a `url` field holds, as written: one, spaces and all (`https://…/Volume 9/Issue 2/7 Berenstein.pdf`,
    /// a file's name as Mendeley writes it, which pandoc links whole), or several parted by spaces, each from a word
    /// that starts with a scheme and `//` (`http://… http://…`, Mendeley's PubMed and PubMed Central pages).
    static func addresses(in field: String) -> [String] {
        var addresses: [Substring] = []
        for word in field.split(whereSeparator: \.isWhitespace) {
            if let last = addresses.last, !(hasScheme(word) && word.drop { $0 != ":" }.hasPrefix("://")) {
                addresses[addresses.count - 1] = field[last.startIndex..<word.endIndex]
            } else {
                addresses.append(word)
            }
        }
        return addresses.map(String.init)
    }

    /// Whether an address starts with a scheme (`https:`, `ftp:`, `mailto:`): letters, then letters, digits, `+`, `-`
    /// or `.`, up to a `:`.
    static func hasScheme(_ url: some StringProtocol) -> Bool {
        guard let colon = url.firstIndex(of: ":"), url.first?.isASCII == true, url.first?.isLetter == true else { return false }
        return url[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// An address as a link's `href` may hold it, as a browser sends it: its tabs and line breaks left out, and what no
    /// part of an address may hold (a space, `|`, `[` after the host, `^`, `{`, a second `#`, a `%` without two hex
    /// digits after it) percent-encoded; an address without them is returned as it is.
    static func linkable(_ address: String) -> String {
        guard address.utf8.contains(where: { $0 <= 0x20 || Self.unlinkable.contains($0) || $0 == UInt8(ascii: "#") }) else { return address }
        let bytes = address.utf8.filter { $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        // The host (`http://[::1]/`) ends at the first `/`, `?` or `#` after its `//`.
        let authority = (bytes.firstRange(of: Array("//".utf8))?.upperBound).map { after in
            bytes[after...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        } ?? 0
        var result: [UInt8] = [], fragment = false
        for (index, byte) in bytes.enumerated() {
            let encodes = switch byte {
            case UInt8(ascii: "%"): !(index + 2 < bytes.count && bytes[index + 1].isHexDigitASCII && bytes[index + 2].isHexDigitASCII)
            case UInt8(ascii: "#"): fragment
            case UInt8(ascii: "["), UInt8(ascii: "]"): index >= authority
            default: byte <= 0x20 || Self.unlinkable.contains(byte)
            }
            if byte == UInt8(ascii: "#") { fragment = true }
            if encodes {
                result += Array((byte < 0x10 ? "%0" : "%") + String(byte, radix: 16, uppercase: true)).map { $0.asciiValue! }
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// What an address must encode (`%` too where two hex digits do not follow it).
    private static let unlinkable = Set("\"<>\\^`{|}[]%".utf8)

    /// The PubMed page, if any: of the PMID, or of a `PMID: …` line of the note (where fields without a place of their
    /// own are often kept, `label: value` a line).
    public var pubMedURL: String? {
        pubMedID.map { "https://pubmed.ncbi.nlm.nih.gov/\($0)/" }
    }

    /// The PubMed Central page, if any (of the PMCID, or of a `PMCID: …` line of the note).
    public var pmcURL: String? {
        pubMedCentralID.map { "https://pmc.ncbi.nlm.nih.gov/articles/\(SitePath.addressEncoded($0))/" }
    }

    /// The PMID as PubMed's address takes it: the field's (or the note's `PMID: …` line's) digits, without a label;
    /// nil when it is none.
    var pubMedID: String? {
        guard let pmid = (pmid ?? linkOnlyPMID ?? noteLine("PMID")).map({ Self.unlabelled($0, "PMID") }), !pmid.isEmpty, pmid.allSatisfy(\.isNumber) else {
            return nil
        }
        return pmid
    }

    /// The PMCID as PubMed Central's address takes it, `PMC` and its digits (`PMC` added when it was left out); nil
    /// when it is none.
    var pubMedCentralID: String? {
        guard var pmcid = (pmcid ?? linkOnlyPMCID ?? noteLine("PMCID")).map({ Self.unlabelled($0, "PMCID") }), !pmcid.isEmpty else { return nil }
        if !pmcid.uppercased().hasPrefix("PMC") { pmcid = "PMC" + pmcid }
        let digits = pmcid.dropFirst(3)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return pmcid
    }

    /// An identifier as PubMed prints it with its label (`PMID: 30922511`, `PMCID: PMC6400346`), pasted into the field
    /// of the identifier: the identifier alone.
    static func unlabelled(_ value: String, _ label: String) -> String {
        let value = value.trimmingWhitespace
        guard value.uppercased().hasPrefix(label) else { return value }
        let rest = value.dropFirst(label.count)
        guard rest.first == ":" || rest.first == " " else { return value }
        return rest.drop { $0 == ":" || $0 == " " }.trimmingWhitespace
    }

    /// The value of a `label: value` line of the note.
    private func noteLine(_ label: String) -> String? {
        guard let note = otherFields["note"], note.contains(label + ":") else { return nil }
        return note.split(whereSeparator: \.isNewline).lazy.compactMap { line -> String? in
            let line = line.trimmingWhitespace
            guard line.hasPrefix(label + ":") else { return nil }
            return line.dropFirst(label.count + 1).trimmingWhitespace
        }.first
    }

    /// Whether a web address is the PubMed or PubMed Central page that ``pubMedURL`` or ``pmcURL`` links already
    /// (`https://www.ncbi.nlm.nih.gov/pubmed/30123456`, as pandoc writes a BibLaTeX `eprint` of PubMed's).
    func isRecordPage(_ url: String) -> Bool {
        let lowered = url.lowercased()
        guard lowered.contains("ncbi.nlm.nih.gov") else { return false }
        /// The record's number, the last part of its address (`…/30123456/`).
        func number(_ recordURL: String?) -> String? { recordURL?.dropLast().split(separator: "/").last?.lowercased() }
        let tail = lowered.split(separator: "/").last.map(String.init) ?? ""
        return [number(pubMedURL), number(pmcURL)].contains { $0 != nil && $0 == tail }
    }

    /// A short label for the source: `Yilmaz et al. 2020` or `World Health Organization 2019`, two authors joined by
    /// `and` (the site's language's word: ``CitationStyle/and``).
    public func shortLabel(and: String = "and") -> String { shortLabel(author: authorLabel(and: and)) }

    /// ``shortLabel(and:)`` after the ``authorLabel(and:)`` made already.
    func shortLabel(author: String) -> String {
        var label = author
        if let year = issued?.year { label += " \(year)" } else if let issuedLiteral { label += " \(issuedLiteral)" }
        return label
    }

    /// Whether the parts of the entry's names are text, tags and quotes as typed (``CSL/CSLItem/namesAreText``): pandoc
    /// reads a CSL-JSON file's names so (and a BibTeX, RIS or YAML name has been read to text already).
    var namesAreText: Bool { location.path.lowercased().hasSuffix(".json") }

    /// Who wrote the source, as a sentence names them: `Yilmaz et al.`, `Liu and Chen` (`Liu und Chen` with `and` German's
    /// `und`), `World Health Organization` (the editors when it has no authors; the journal or the title when it has
    /// neither, without CSL's markup).
    public func authorLabel(and: String = "and") -> String {
        let names = authors.isEmpty ? editors : authors
        guard let first = names.first else { return CSLMarkup.readable(containerTitle ?? title ?? id, quotesAsText: quotesAsText) }
        var label = first.literal ?? [first.nonDroppingParticle, first.family].compactMap { $0 }.joined(separator: " ")
        if names.count == 2, let second = names.last {
            label += " " + and + " " + (second.literal ?? second.family ?? "")
        } else if names.count > 2 || hasMoreAuthors {
            label += " et al."
        }
        // As the entry's names print: a CSL-JSON name as text, its tags as typed (`<i>van</i> O’Dyke`); another's
        // apostrophe as they print one (`Trialists’`), but in a RIS file's, and a CSL-YAML name's escaped character as
        // typed (`O\'Brien`).
        if namesAreText { return CSLMarkup.nameText(label) }
        return label.utf8.contains(where: { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\\") }) ? CSLMarkup.plain(label, quotesAsText: quotesAsText) : label
    }
}
