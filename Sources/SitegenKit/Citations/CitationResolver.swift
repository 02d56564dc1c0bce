import CSL
import Foundation

/// Resolves an article's citation markers: numbers sources in order of first citation, writes each
/// marker's HTML, and remembers every place a source is cited for the back-links.
///
/// A numeric style's marker is known at once: superscript numbers. An author-date style's citations depend on one
/// another (`Smith 2020a` and `2020b`), so each is a placeholder until ``finish(_:)`` prints them all together and
/// puts the entries in the style's order.
public struct CitationResolver {
    /// A cited source, in number order.
    private let lookups: [Bibliography]
    private let formats: ReferenceFormats
    public private(set) var cited: [CitedReference] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// Every key looked up, found or not, when ``tracksKeys``: an incremental build re-renders the article when one of
    /// them changes.
    public private(set) var lookedUpKeys: Set<String> = []
    private let tracksKeys: Bool
    private var numbers: [String: Int] = [:]
    /// The element ids of the page, once one of them is not its key's own (``PrintedReference/elementIdIsKey``): only
    /// then may two be the same.
    private var usedIds: Set<String>?
    private var markerCount = 0
    /// The number of each source cited by its key in lowercase, its DOI (in lowercase) and its PMID: a source cited
    /// later with one of them is the same paper listed twice (``noteRepeatedWork(_:at:)``).
    /// Each is looked up by its hash value (``PrintedReference/identityHashes``), and its text then compared.
    private var works: [Int: Int] = [:]
    /// The keys of the markers that could not be printed (one of their keys resolved nowhere).
    public private(set) var keysOfFailedMarkers: Set<String> = []
    /// The keys of the entries an author-date style prints nothing of, left out of the references (cited all the same).
    public private(set) var keysWithoutEntry: Set<String> = []
    /// Where an author-date style's article first cites each key: a warning about its entry is located there.
    private var firstCitations: [String: SourceLocation] = [:]
    /// An author-date style's citations so far, in the article's order.
    private var citations: [CSLCitation] = []
    /// The HTML of the code spans, links and line breaks in the affixes of an author-date citation, by its index in
    /// `citations` (``CitationGroup/inlines``).
    private var inlines: [Int: [String]] = [:]
    /// The indices in `citations` of each author-date marker's citations (an in-text one has two), whose first text
    /// decides the direction the marker reads in.
    private var markers: [Range<Int>] = []

    /// - Parameters:
    ///   - bibliographies: searched in order (the article's own first, then the site's).
    ///   - formats: formatted entries, shared by the articles of a build.
    ///   - broken: where the entries that could not be read broke, by key: citing one says so.
    ///   - unreadable: the bibliography files of the article that could not be read at all: an unknown key may be in one.
    ///   - missing: the bibliography files the article names that are not there (each an error of its own).
    ///   - tracksKeys: whether ``lookedUpKeys`` are kept (only a build that a next one patches needs them).
    ///   - unreadFiles: the bibliography files of the site that the article does not read and that hold a key.
    public init(
        bibliographies: [Bibliography], formats: ReferenceFormats = ReferenceFormats(), broken: [String: SourceLocation] = [:],
        unreadable: [String] = [], missing: [String] = [], tracksKeys: Bool = true, unreadFiles: @escaping (String) -> [String] = { _ in [] }
    ) {
        // An empty one (most articles have no bibliography of their own) would cost each key a look-up for nothing.
        self.lookups = bibliographies.filter { !$0.isEmpty }
        self.formats = formats
        self.broken = broken
        self.unreadable = unreadable
        self.missing = missing
        self.tracksKeys = tracksKeys
        self.unreadFiles = unreadFiles
    }

    private let broken: [String: SourceLocation]
    private let unreadable: [String]
    private let missing: [String]
    private let unreadFiles: (String) -> [String]

    /// How an article at `article` names the site file `file` in `bibliography:`: by its name beside it, or from the site
    /// folder (`/Content/refs.bib`).
    static func path(of file: String, from article: String) -> String {
        let folder = article.split(separator: "/").dropLast().joined(separator: "/")
        let fileFolder = file.split(separator: "/").dropLast().joined(separator: "/")
        return folder == fileFolder ? String(file.split(separator: "/").last ?? "") : "/" + file
    }

    /// The marker's HTML, or nil (with an error recorded) when a key resolves nowhere.
    public mutating func resolve(_ group: CitationGroup) -> String? {
        if let html = resolveOneKey(group) { return html }
        let group = group.codeTexts.contains { $0 != nil } ? readingLocatorsInCode(group) : group
        // The entry of each key that has no number yet in this article (a numbered key needs no second look-up); the
        // keys are numbered only once every one of the marker resolves.
        var found: [PrintedReference?] = []
        found.reserveCapacity(group.items.count)
        var failed = false
        for item in group.items {
            if let stray = Self.keyInLocator(item.suffix) {
                diagnostics.append(
                    .error(
                        at: item.location,
                        "'@\(stray)' is read as part of the locator of '@\(item.key)'; separate sources with a semicolon: [@\(item.key); @\(stray)]"))
                return nil
            }
            if numbers[item.key] != nil {
                found.append(nil)
                continue
            }
            if item.key.isEmpty {
                // `[@{}]`, a key's braces left empty; pandoc prints "?".
                diagnostics.append(.error(at: item.location, "'@{}' cites no key: write the key of the source between the braces, [@{smith2020}], or delete the citation"))
                failed = true
                continue
            }
            if tracksKeys { lookedUpKeys.insert(item.key) }
            if let printed = lookUp(item.key) {
                found.append(printed)
                continue
            }
            // `@name` in running text that is no key is text (a handle, say), not a mistake; one a letter's case or
            // one typo from a key was meant as a citation.
            if group.isInText {
                if Self.isQuartoCrossReference(item.key) {
                    diagnostics.append(
                        .warning(at: item.location,
                            "'@\(item.key)' is a Quarto cross-reference, which sitegen does not number: it is printed as written; say"
                                + " which \(Self.crossReferenced(item.key)) in words (the \(Self.crossReferenced(item.key)) below)"))
                } else if let near = inTextKeyMeant(item.key) {
                    let note = near.lowercased() == item.key.lowercased() ? " (keys are case-sensitive)" : ""
                    diagnostics.append(
                        .warning(at: item.location, "'@\(item.key)' is printed as text, as no entry has this key; did you mean '@\(near)'?\(note)"))
                }
                return nil
            }
            failed = true
            if let places = lookups.lazy.compactMap({ $0.duplicates[item.key] }).first {
                diagnostics.append(
                    .error(at: item.location,
                        "the key '\(item.key)' names \(places.count) entries (at \(places.map(\.description).joined(separator: ", "))), so which is"
                            + " cited is not known: remove the " + (places.count == 2 ? "copy, or give one of them" : "copies, or give each of them")
                            + " a key of its own and cite the one meant",
                        naming: places.map(\.path)))
                continue
            }
            if let place = broken[item.key] {
                diagnostics.append(.error(at: item.location, "the entry '\(item.key)' could not be read (at \(place)); fix it there", naming: [place.path]))
                continue
            }
            var message = "unknown citation key '\(item.key)'"
            // The site files the message names.
            var named: [String] = []
            if Self.isQuartoCrossReference(item.key), nearestKey(to: item.key) == nil {
                message += "; that is a Quarto cross-reference, which sitegen does not number: say which \(Self.crossReferenced(item.key))"
                    + " in words (the \(Self.crossReferenced(item.key)) below), outside the brackets"
            } else if let entry = jsonNumberNamed(item.key) {
                // `[@1e3]` for a CSL-JSON item whose id is the number 1e3, which JSON reads as 1000 (its warning says so).
                named.append(entry.location.path)
                message += "; the entry at \(entry.location) has the key '\(entry.id)', the number JSON reads \(item.key) as (an id written as a"
                    + " number is cited by the whole number it is): write [@\(entry.id)], or, to cite it as [@\(item.key)], make its id the string"
                    + " \"\(item.key)\""
            } else if let entry = pandocNamed(item.key) {
                named.append(entry.location.path)
                message += "; that is pandoc's key for the RIS record at \(entry.location), which sitegen keys '\(entry.id)' (its first"
                    + " author's family name and year): write [@\(entry.id)], or give the record the line 'ID  - \(item.key)'"
            } else if let (scheme, identifier) = Self.identifierCited(item.key) {
                // Manubot's `[@doi:10.1016/…]`, `[@pmid:…]`: a source cited by its identifier, not by a key.
                message += "; that cites a source by its \(scheme), as Manubot does, and sitegen cites by key"
                let entries = entries(withIdentifier: identifier, scheme: scheme)
                if entries.count == 1, let entry = entries.first {
                    named.append(entry.location.path)
                    message += ": the entry with this \(scheme) is '\(entry.id)' (at \(entry.location)), so write [@\(entry.id)]"
                } else if !entries.isEmpty {
                    // A DOI cut at its `(` starts the DOIs of many papers of one journal.
                    let which = scheme == "DOI" ? "whose DOI starts so" : "with this \(scheme)"
                    message += ": the entries \(which) are \(entries.map { "'\($0.id)'" }.joined(separator: ", ")); cite the one meant by its key"
                } else {
                    message += ": add the source's entry to a file in Content/bibliography/ (a reference manager makes it from the"
                        + " \(scheme)) and cite its key"
                }
            } else if let meant = keyCutShort(item.key, writtenOn: item.suffixSeparator.isEmpty ? item.suffix : "") {
                let stop = meant.dropFirst(item.key.count).first.map { $0 == "'" || $0 == "’" ? "apostrophe" : "'\($0)'" } ?? ""
                message += "; the key meant is '\(meant)', cut short at its \(stop) (a key written after '@' ends there): cite it in braces, [@{\(meant)}]"
            } else if let entries = authorYearNamed(item.key) {
                // `[@roe2019]` for a PubMed record, keyed by its PMID, or for an entry whose exporter keys otherwise.
                let pubMed = entries.count == 1 && entries[0].id == entries[0].pubMedID ? " (a PubMed record's key is its PMID)" : ""
                named += entries.map(\.location.path)
                message += entries.count == 1
                    ? "; the entry of that author and year (at \(entries[0].location)) has the key '\(entries[0].id)'\(pubMed): write [@\(entries[0].id)]"
                    : "; the entries of that author and year have the keys \(entries.map { "'\($0.id)' (at \($0.location))" }.joined(separator: ", ")): cite the one meant by its key"
            } else if let unnamed = yearKeyed(item.key) {
                // `[@wang2017]` for a RIS record whose author has no Latin letters (`王, 小明`), keyed `ref2017`.
                named += unnamed.map(\.location.path)
                message += "; no entry has an author of that name, but \(unnamed.count == 1 ? "a RIS record" : "RIS records") of that year without"
                    + " a Latin letter in the author's name \(unnamed.count == 1 ? "is" : "are") keyed by the year alone: "
                    + unnamed.map { "'\($0.id)' (at \($0.location))" }.joined(separator: ", ")
                    + "; cite \(unnamed.count == 1 ? "it" : "the one meant") so, or give it the line 'ID  - \(item.key)'"
            } else if !unreadable.isEmpty {
                named += unreadable
                message += "; it may be in \(unreadable.joined(separator: " or ")), which could not be read: fix the error reported there first"
            } else if case let files = unreadFiles(item.key), let file = files.first {
                // A bibliography beside the article (pandoc's `refs.bib` beside the Markdown) is read only when named.
                named += files
                if let wrong = missing.first {
                    // `bibliography: refs/x.bib` for Content/refs/x.bib: the line is what to correct, as its own error says;
                    // another line for the same file would be a second `bibliography:`.
                    message += "; it is in \(files.joined(separator: " and ")), and this article's bibliography: names \(wrong), which is not"
                        + " there: correct that line, as its error says"
                } else {
                    message += "; it is in \(files.joined(separator: " and ")), which this article does not read: name \(files.count == 1 ? "it" : "one")"
                        + " in the front matter (bibliography: \(Self.path(of: file, from: item.location.path))), or move it to"
                        + " \(SiteLayout.bibliography)/, which every article reads"
                }
            } else if let suggestion = nearestKey(to: item.key) {
                message += "; did you mean '\(suggestion)'?"
                if let place = broken[suggestion] {
                    named.append(place.path)
                    message += " That entry could not be read (at \(place)); fix it there"
                }
            } else {
                message += "; no bibliography of this article has it: add its entry to a file in Content/bibliography/"
                    + " (or to the article's own `bibliography:`), or correct the key"
            }
            diagnostics.append(.error(at: item.location, message, naming: named))
        }
        guard !failed else {
            // Its other keys are cited all the same: no "never cited" for them.
            keysOfFailedMarkers.formUnion(group.items.map(\.key))
            return nil
        }
        markerCount += 1
        let marker = markerCount
        var entries: [Entry] = []
        entries.reserveCapacity(group.items.count)
        for (index, item) in group.items.enumerated() {
            let number: Int
            if let existing = numbers[item.key] {
                number = existing
            } else if let printed = found[index] {
                number = cited.count + 1
                numbers[item.key] = number
                cited.append(CitedReference(number: number, printed: printed, otherId: otherId(printed)))
                noteRepeatedWork(number, at: item.location)
                noteOtherwiseDefined(number, at: item.location)
            } else {
                continue
            }
            if cited[number - 1].citedAt.last != marker { cited[number - 1].citedAt.append(marker) }
            entries.append(Entry(number: number, index: index))
            noteCommaAfterSpace(item)
        }
        guard formats.style.isNumeric else { return placeholder(entries, in: group, marker: marker) }
        var html = "<sup class=\"citation\" id=\"cite-"
        html += String(marker)
        html += "\">"
        appendMarkerBody(entries, of: group, to: &html)
        html += "</sup>"
        if !group.inlines.isEmpty { html = AffixMarkup.placingInlines(html, group.inlines) }
        // In running text the sentence names the author: "Liu et al.¹".
        guard group.isInText, let entry = entries.first else { return html }
        return cited[entry.number - 1].printed.authorLabelHTML + html
    }

    /// A numeric style's marker of one key without affixes (`[@a]`, most markers), by the shortest way; nil for any
    /// other marker, and for a key that resolves nowhere (``resolve(_:)`` says why).
    private mutating func resolveOneKey(_ group: CitationGroup) -> String? {
        guard group.items.count == 1, !group.isInText, formats.style.isNumeric else { return nil }
        let item = group.items[0]
        guard item.prefix.isEmpty, item.suffix.isEmpty else { return nil }
        let number: Int
        if let existing = numbers[item.key] {
            number = existing
        } else {
            if tracksKeys { lookedUpKeys.insert(item.key) }
            guard let printed = lookUp(item.key) else { return nil }
            number = cited.count + 1
            numbers[item.key] = number
            cited.append(CitedReference(number: number, printed: printed, otherId: otherId(printed)))
            noteRepeatedWork(number, at: item.location)
            noteOtherwiseDefined(number, at: item.location)
        }
        markerCount += 1
        if cited[number - 1].citedAt.last != markerCount { cited[number - 1].citedAt.append(markerCount) }
        var html = "<sup class=\"citation\" id=\"cite-"
        html.reserveCapacity(120 + cited[number - 1].text.elementId.utf8.count + cited[number - 1].text.markerLabel.utf8.count)
        html += String(markerCount)
        html += "\">"
        appendLink(toEntry: number, into: &html)
        html += "</sup>"
        return html
    }

    /// A warning at the first citation of the source numbered `number` when a source cited before is the same paper:
    /// its key differs only in case (`CTT2012` in the article's file, `ctt2012` site-wide), or it has the same DOI or
    /// PMID. Both would be listed, as two sources.
    private mutating func noteRepeatedWork(_ number: Int, at location: SourceLocation) {
        let reference = cited[number - 1].reference
        var warned = false
        let printed = cited[number - 1].printed
        let hashes = printed.identityHashes
        for index in 0..<3 {
            let hash = index == 0 ? hashes.0 : index == 1 ? hashes.1 : hashes.2
            guard hash != 0 else { break }
            guard let earlier = works[hash] else {
                works[hash] = number
                continue
            }
            // (Another identity with the same hash value is no earlier citation of this one.)
            let identity = printed.identities[index]
            guard cited[earlier - 1].printed.identities.contains(identity) else { continue }
            guard !warned else { continue }
            warned = true
            let kind = String(identity.prefix { $0 != " " }), value = String(identity.dropFirst(kind.count + 1))
            let first = cited[earlier - 1].reference
            let what = kind == "key"
                ? "differs only in case from '\(first.id)', cited before (at \(first.location)), which BibTeX reads as the same key"
                : "has the \(kind) of '\(first.id)', cited before (\(kind == "DOI" ? first.bareDOI ?? value : value)), and so is the same paper"
            diagnostics.append(
                .warning(at: location,
                    "'\(reference.id)' (at \(reference.location)) \(what): the paper is listed twice in the references; cite '\(first.id)' here too (and remove the other entry, unless another article cites it)",
                    naming: [reference.location.path, first.location.path]))
        }
    }

    /// A warning at the first citation of the source numbered `number` when it is an entry of the article's own
    /// bibliography whose key the site-wide one defines otherwise: the article prints its own, and the site's other
    /// articles the other. Not when the two are alike (a reference manager's library exported beside the
    /// article and into `Content/bibliography/`), and never for an entry no article cites (nothing prints it).
    private mutating func noteOtherwiseDefined(_ number: Int, at location: SourceLocation) {
        let reference = cited[number - 1].reference
        // Most articles have no bibliography of their own, and a key found in the site's is no own entry.
        guard lookups.count > 1, lookups[0][reference.id]?.location == reference.location,
            let other = lookups.dropFirst().lazy.compactMap({ $0[reference.id] }).first
        else { return }
        let differences = reference.differences(from: other)
        guard let last = differences.last else { return }
        // Three at most: an entry otherwise in every field is another work under the same key.
        let listed = differences.count > 3 ? differences.prefix(3).joined(separator: ", ") + " and \(differences.count - 3) more"
            : differences.count == 1 ? last : differences.dropLast().joined(separator: ", ") + " and " + last
        diagnostics.append(
            .warning(at: location,
                "'\(reference.id)' is the entry at \(reference.location), the article's own, which its references print; the one of that key"
                    + " site-wide (at \(other.location)) differs in \(listed): if they are one work, make the two alike (or remove one);"
                    + " if not, give one of them a key of its own",
                naming: [reference.location.path, other.location.path]))
    }

    /// A warning at a cite whose locator follows a space and a comma (`[@key , p. 3]`, `@key [ , p. 3]`): the comma
    /// that parts a locator from the key follows it directly, and the text after one is printed as written, after a
    /// space ("2020 , p. 3"), as pandoc reads it.
    private mutating func noteCommaAfterSpace(_ item: CitationItem) {
        guard item.suffixSeparator == " ", item.suffix.hasPrefix(",") else { return }
        var meant = item
        (meant.suffix, meant.suffixSeparator) = (String(item.suffix.dropFirst()).trimmingWhitespace, ", ")
        guard Self.cite(meant, labels: formats.style.locatorLabels).locator != nil else { return }
        diagnostics.append(
            .warning(at: item.location,
                "'\(item.suffix)' after '@\(item.key)' is printed as text, not as a locator, as pandoc reads a comma after a space;"
                    + " remove the space before the comma"))
    }

    /// A marker's link to the entry numbered `number`: `<a href="#ref-…" aria-label="Reference 1: …">1</a>`.
    private func appendLink(toEntry number: Int, into html: inout String) {
        let shown = String(number)
        html += "<a href=\"#"
        cited[number - 1].appendId(to: &html)
        let words = formats.words.marker
        html += "\" aria-label=\""
        html += words.before
        html += shown
        html += words.after
        html += cited[number - 1].text.markerLabel
        html += "\">"
        html += shown
        html += "</a>"
    }

    /// Whether a bibliography of the article has an entry of this key.
    func hasEntry(_ key: String) -> Bool {
        lookups.contains { $0[key] != nil }
    }

    /// The entry of a key in the first bibliography that has it.
    private func lookUp(_ key: String) -> PrintedReference? {
        for bibliography in lookups {
            if let printed = formats.printed(key, in: bibliography) { return printed }
        }
        return nil
    }

    /// The group with a locator written in code (`[@key, p. `4`]`) read from the code's text, as pandoc reads it
    /// (printed without the code's font): an item's suffix with its code spans as their text, when more of it is a
    /// locator so.
    private func readingLocatorsInCode(_ group: CitationGroup) -> CitationGroup {
        var group = group
        for index in group.items.indices {
            let written = group.items[index].suffix
            let plain = AffixMarkup.replacingInlines(written, count: group.codeTexts.count) { group.codeTexts[$0] ?? String(AffixMarkup.inline($0)) }
            guard plain != written else { continue }
            var read = group.items[index]
            read.suffix = plain
            let labels = formats.style.locatorLabels
            if (Self.cite(read, labels: labels).locator?.count ?? 0) > (Self.cite(group.items[index], labels: labels).locator?.count ?? 0) {
                group.items[index] = read
            }
        }
        return group
    }

    /// Marks the place of an author-date citation, printed by ``finish(_:)``; an in-text one is two citations, the
    /// author's name and the rest in the style's brackets: "Liu et al. (2021)".
    private mutating func placeholder(_ entries: [Entry], in group: CitationGroup, marker: Int) -> String {
        for entry in entries where firstCitations[group.items[entry.index].key] == nil {
            firstCitations[group.items[entry.index].key] = group.items[entry.index].location
        }
        let cites = entries.map { entry in
            var cite = Self.cite(group.items[entry.index], labels: formats.style.locatorLabels)
            cite.link = "#" + cited[entry.number - 1].id
            return cite
        }
        var html = "<span class=\"citation\" id=\"cite-\(marker)\">"
        let firstCitation = citations.count
        if group.isInText, var cite = cites.first {
            // The name alone; what follows the key goes in the brackets ("Liu et al. (2021, p. 4 and more)").
            var name = cite
            (name.authorOnly, name.suffix) = (true, nil)
            html += Self.placeholder(citations.count) + " "
            citations.append(CSLCitation(cites: [name]))
            cite.suppressAuthor = true
            html += Self.placeholder(citations.count)
            // The cites of brackets after it go in them too (`@a [see @b]`: "Liu et al. (2021; see Kim, 2019)").
            citations.append(CSLCitation(cites: [cite] + cites.dropFirst()))
        } else {
            html += Self.placeholder(citations.count)
            citations.append(CSLCitation(cites: cites))
        }
        if !group.inlines.isEmpty {
            for index in firstCitation..<citations.count { inlines[index] = group.inlines }
        }
        markers.append(firstCitation..<citations.count)
        return html + "</span>"
    }

    private static func placeholder(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

    /// The article's HTML with its author-date citations printed, and its entries in the style's order with their
    /// text (which may depend on the other entries: a year suffix, a given name that tells two authors apart).
    public mutating func finish(_ body: String) -> String {
        guard !formats.style.isNumeric, !citations.isEmpty else { return body }
        let style = formats.style
        // The entries in their files' order, which lists those the style's sort leaves equal (as pandoc lists them).
        let inFiles = cited.sorted { $0.reference.location < $1.reference.location }
        // What the last build printed of the same items and citations in the same style (``KeptReferenceTexts``), or
        // what the processor prints of them now.
        let keptKey = formats.renderingKey(items: inFiles.map(\.printed), citations: citations)
        let kept = keptKey.flatMap(formats.keptRendering)
        let printing = kept.map(Self.printing) ?? render(inFiles)
        // An entry the style prints nothing of (APA's personal communication, cited in the text only) is left out of the
        // references, and its citations link to no entry (``render(_:)``); they print as they are. Pandoc's citeproc lists
        // it empty, with a warning.
        let unprinted = Set(printing.entries.filter(\.printsNothing).map(\.id))
        for id in unprinted.sorted() {
            guard let cited = cited.first(where: { $0.reference.id == id }) else { continue }
            diagnostics.append(
                .warning(at: firstCitations[id] ?? cited.reference.location,
                    "the citation style prints nothing of the entry '\(id)' (type \(cited.reference.type)) in the references, as APA and"
                        + " Chicago cite a personal communication in the text only: the references leave it out, its citations print as they are"))
        }
        keysWithoutEntry = unprinted
        var texts = printing.citations
        for (index, inlines) in inlines { texts[index] = AffixMarkup.placingInlines(texts[index], inlines) }
        // A marker reads in the direction of its first letter (``CitationStyle/rightToLeftWhereItsWordsAre(_:)``).
        if style.readsRightToLeft {
            for marker in markers where !marker.isEmpty && TextDirection.holdsRightToLeftLetters(texts[marker].joined()) {
                texts[marker.lowerBound] = TextDirection.rightToLeftMark + texts[marker.lowerBound]
            }
        }
        let html = Self.replacingPlaceholders(in: body, with: texts)
        let order = Dictionary(printing.entries.enumerated().map { ($1.id, $0) }) { first, _ in first }
        // Each entry's place looked up once, not at each comparison; entries the bibliography leaves out last, in the
        // order they were.
        let places = cited.map { order[$0.reference.id] ?? .max }
        cited = cited.indices.sorted { (places[$0], $0) < (places[$1], $1) }.map { cited[$0] }
        if !unprinted.isEmpty { cited.removeAll { unprinted.contains($0.reference.id) } }
        for index in cited.indices {
            cited[index].number = index + 1
            let entry = order[cited[index].reference.id].map { printing.entries[$0] }
            cited[index].printed = if let formatted = entry?.kept {
                formats.printed(cited[index].printed, formatted: formatted)
            } else {
                formats.printed(cited[index].printed, entry: entry?.text ?? [])
            }
        }
        if kept == nil, let keptKey {
            // Kept for the next build with each entry's text as its page prints it.
            let formatted = Dictionary(cited.map { ($0.reference.id, $0.printed.formatted) }) { first, _ in first }
            formats.keep(
                KeptReferenceTexts.Rendering(
                    citations: printing.citations,
                    entries: printing.entries.map { .init(id: $0.id, printsNothing: $0.printsNothing, formatted: formatted[$0.id] ?? FormattedReference(text: "", html: "")) }),
                under: keptKey)
        }
        return html
    }

    /// An article's citations as the style prints them (each one's HTML), and its entries in the style's order: each
    /// with its text as the processor printed it, or as the last build kept it (``KeptReferenceTexts``).
    private struct Printing {
        var citations: [String]
        var entries: [(id: String, printsNothing: Bool, text: [CSLText], kept: FormattedReference?)]
    }

    /// The article's citations and entries as the last build kept them.
    private static func printing(_ kept: KeptReferenceTexts.Rendering) -> Printing {
        Printing(citations: kept.citations, entries: kept.entries.map { ($0.id, $0.printsNothing, [], $0.formatted) })
    }

    /// The article's citations and entries as the processor prints them; the citations of an entry the style prints
    /// nothing of link to none.
    private mutating func render(_ inFiles: [CitedReference]) -> Printing {
        let items = inFiles.map { $0.printed.cslItem ?? $0.reference.cslItem }
        let processor = formats.style.processor
        var result = processor.renderHTML(items: items, citations: citations, escaping: .named)
        let unprinted = Set(result.bibliography.filter(\.printsNothing).map(\.id))
        if !unprinted.isEmpty {
            for index in citations.indices {
                for cite in citations[index].cites.indices where unprinted.contains(citations[index].cites[cite].id) {
                    citations[index].cites[cite].link = nil
                }
            }
            result = processor.renderHTML(items: items, citations: citations, escaping: .named)
        }
        return Printing(citations: result.citations, entries: result.bibliography.map { ($0.id, $0.printsNothing, $0.text, nil) })
    }

    /// The body with each placeholder (U+E000, a citation's index, U+E001) replaced by that citation's HTML, found by
    /// its UTF-8 bytes (EE 80 80 … EE 80 81).
    static func replacingPlaceholders(in body: String, with texts: [String]) -> String {
        var body = body
        /// Each placeholder's bytes, and the citation it stands for.
        var found: [(range: Range<Int>, number: Int)] = []
        body.withUTF8 { bytes in
            var index = 0
            while let start = bytes.firstIndex(of: 0xEE, from: index) {
                index = start + 1
                guard start + 2 < bytes.count, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 else { continue }
                var end = start + 3, number = 0
                while end < bytes.count, (0x30...0x39).contains(bytes[end]), number < texts.count {
                    number = number * 10 + Int(bytes[end] - 0x30)
                    end += 1
                }
                let closed = end + 2 < bytes.count && bytes[end] == 0xEE && bytes[end + 1] == 0x80 && bytes[end + 2] == 0x81
                guard end > start + 3, closed, texts.indices.contains(number) else { continue }
                found.append((start..<(end + 3), number))
                index = end + 3
            }
        }
        guard !found.isEmpty else { return body }
        // The text between placeholders is copied as it is, without reading it again as UTF-8: a placeholder starts
        // and ends between two characters.
        var result = ""
        result.reserveCapacity(body.utf8.count + found.reduce(0) { $0 + texts[$1.number].utf8.count })
        let utf8 = body.utf8
        var copied = utf8.startIndex
        for (range, number) in found {
            result += body[copied..<utf8.index(utf8.startIndex, offsetBy: range.lowerBound)]
            result += texts[number]
            copied = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        }
        result += body[copied...]
        return result
    }

    /// A cite of an author-date style: pandoc's reading of the text after the key, a locator with its label in the
    /// site's language (`p. 33`, `chap. 2`; `S. 33` in German; without one, a first word with a digit is a page, `33`,
    /// `e12`) and the rest as a suffix (`, and elsewhere`).
    static func cite(_ item: CitationItem, labels: LocatorLabels) -> CSLCite {
        var cite = CSLCite(id: item.key, prefix: item.prefix.isEmpty ? nil : AffixMarkup.csl(item.prefix) + " ", suppressAuthor: item.suppressAuthor)
        // Quotes that pair with none as the marks pandoc makes of them, so that the text after a locator reads as
        // the whole did.
        let suffix = CSLTypedQuotes.resolvingUnpaired(AffixMarkup.csl(item.suffix))
        guard !suffix.isEmpty else { return cite }
        if let braced = BracedLocator(suffix, labels: labels.all) {
            if braced.locator.isEmpty {
                cite.suffix = braced.rest.isEmpty ? nil : braced.separatedRest
            } else {
                (cite.label, cite.locator) = (braced.label ?? "", braced.locator)
                cite.suffix = braced.rest.isEmpty ? nil : String(braced.rest)
            }
            return cite
        }
        // A locator as pandoc reads one (``LocatorReader``); the text after it follows it as written (`p. 4, and
        // elsewhere`, `3—4`).
        guard let (label, locator, rest) = LocatorReader.read(suffix, labels: labels) else {
            cite.suffix = item.suffixSeparator + suffix
            return cite
        }
        (cite.label, cite.locator) = (label, locator)
        if !rest.isBlank { cite.suffix = rest }
        return cite
    }

    /// One source in a marker: its number, and the place of its item in the marker (for its affixes).
    private struct Entry {
        var number: Int
        var index: Int
    }

    /// A numeric marker's numbers, as pandoc's citeproc orders a numeric style's citation: a source with a prefix or
    /// a suffix of its own (`see`, `and elsewhere`; a locator is neither) stays where it is written, alone; the sources
    /// between such ones are sorted by number, each number once, and three or more consecutive numbers without a
    /// locator collapse to a range (`3–5`) where the style collapses them; a locator follows its number (`4, p. 33`).
    private func appendMarkerBody(_ entries: [Entry], of group: CitationGroup, to html: inout String) {
        func link(_ entry: Entry) { appendLink(toEntry: entry.number, into: &html) }
        // Most markers cite without affixes: one look at the items tells.
        let plain = entries.allSatisfy { group.items[$0.index].prefix.isEmpty && group.items[$0.index].suffix.isEmpty }
        if plain, entries.count == 1 { return link(entries[0]) }
        if plain {
            // The numbers in order, each once, three or more consecutive ones as a range: what the runs below make of
            // a marker without affixes, without their arrays.
            var numbers: [Entry] = []
            numbers.reserveCapacity(entries.count)
            for entry in entries.sorted(by: { $0.number < $1.number }) where numbers.last?.number != entry.number { numbers.append(entry) }
            var start = 0
            while start < numbers.count {
                var end = start
                while formats.style.collapsesNumbers, end + 1 < numbers.count, numbers[end + 1].number == numbers[end].number + 1 { end += 1 }
                if start > 0 { html += "," }
                if end - start >= 2 {
                    link(numbers[start])
                    html += "–"
                    link(numbers[end])
                    start = end + 1
                } else {
                    link(numbers[start])
                    start += 1
                }
            }
            return
        }
        /// Each entry with whether it has an affix of its own and its locator's cite (nil without one), in the
        /// marker's order.
        let parts: [(entry: Entry, affixed: Bool, located: CSLCite?)] = entries.map { entry in
            let item = group.items[entry.index]
            guard !item.prefix.isEmpty || !item.suffix.isEmpty else { return (entry, false, nil) }
            let cite = Self.cite(item, labels: formats.style.locatorLabels)
            return (entry, cite.prefix != nil || cite.suffix?.isEmpty == false, cite.locator == nil ? nil : cite)
        }
        var runs: [[(entry: Entry, affixed: Bool, located: CSLCite?)]] = plain ? [parts] : []
        for part in parts where !plain {
            if let first = runs.last?.first, !first.affixed, !part.affixed {
                runs[runs.count - 1].append(part)
            } else {
                runs.append([part])
            }
        }
        var first = true
        // With a locator or an affix among them the sources are told apart by semicolons ("2, fig. 2; 3, p. 7"), where
        // commas would read as one more number ("2, fig. 2,3, p. 7").
        let between = parts.contains { $0.located != nil || $0.affixed } ? "; " : ","
        for run in runs {
            // Sorted (stably: two locators of one source stay in their order), a number without a locator once.
            var sorted: [(entry: Entry, affixed: Bool, located: CSLCite?)] = []
            for part in run.sorted(by: { $0.entry.number < $1.entry.number })
            where part.located != nil || part.affixed || !sorted.contains(where: { $0.entry.number == part.entry.number && $0.located == nil }) {
                sorted.append(part)
            }
            var start = 0
            while start < sorted.count {
                // A range: three or more consecutive numbers, none with a locator or an affix.
                var end = start
                while formats.style.collapsesNumbers, sorted[start].located == nil, !sorted[start].affixed, end + 1 < sorted.count, sorted[end + 1].located == nil,
                    sorted[end + 1].entry.number == sorted[end].entry.number + 1 { end += 1 }
                if !first { html += between }
                first = false
                if end - start >= 2 {
                    link(sorted[start].entry)
                    html += "–"
                    link(sorted[end].entry)
                    start = end + 1
                    continue
                }
                let entry = sorted[start].entry, item = group.items[entry.index]
                if !item.prefix.isEmpty { html += AffixMarkup.html(AffixMarkup.curled(item.prefix, punctuationInQuote: formats.style.processor.movesPunctuationIntoQuotes)) + " " }
                link(entry)
                // A locator after a comma, as CSL styles print one, with its label (``locatorHTML(_:cite:)``); other text as
                // it was written (a suffix written after a comma, most are, needs no look for a locator), a locator in
                // braces without them.
                var suffix = AffixMarkup.curled(item.suffix, punctuationInQuote: formats.style.processor.movesPunctuationIntoQuotes)
                let located = sorted[start].located
                var separator = item.suffixSeparator == ", " || located != nil ? ", " : item.suffixSeparator
                let braced = BracedLocator(suffix, labels: formats.style.locatorLabels.all)
                if let braced {
                    suffix = braced.written
                    if braced.locator.isEmpty { separator = "" }
                }
                if !suffix.isEmpty {
                    html += located != nil ? "<span class=\"locator\">" : "<span class=\"suffix\">"
                    html += separator
                    if let located, braced == nil {
                        html += locatorHTML(item, cite: located) ?? AffixMarkup.html(suffix)
                    } else {
                        html += AffixMarkup.html(suffix)
                    }
                    html += "</span>"
                }
                start += 1
            }
        }
    }

    /// A numeric marker's locator as a style prints one after the number: its label as written, or, before a page
    /// without one, the language's word for a page (`583` is `p. 583`, `583-585` is `pp. 583–585`, where "1, 583" would read
    /// as two numbers of sources), each range with an en dash, and the text after it as written. Nil when the locator
    /// is not in the text as it was read (emphasis in it): the text is printed as written.
    /// - Parameter cite: the item's cite (``cite(_:labels:)``).
    private func locatorHTML(_ item: CitationItem, cite: CSLCite) -> String? {
        guard let locator = cite.locator.map(Array.init), let label = cite.label, !locator.isEmpty else { return nil }
        let text = Array(AffixMarkup.dashes(AffixMarkup.curled(item.suffix, punctuationInQuote: formats.style.processor.movesPunctuationIntoQuotes)))
        /// Where the locator ends when it starts at `start`: a space of it stands for the spaces written there.
        func end(from start: Int) -> Int? {
            var index = start
            for character in locator {
                guard index < text.count, text[index] == character else { return nil }
                index += 1
                if character == " " { while index < text.count, text[index] == " " { index += 1 } }
            }
            return index
        }
        let first = text.firstIndex { $0 != " " && $0 != "\u{A0}" } ?? text.count
        var written = "", after: Int
        if let found = end(from: first) {
            guard let word = formats.style.processor.locatorLabel(label, for: cite.locator!) else { return nil }
            written = HTMLEscaping.escape(word) + " "
            after = found
        } else {
            guard let start = (first + 1..<text.count).first(where: { end(from: $0) != nil }) else { return nil }
            written = AffixMarkup.html(String(text[first..<start]))
            after = end(from: start)!
        }
        return written + HTMLEscaping.escape(formats.style.processor.locatorRanges(cite.locator!)) + AffixMarkup.html(String(text[after...]))
    }

    /// The entry's element id on this page when another entry has its own (`ref-a-2`, from two keys that differ only
    /// in characters an id cannot hold), nil when it is its own.
    private mutating func otherId(_ printed: PrintedReference) -> String? {
        if usedIds == nil {
            if printed.elementIdIsKey { return nil }
            usedIds = Set(cited.map(\.id))
        }
        let own = String(printed.pageText.elementId)
        var id = own
        var counter = 2
        while usedIds!.contains(id) {
            id = "\(own)-\(counter)"
            counter += 1
        }
        usedIds!.insert(id)
        return id == own ? nil : id
    }

    /// `ref-` and the key, each character but ASCII letters, digits, `_` and `-` replaced by `-`.
    static func elementId(for key: String) -> String {
        // In ASCII without a carriage return (CR LF is one character) every byte is a character.
        guard key.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return characterElementId(for: key) }
        return "ref-" + String(decoding: key.utf8.map { Self.isIdByte($0) ? $0 : UInt8(ascii: "-") }, as: UTF8.self)
    }

    static func characterElementId(for key: String) -> String {
        "ref-" + String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "-" })
    }

    private static func isIdByte(_ byte: UInt8) -> Bool {
        byte.isAlphanumericASCII || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// A `@key` in a locator: `[@a, @b]`, where a comma was written for the semicolon that separates sources.
    static func keyInLocator(_ suffix: String) -> String? {
        guard suffix.utf8.contains(UInt8(ascii: "@")) else { return nil }
        let bytes = Array(suffix.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "@") {
            let before = index > 0 ? bytes[index - 1] : UInt8(ascii: " ")
            guard before == UInt8(ascii: " ") || before == UInt8(ascii: ",") || before == UInt8(ascii: "-") else { continue }
            if let (key, _) = CitationScanner.key(bytes, from: index + 1, to: bytes.count) { return key }
        }
        return nil
    }

    /// The key an in-text `@name` that is none was meant as: the same in other case, the key of the one entry whose
    /// author and year it is (``authorYearNamed(_:)``), or one edit from a key of six characters or more (a handle,
    /// `@nhs`, is not taken for one).
    private func inTextKeyMeant(_ name: String) -> String? {
        let keys = allKeys
        if let same = keys.filter({ $0.lowercased() == name.lowercased() }).min() { return same }
        if let named = authorYearNamed(name), named.count == 1 { return named[0].id }
        guard name.count >= 6 else { return nil }
        let letters = Array(name)
        return keys.filter { abs($0.count - letters.count) <= 1 && $0.count >= 6 && Suggestion.editDistance(letters, Array($0)) == 1 }.min()
    }

    /// The key nearest `key` among those of the article's bibliographies and those of their entries that could not be read.
    private func nearestKey(to key: String) -> String? {
        Suggestion.nearest(to: key, among: allKeys + broken.keys, allowsReplacingAll: true)
    }

    /// A key of the article's bibliographies that `key` is the start of, cut where a character ends a key as written
    /// (`[@o'brien2019]` is read as `@o`, as pandoc reads it).
    /// - Parameter written: the text right after the key, which says which of several keys it starts was written.
    private func keyCutShort(_ key: String, writtenOn written: String) -> String? {
        let candidates = allKeys.filter { candidate in
            candidate.utf8.count > key.utf8.count && candidate.hasPrefix(key)
                && CitationScanner.key(Array(candidate.utf8), from: 0, to: candidate.utf8.count)?.0 == key
        }
        return candidates.filter { (key + written).hasPrefix($0) }.max { $0.utf8.count < $1.utf8.count } ?? candidates.min()
    }

    /// The identifier a key cites a source by, as Manubot's keys do (`doi:10.1016/…`, `pmid:22607822`, `pmcid:PMC…`, or
    /// a DOI alone), with its scheme; nil for any other key.
    static func identifierCited(_ key: String) -> (scheme: String, identifier: String)? {
        let lowered = key.lowercased()
        for (prefix, scheme) in [("doi:", "DOI"), ("pmid:", "PMID"), ("pmcid:", "PMCID")] where lowered.hasPrefix(prefix) {
            let identifier = String(key.dropFirst(prefix.count))
            return identifier.isEmpty ? nil : (scheme, identifier)
        }
        return lowered.hasPrefix("10.") && key.contains("/") ? ("DOI", key) : nil
    }

    /// The entries of the article's bibliographies with this identifier, in file order. A DOI is matched by its start
    /// too: a key ends at a character such as `(`, which DOIs have (`10.1016/S0140-6736(12)60367-5`).
    private func entries(withIdentifier identifier: String, scheme: String) -> [Reference] {
        let wanted = identifier.lowercased()
        let found = lookups.flatMap { $0.references.values }.filter { reference in
            switch scheme {
            case "DOI": reference.bareDOI.map { $0.lowercased() == wanted || ($0.lowercased().hasPrefix(wanted) && wanted.contains("/")) } ?? false
            case "PMID": reference.pubMedID == identifier
            default: reference.pubMedCentralID?.lowercased() == (wanted.hasPrefix("pmc") ? wanted : "pmc" + wanted)
            }
        }
        // A key in the article's own bibliography and the site's is the article's entry.
        var seen: Set<String> = []
        return found.filter { seen.insert($0.id).inserted }.sorted { $0.location < $1.location }
    }

    /// The CSL-JSON entry whose id, written as a number (`1e3`, `12.0`), JSON reads as the number this key is written as.
    private func jsonNumberNamed(_ key: String) -> Reference? {
        guard let number = CSLItemDecoder.wholeNumberKey(key), number != key else { return nil }
        for bibliography in lookups {
            if let entry = bibliography.references[number], entry.location.path.lowercased().hasSuffix(".json") { return entry }
        }
        return nil
    }

    /// The entry of the first bibliography that has a RIS record pandoc gives this key (`Roe_2020`).
    private func pandocNamed(_ key: String) -> Reference? {
        for bibliography in lookups {
            if let entry = bibliography.references.values.filter({ $0.pandocKey == key }).min(by: { $0.location < $1.location }) { return entry }
        }
        return nil
    }

    /// The entries whose first author's family name and year make `key`, as a RIS record without an `ID` is keyed
    /// (`roe2019`, `Roe2019`, `roe_2019b`; the letter aside), in file order; nil when none does or the key is no such name.
    private func authorYearNamed(_ key: String) -> [Reference]? {
        guard let (folded, _) = Self.nameAndYear(key) else { return nil }
        return entries { CitationKeyMaker.authorYear($0) == folded }
    }

    /// A key folded as RIS keys are made (`Roe_2019b` is `roe2019`: a letter after the year tells entries apart, and
    /// may be another exporter's) and its year, when it is a name and a year of four digits.
    private static func nameAndYear(_ key: String) -> (folded: String, year: String)? {
        var folded = CitationKeyMaker.folded(key)
        if let last = folded.unicodeScalars.last, last.properties.isAlphabetic, folded.dropLast().last?.isNumber == true { folded.removeLast() }
        let year = String(folded.reversed().prefix { $0.isNumber }.reversed())
        guard year.count == 4, folded.count > 4 else { return nil }
        return (folded, year)
    }

    /// The entries of the article's bibliographies that `matches`, each once, in file order; nil for none.
    private func entries(where matches: (Reference) -> Bool) -> [Reference]? {
        var seen: Set<String> = []
        let found = lookups.flatMap { $0.references.values }.filter { matches($0) && seen.insert($0.id).inserted }
        return found.isEmpty ? nil : found.sorted { $0.location < $1.location }
    }

    /// The entries keyed `ref` and a year (a RIS record whose author's name has no Latin letters, or no author) when
    /// `key` ends in that year after a name (`wang2017`, `wang2017b`).
    private func yearKeyed(_ key: String) -> [Reference]? {
        guard let (folded, year) = Self.nameAndYear(key), !folded.hasPrefix("ref") else { return nil }
        return entries { $0.id.hasPrefix("ref" + year) && CitationKeyMaker.authorYear($0) == "ref" + year }
    }

    /// Whether a key is written as Quarto writes a cross-reference to a figure, table, section, equation or the like
    /// (`fig-survival`, `tbl-doses`, `sec-methods`).
    static func isQuartoCrossReference(_ key: String) -> Bool {
        guard let dash = key.firstIndex(of: "-"), key.index(after: dash) < key.endIndex else { return false }
        return crossReferenceNouns[String(key[..<dash])] != nil
    }

    /// What a Quarto cross-reference refers to, by its prefix: `fig-…` a figure.
    static func crossReferenced(_ key: String) -> String {
        key.split(separator: "-").first.flatMap { crossReferenceNouns[String($0)] } ?? "item"
    }

    /// Quarto's cross-reference prefixes, with what each names.
    private static let crossReferenceNouns = [
        "fig": "figure", "tbl": "table", "sec": "section", "eq": "equation", "lst": "listing", "thm": "theorem", "lem": "lemma",
        "cor": "corollary", "prp": "proposition", "cnj": "conjecture", "def": "definition", "exm": "example", "exr": "exercise",
        "sol": "solution", "rem": "remark",
    ]

    /// Every key of the article's bibliographies, for suggestions.
    private var allKeys: [String] { lookups.flatMap { $0.references.keys } }
}
