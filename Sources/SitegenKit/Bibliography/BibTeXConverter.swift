/// Maps a BibTeX entry's fields to a CSL ``Reference``, as pandoc's BibTeX reader does.
struct BibTeXConverter {
    let source: SourceText

    private static let types: [String: String] = [
        "article": "article-journal", "book": "book", "booklet": "pamphlet", "inbook": "chapter",
        "incollection": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
        "manual": "book", "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis",
        "techreport": "report", "report": "report", "online": "webpage", "www": "webpage", "electronic": "webpage",
        "misc": "", "unpublished": "manuscript", "proceedings": "book", "collection": "book",
    ]

    func reference(type: String, key: String, fields: [String: BibTeXField], at start: SourceLocation) throws(Diagnostic)
        -> Reference
    {
        var reference = Reference(id: key, type: Self.types[type] ?? "", location: start)
        func plain(_ name: String) -> String? {
            fields[name].map { LaTeXText.decode($0.value).text.trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        }
        func sentenceCase(_ name: String) -> String? {
            fields[name].map { LaTeXText.decode($0.value).sentenceCased().trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        }
        if let author = fields["author"] {
            (reference.authors, reference.hasMoreAuthors) = try BibTeXNames.parse(author, source: source)
        }
        if let editor = fields["editor"] {
            reference.editors = try BibTeXNames.parse(editor, source: source).names
        }
        reference.title = sentenceCase("title")
        if reference.type == "chapter" || reference.type == "paper-conference" {
            reference.containerTitle = sentenceCase("booktitle")
        } else {
            reference.containerTitle = plain("journal") ?? plain("journaltitle")
        }
        reference.containerTitleShort = plain("shortjournal") ?? plain("journalabbreviation")
        reference.volume = plain("volume")
        if reference.type != "report" { reference.issue = plain("number") ?? plain("issue") }
        reference.page = plain("pages")
        reference.publisher = plain("publisher") ?? plain("institution") ?? plain("school") ?? plain("organization")
        reference.publisherPlace = plain("address") ?? plain("location")
        reference.edition = plain("edition")
        reference.url = plain("url")
        reference.doi = plain("doi")
        reference.pmid = plain("pmid")
        reference.pmcid = plain("pmcid") ?? plain("pmc")
        reference.numberOfPages = plain("pagetotal")
        switch type {
        case "phdthesis": reference.genre = plain("type") ?? "PhD thesis"
        case "mastersthesis": reference.genre = plain("type") ?? "Master’s thesis"
        default: reference.genre = plain("type")
        }
        if let date = fields["date"] {
            reference.issued = try Self.date(date)
        } else if let year = fields["year"] {
            guard let number = Int(LaTeXText.decode(year.value).text.trimmingWhitespace) else {
                throw Diagnostic.error(at: year.location, "malformed BibTeX: year '\(year.value)' is not a number")
            }
            reference.issued = Reference.DateParts(year: number, month: fields["month"].flatMap { Self.month($0.value) })
        }
        if let urldate = fields["urldate"] { reference.accessed = try Self.date(urldate) }
        return reference
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func month(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace.lowercased()
        if let number = Int(trimmed), (1...12).contains(number) { return number }
        return monthNames.firstIndex { trimmed.hasPrefix($0) }.map { $0 + 1 }
    }

    static func date(_ field: BibTeXField) throws(Diagnostic) -> Reference.DateParts {
        // Zotero writes `2019-03-12TZ`: read the leading digits of each part.
        let parts = field.value.trimmingWhitespace.split(separator: "-").map { Int($0.prefix(while: \.isNumber)) }
        guard let first = parts.first, let year = first, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else {
            throw Diagnostic.error(at: field.location, "malformed BibTeX: date '\(field.value)' is not YYYY, YYYY-MM or YYYY-MM-DD")
        }
        let month = parts.count > 1 ? parts[1] : nil
        let day = parts.count > 2 ? parts[2] : nil
        if let month, !(1...12).contains(month) {
            throw Diagnostic.error(at: field.location, "malformed BibTeX: date '\(field.value)' has no month \(month)")
        }
        if let day, !(1...31).contains(day) {
            throw Diagnostic.error(at: field.location, "malformed BibTeX: date '\(field.value)' has no day \(day)")
        }
        return Reference.DateParts(year: year, month: month, day: day)
    }
}
