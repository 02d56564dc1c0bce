/// Reads PubMed's MEDLINE format (`.nbib`), which PubMed's "Send to: Citation manager" saves: records separated
/// by blank lines, each starting with `PMID- `; a tag padded to four characters, `- ` and the value
/// (`AU  - Casbon JA`, `STAT- MEDLINE`); a long value continued on lines indented by six spaces.
///
/// A record's citation key is its PMID. A record without a `PMID` line cannot be cited, so it is an error at its
/// first line, and reading goes on with the next record; a line that is neither a field nor a continuation is a
/// warning and is skipped. ``MedlineConverter`` says what each field becomes.
public struct MedlineReader: Sendable {
    public init() {}

    /// - Throws: a ``Diagnostic`` at the first record that cannot be read.
    public func read(_ source: SourceText) throws(Diagnostic) -> [Reference] {
        try readFile(source).referencesIfAllRead()
    }

    /// Reads every record it can; a record that cannot be read is a problem of its own and the others stay usable.
    public func readFile(_ source: SourceText) -> BibliographyFile {
        var file = BibliographyFile()
        let records = MedlineScanner.records(in: source)
        // PubMed ends every record with its source (`SO  - J Med. 2019;3:5-7.`): a last record without one, after records
        // with one, is a file cut short (its entry is printed as far as it goes).
        if records.count > 1, let last = records.last, !last.fields.contains(where: { $0.tag == "SO" }),
            records.dropLast().contains(where: { $0.fields.contains { $0.tag == "SO" } })
        {
            let pmid = last.fields.first { $0.tag == "PMID" }?.text.map { " (PMID \($0))" } ?? ""
            file.problems.append(
                .warning(at: last.start,
                    "the last record\(pmid) has no 'SO' line, which PubMed writes at the end of every record: the file looks cut short;"
                        + " save it from PubMed again"))
        }
        for record in records {
            file.problems += record.warnings
            guard let pmid = record.fields.first(where: { $0.tag == "PMID" })?.text else {
                file.problems.append(.error(at: record.start, "malformed MEDLINE: record has no 'PMID- ' line (its PubMed id)"))
                continue
            }
            file.references.append(MedlineConverter().reference(record, pmid: pmid))
            if let field = record.fields.first(where: { $0.tag == "DP" }), let text = field.text,
               case let (read, unread?) = MedlineConverter.readingPublicationDate(text) {
                let message = read.map { date in
                    "the date 'DP  - \(text)' is read as \(date.year)" + (date.month.map { $0 < 10 ? "-0\($0)" : "-\($0)" } ?? "")
                        + ", without '\(unread)': PubMed writes 'Sep', 'Sep-Oct', 'Spring', 'Sep 7' or 'Sep 7-14' after the year, and this is"
                        + " none of them (a misspelling, a day the month does not have, a range that runs backwards); correct it"
                } ?? "the date 'DP  - \(text)' does not start with a year, so the entry has none; write it as PubMed does: '2019 Sep 7'"
                file.problems.append(.warning(at: source.location(line: field.line, column: 1), message))
            }
        }
        return file
    }
}

/// A MEDLINE record's fields as they stand in the file.
struct MedlineRecord {
    /// The record's first line.
    var start: SourceLocation
    var fields: [ExportField] = []
    /// Lines in the record that are not fields.
    var warnings: [Diagnostic] = []
}

/// Splits a MEDLINE file into records, by lines.
enum MedlineScanner {
    static func records(in source: SourceText) -> [MedlineRecord] {
        var records: [MedlineRecord] = []
        var current: MedlineRecord?
        for line in source.exportLines {
            if line.isBlank {
                if let open = current { records.append(open) }
                current = nil
                continue
            }
            let location = source.location(line: line.number, column: 1)
            if let (tag, value) = field(line.text) {
                // A PMID starts a record, also when no blank line ends the one before.
                if tag == "PMID", let open = current, !open.fields.isEmpty {
                    records.append(open)
                    current = nil
                }
                if current == nil { current = MedlineRecord(start: location) }
                current!.fields.append(ExportField(tag: tag, pieces: [value], line: line.number))
            } else if let first = line.text.utf8.first, first == 0x20 || first == 0x09, let last = current?.fields.indices.last {
                current!.fields[last].pieces.append(line.text)
            } else if current != nil {
                current!.warnings.append(
                    .warning(at: location, "malformed MEDLINE: a line that is neither a field ('TAG - value') nor an indented continuation; it is skipped"))
            }
        }
        if let open = current { records.append(open) }
        return records
    }

    /// `TAG - value`: a tag of one to four capital letters or digits (starting with a letter), padded with spaces to
    /// four characters, a hyphen, then a space and the value or the end of the line.
    static func field(_ line: Substring) -> (tag: String, value: Substring)? {
        var bytes = line.utf8.makeIterator()
        var length = 0
        for position in 0..<4 {
            guard let byte = bytes.next() else { return nil }
            let isLetter = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if byte == 0x20, position > 0 { continue }
            guard length == position, isLetter || (isDigit && position > 0) else { return nil }
            length += 1
        }
        guard bytes.next() == UInt8(ascii: "-") else { return nil }
        switch bytes.next() {
        case nil: return (String(line.prefix(length)), line[line.endIndex...])
        case 0x20?: return (String(line.prefix(length)), line.droppingBytes(6).trimmingSpaces)
        default: return nil
        }
    }
}

/// Maps a MEDLINE record to a CSL ``Reference``, per NLM's MEDLINE/PubMed data element descriptions.
///
/// - `PMID`: the PubMed id and the citation key; `PMC`: the PubMed Central id.
/// - `LID`, then `AID`, ending in `[doi]`: the DOI (`[pii]`, the publisher's own id, is not read).
/// - `FAU` (full names, `Casbon, James A`), or `AU` (`Casbon JA`) where no `FAU` comes before it: authors, in order;
///   `CN`: a corporate author (a name not split). `FED`, or `ED`: editors, the same way.
/// - `TI`: the title. `JT`: the journal's title; `TA`: its NLM abbreviation (which Vancouver prints).
/// - `DP`: the date of publication (`2006 Mar 1`), with the ranges and seasons of bimonthly and quarterly issues
///   (`2019 Sep-Oct`, `2018 Dec-2019 Jan`, `2019 Dec 7-14`, `2014 Nov 29-Dec 4`, `2000 Spring`), which a style prints as
///   it prints a CSL date's (Vancouver: `2019 Sep–Oct`, `2000 Spring`); a word that is none of these is a warning.
/// - `DEP`: the day it was published online (`20261101`), often months before its issue's `DP`: not printed, but
///   ``Reference/firstAvailable`` for the check of an answer reviewed before its sources.
/// - `VI`, `IP`, `PG`: volume, issue and pages (`616-7`, `1731-1743.e13`, `e1238`).
/// - `PT`: a journal article (`Journal Article`, and any other publication type of a journal). A record with `BTI`
///   (a book title) is a book, or a chapter of the book when it also has a `TI`; then `PB`, `PL` and `EN` are the
///   publisher, its place and the edition (in a journal article `PL` is the journal's country, and is not read).
/// - `RIN`, `RRI` and `EIN`: the notices `Retraction in: …`, `Retracted and republished in: …` (a trial retracted and
///   published again, as PREDIMED was) and `Erratum in: …`, in ``Reference/notices``, in PubMed's words; and the
///   publication type `PT  - Retracted Publication`, which PubMed gives a retracted article with or without them.
struct MedlineConverter {
    /// `DP` as a date: a year, then a month, a month range (`Sep-Oct`, `Dec-2019 Jan`) or a season (`Spring`,
    /// `Fall-Winter`), then a day or a day range (`7-14`); nil without a year. What is not a date is left out
    /// (``readingPublicationDate(_:)``).
    static func publicationDate(_ text: String) -> Reference.DateParts? {
        readingPublicationDate(text).date
    }

    /// ``publicationDate(_:)``, with the word of `DP` it leaves out, nil when it reads every word: a misspelt month
    /// (`2019 Sepember`), a day the month does not have (`2020 Feb 30`), a range that runs backwards (`2019 Oct-Sep`).
    static func readingPublicationDate(_ text: String) -> (date: Reference.DateParts?, unread: Substring?) {
        let words = text.split(separator: " ")
        guard let first = words.first else { return (nil, nil) }
        guard !first.contains("-") else {
            // ISO, as a few records write it: `2019-06-24`.
            return (PartialDate.yearFirst(Substring(text)).flatMap { date in date.year.map { Reference.DateParts(year: $0, month: date.month, day: date.day) } }, nil)
        }
        guard let year = PartialDate.year(first) else { return (nil, first) }
        var date = Reference.DateParts(year: year)
        guard words.count > 1 else { return (date, nil) }
        // Web of Science's are cut to three letters (`SPR`, in RIS `DA`).
        let seasons = ["spring": 1, "summer": 2, "fall": 3, "autumn": 3, "winter": 4, "spr": 1, "sum": 2, "fal": 3, "win": 4]
        let range = words[1].split(separator: "-", maxSplits: 1)
        if let season = seasons[range[0].lowercased()] {
            date.season = String(season)
            return (date, nil)
        }
        guard let month = PartialDate.month(range[0]) else { return (date, words[1]) }
        date.month = month
        if range.count > 1 {
            // `Sep-Oct`, or into the next year: `Dec-2019 Jan`.
            if let endMonth = PartialDate.month(range[1]), endMonth > month {
                date.endMonth = endMonth
            } else if let endYear = PartialDate.year(range[1]), endYear > year, words.count > 2, let endMonth = PartialDate.month(words[2]) {
                (date.endYear, date.endMonth) = (endYear, endMonth)
            } else {
                return (date, words[1])
            }
            return (date, nil)
        }
        guard words.count > 2 else { return (date, nil) }
        let days = words[2].split(separator: "-", maxSplits: 1)
        let checked = PartialDate.checked(year: year, month: month, day: PartialDate.number(days[0]))
        date.day = checked.day
        guard date.day != nil else { return (date, words[2]) }
        guard days.count > 1 else { return (date, nil) }
        if let endDay = PartialDate.checked(year: year, month: month, day: PartialDate.number(days[1])).day, endDay > checked.day! {
            (date.endMonth, date.endDay) = (month, endDay)
            return (date, nil)
        }
        // Into the next month or year: `Dec 29-Jan 4`, `Dec 29-2008 Jan 4`.
        let endYear = PartialDate.year(days[1]) ?? year
        let rest = words.dropFirst(endYear == year ? 3 : 4)
        let endMonth = endYear == year ? PartialDate.month(days[1]) : words.count > 3 ? PartialDate.month(words[3]) : nil
        if let endMonth, let day = rest.first, rest.count == 1,
           let endDay = PartialDate.checked(year: endYear, month: endMonth, day: PartialDate.number(day)).day,
           (endYear, endMonth, endDay) > (year, month, checked.day!) {
            (date.endYear, date.endMonth, date.endDay) = (endYear == year ? nil : endYear, endMonth, endDay)
            return (date, nil)
        }
        return (date, words[2])
    }

    func reference(_ record: MedlineRecord, pmid: String) -> Reference {
        var fields: [String: [ExportField]] = [:]
        for field in record.fields { fields[field.tag, default: []].append(field) }
        func text(_ tag: String) -> String? { fields[tag]?.lazy.compactMap(\.text).first }

        let bookTitle = text("BTI")
        let type = bookTitle == nil ? "article-journal" : text("TI") == nil ? "book" : "chapter"
        var reference = Reference(id: pmid, type: type, location: record.start)
        reference.pmid = pmid
        reference.pmcid = text("PMC")
        reference.authors = names(record.fields, full: "FAU", short: "AU", corporate: "CN")
        reference.editors = names(record.fields, full: "FED", short: "ED", corporate: nil)
        reference.title = text("TI") ?? bookTitle
        if type == "article-journal" {
            reference.containerTitle = text("JT")
            reference.containerTitleShort = text("TA")
        } else {
            if type == "chapter" { reference.containerTitle = bookTitle }
            reference.publisher = text("PB")
            reference.publisherPlace = text("PL")
            reference.edition = text("EN")
        }
        reference.issued = text("DP").flatMap(Self.publicationDate)
        reference.publishedOnline = text("DEP").flatMap(Self.electronicDate)
        reference.volume = text("VI")
        reference.issue = text("IP")
        reference.page = text("PG")
        reference.doi = ((fields["LID"] ?? []) + (fields["AID"] ?? [])).lazy.compactMap { field in
            field.text.flatMap(Self.doi)
        }.first
        for field in record.fields {
            guard let value = field.text else { continue }
            if field.tag == "RIN" { reference.notices.append("Retraction in: " + value) }
            if field.tag == "RRI" { reference.notices.append("Retracted and republished in: " + value) }
            if field.tag == "EIN" { reference.notices.append("Erratum in: " + value) }
        }
        // After the notices that name the retraction, which say more.
        if fields["PT"]?.contains(where: { $0.text == "Retracted Publication" }) == true {
            reference.notices.append("Retracted Publication, its publication type in PubMed")
        }
        return reference
    }

    /// `DEP` as a date: `20261101`, a year, month and day; nil for anything else.
    static func electronicDate(_ text: String) -> Reference.DateParts? {
        guard text.utf8.count == 8, let year = PartialDate.number(text.prefix(4)),
            let month = PartialDate.number(text.dropFirst(4).prefix(2)), let day = PartialDate.number(text.suffix(2))
        else { return nil }
        let checked = PartialDate.checked(year: year, month: month, day: day)
        guard let day = checked.day else { return nil }
        return Reference.DateParts(year: year, month: month, day: day)
    }

    /// `10.1186/1471-2105-7-10 [doi]` → `10.1186/1471-2105-7-10`; any other identifier → nil.
    static func doi(_ identifier: String) -> String? {
        guard identifier.hasSuffix("[doi]") else { return nil }
        let doi = identifier.dropLast("[doi]".count).trimmingWhitespace
        return doi.isEmpty ? nil : doi
    }

    /// The names in file order: each full name, each short name that no full name stands for (PubMed writes a
    /// full name's short form right after it), and each corporate name.
    private func names(_ fields: [ExportField], full: String, short: String, corporate: String?) -> [Reference.Name] {
        var names: [Reference.Name] = []
        var afterFullName = false
        for field in fields {
            if field.tag == full {
                if let name = field.text.flatMap(ExportedNames.name) { names.append(name) }
                afterFullName = true
            } else if field.tag == short {
                if !afterFullName, let name = field.text.flatMap(ExportedNames.name) { names.append(name) }
                afterFullName = false
            } else if field.tag == corporate {
                if let name = field.text { names.append(Reference.Name(literal: name)) }
                afterFullName = false
            }
        }
        return names
    }
}
