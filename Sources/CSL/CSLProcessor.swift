import Foundation

/// A style ready to render: with its locales, it turns items and the citations of a document into formatted
/// citations and a bibliography. One object, shared by the documents it renders on every core: what its rendering
/// holds on to while it works (each closure of a citation, a sort, a disambiguation) is one reference, not a copy of
/// the style, its locales and its setups.
public final class CSLProcessor: Sendable {
    public let style: CSLStyle
    let locales: CSLLocales
    /// Whether a year suffix follows the first year printed, the style printing none itself (worked out once).
    let implicitYearSuffix: Bool
    /// What it has rendered.
    let cache = CSLRenderCache()
    /// What of a cite's context the style reads, for the cache's keys.
    let contextUse: ContextUse
    /// What the renderers of the citations and of the bibliography read: the style, its locales, and the options in
    /// force (the style's, overridden by the section's own).
    let citationSetup: CSLRenderSetup, bibliographySetup: CSLRenderSetup
    var citationOptions: CSLOptions { citationSetup.options }
    /// The fewest names before "et al." that the citations and the bibliography show where their options say (0
    /// where one does not; worked out once): a count of names from disambiguation up to it changes neither.
    let namesShownAnyway: Int
    var bibliographyOptions: CSLOptions { bibliographySetup.options }
    /// Whether the bibliography may print a name in its short form, where a name's initials, added by disambiguation,
    /// show (worked out once): otherwise only a full given name added shows in an entry.
    let bibliographyShortensNames: Bool
    /// Whether a cite with a page number of digits is rendered with a stand-in for it and the render shared (worked
    /// out once; see ``sharedLocator(_:)``).
    let sharesLocatorRenders: Bool

    /// The dialect a language's locale file is of when the language is given without a region (`de` is `de-DE`,
    /// `pt` is `pt-PT`).
    public static func mainDialect(of language: String) -> String {
        CSLLocales.mainDialects[language] ?? "\(language)-\(language.uppercased())"
    }

    /// `localeFiles` are the locale files at hand by `xml:lang`; `language` overrides the style's default locale.
    public convenience init(style: CSLStyle, localeFiles: [String: CSLLocale], language: String? = nil) {
        self.init(style: style, localeFiles: localeFiles, language: language, sharesLocatorRenders: true)
    }

    /// `sharesLocatorRenders` false renders each cite with its own locator (for a test to compare with).
    init(style: CSLStyle, localeFiles: [String: CSLLocale], language: String?, sharesLocatorRenders shares: Bool) {
        self.style = style
        locales = CSLLocales(style: style, language: language, files: localeFiles)
        implicitYearSuffix = !Self.printsYearSuffix(style)
        contextUse = ContextUse(style)
        func options(_ section: CSLLayoutSection?) -> CSLOptions {
            var options: [String: String] = [:], own: [String: String] = [:]
            for attribute in style.options + (section?.options ?? []) { options[attribute.name] = attribute.value }
            for attribute in section?.options ?? [] { own[attribute.name] = attribute.value }
            return CSLOptions(options, section: own)
        }
        citationSetup = CSLRenderSetup(style: style, locales: locales, options: options(style.citation))
        bibliographySetup = CSLRenderSetup(style: style, locales: locales, options: options(style.bibliography))
        bibliographyShortensNames = bibliographySetup.options["name-form"] == "short" || Self.printsShortNames(style.bibliography?.elements ?? [], style)
        let first = Int(citationSetup.options["et-al-use-first"] ?? "") ?? 0
        let subsequent = citationSetup.options["et-al-subsequent-use-first"].map { Int($0) ?? 0 } ?? .max
        namesShownAnyway = min(first, subsequent, Int(bibliographySetup.options["et-al-use-first"] ?? "") ?? (style.bibliography == nil ? .max : 0))
        sharesLocatorRenders = shares && Self.printsDigitLocatorsAsWritten(style)
    }

    /// An entry of the bibliography: its item and its text.
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var text: [CSLText]

        /// Whether the style prints nothing of the item (APA's and Chicago's personal communication, cited in the text
        /// only): pandoc's citeproc warns of an entry "with no printed form".
        public var printsNothing: Bool { text.allSatisfy(\.isEmpty) }
    }

    /// What a document's citations render to.
    public struct Result: Sendable, Equatable {
        /// Each citation's text, in the document's order.
        public var citations: [[CSLText]]
        /// The bibliography's entries in the style's order (empty when the style has no bibliography).
        public var bibliography: [Entry]
    }

    /// Whether these elements, or the macros they call, have a `<name form="short">`.
    private static func printsShortNames(_ elements: [CSLElement], _ style: CSLStyle, seen: Set<String> = []) -> Bool {
        var seen = seen
        return elements.contains { element in
            switch element {
            case .text(let attributes):
                guard let macro = attributes["macro"], seen.insert(macro).inserted else { return false }
                return printsShortNames(style.macros[macro] ?? [], style, seen: seen)
            case .names(_, let parts):
                return parts.contains { part in
                    switch part {
                    case .name(let attributes, _): attributes["form"] == "short"
                    case .substitute(let children): printsShortNames(children, style, seen: seen)
                    default: false
                    }
                }
            case .group(_, let children): return printsShortNames(children, style, seen: seen)
            case .choose(let branches): return branches.contains { printsShortNames($0.elements, style, seen: seen) }
            default: return false
            }
        }
    }

    /// Renders the citations of a document and the bibliography of `items` (every item, cited or not, in the order
    /// given, which decides the order of uncited ones and of equal sort keys).
    public func render(items: [CSLItem], citations: [CSLCitation]) -> Result {
        let result = render(items: items, citations: citations) { contexts, section in renderCitation(contexts, section, setup: citationSetup) }
        return Result(citations: result.citations, bibliography: result.bibliography)
    }

    /// ``render(items:citations:)`` with each citation printed as HTML (``html(_:escaping:)``). A citation of one cite
    /// (most are) is printed once for every document that cites the same in the same state, and kept in the cache; a
    /// page number of digits takes the place of the stand-in its print shares (see ``sharedLocator(_:)``).
    public func renderHTML(items: [CSLItem], citations: [CSLCitation], escaping: CSLHTMLEscaping) -> (citations: [String], bibliography: [Entry]) {
        let result = render(items: items, citations: citations) { contexts, section in
            func printed(_ contexts: [CSLCiteContext]) -> String { html(renderCitation(contexts, section, setup: citationSetup), escaping: escaping) }
            guard contexts.count == 1, let context = contexts.first else { return printed(contexts) }
            let shared = standIn(for: context)
            // The link is printed too: it must not hold the stand-in's digits either.
            if shared != nil, context.cite?.link.map(Self.holdsStandIn) == true { return printed(contexts) }
            let keyed = shared?.context ?? context
            let key = CSLRenderCache.Key(kind: .citationHTML(link: keyed.cite?.link, escaping: escaping), context: keyed.fingerprint(contextUse))
            guard case .text(let text?) = cache.value(key, item: keyed.item, make: { .text(printed([keyed])) }) else { return "" }
            return shared.map { Self.replacingStandIn(with: $0.locator, in: text) } ?? text
        }
        return (result.citations, result.bibliography)
    }

    /// The document's citations, each as `citation` makes it of its cites' contexts, and its bibliography.
    private func render<Citation>(items: [CSLItem], citations: [CSLCitation],
                                  citation: ([CSLCiteContext], CSLLayoutSection) -> Citation) -> (citations: [Citation], bibliography: [Entry]) {
        let items = items.map { $0.withNoteVariables() }
        var byID: [String: CSLItem] = [:]
        /// Each item once, in the order given.
        var given: [String] = []
        for item in items where byID[item.id] == nil {
            byID[item.id] = item
            given.append(item.id)
        }
        // Items in the order they are first cited, then the uncited ones.
        var order: [String] = []
        var seen: Set<String> = []
        for cite in citations.flatMap(\.cites) where byID[cite.id] != nil && seen.insert(cite.id).inserted { order.append(cite.id) }
        for item in items where seen.insert(item.id).inserted { order.append(item.id) }
        var numbers: [String: Int] = [:]
        for (index, id) in order.enumerated() { numbers[id] = index + 1 }

        // The bibliography's order, and the one its year suffixes go in: items the sort keys leave equal are listed in
        // the order given (the caller's bibliography files' order) and get their suffixes in the order first cited,
        // as pandoc's citeproc does both ("Doe 2020b, Alpha" listed before "Doe 2020a, Beta" when Beta is cited first).
        var sorted = order.map { byID[$0]! }
        var listed = sorted
        // Pandoc's citeproc tells the items the keys leave equal apart by the order it finds them in, that of their
        // first cites that print the author (a `[-@key]` cite does not count, an in-text one does), then by key those
        // cited only without their author: the order their year suffixes go in.
        var found: [String] = []
        var seenPrinting: Set<String> = []
        for cite in citations.flatMap(\.cites) where !cite.suppressAuthor && byID[cite.id] != nil && seenPrinting.insert(cite.id).inserted {
            found.append(cite.id)
        }
        found += order.filter { !seenPrinting.contains($0) }.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        /// The items in the bibliography's order, but for those its keys leave equal (all of them, without keys), in
        /// the order found: nil when that is the order of first cites, as `sorted` has them.
        var suffixOrder: [CSLItem]? = found == order ? nil : found.map { byID[$0]! }
        /// Each run of items `tied` marks equal in `items`, in the order of `place`.
        func runs(_ items: [CSLItem], tied: [Bool], in order: [String]) -> [CSLItem] {
            let place = Dictionary(order.enumerated().map { ($1, $0) }) { first, _ in first }
            var items = items, start = 0
            for end in 1...items.count where end == items.count || !tied[end] {
                if end - start > 1 { items[start..<end].sort { place[$0.id]! < place[$1.id]! } }
                start = end
            }
            return items
        }
        if let section = style.bibliography {
            let (indices, tied) = sortedIndices(sorted, keys: section.sort, setup: bibliographySetup, numbers: numbers,
                                                marksTies: given != order || suffixOrder != nil)
            sorted = indices.map { sorted[$0] }
            listed = sorted
            if let tied {
                // Sorted from the order given, the same items come in the same order, but for those the keys leave
                // equal, which are next to each other: each such run in the order given.
                listed = runs(sorted, tied: tied, in: given)
                if suffixOrder != nil { suffixOrder = runs(sorted, tied: tied, in: found) }
            }
            let numbersStayInCitationOrder = section.sort.contains { $0.source == .variable("citation-number") }
            if !section.sort.isEmpty && !numbersStayInCitationOrder {
                for (index, item) in listed.enumerated() { numbers[item.id] = index + 1 }
            }
        }
        // One item alone is never ambiguous.
        let states = sorted.count > 1
            ? style.citation.map { _ in disambiguate(sorted, citations: citations, setup: citationSetup, numbers: numbers, suffixOrder: suffixOrder) } ?? [:]
            : [:]
        return (renderCitations(citations, items: byID, numbers: numbers, states: states, citation),
                renderBibliography(listed, numbers: numbers, states: states))
    }

    /// The bibliography entry of one item alone (nothing to tell it apart from): what `render` gives for a document
    /// whose only item it is, without keeping it in the processor's cache (the caller keeps it), for a caller that
    /// numbers the entries itself. So the entry has no number: number 1 in a style that puts the first field in a
    /// margin (`second-field-align`), which the caller takes off; none in one that prints the number in the entry's
    /// text (BMC's "1. Taylor F, …"), where its `<text>` then prints nothing, affixes included.
    public func entry(_ item: CSLItem) -> [CSLText] {
        let item = item.withNoteVariables()
        let numbers = bibliographyOptions["second-field-align"] != nil ? [item.id: 1] : [:]
        return renderBibliography([item], numbers: numbers, states: [:], cached: false).first?.text ?? []
    }

    /// The bibliography's entries, in the order given; each kept in the cache unless `cached` is false.
    private func renderBibliography(_ sorted: [CSLItem], numbers: [String: Int], states: [String: Disambiguation], cached: Bool = true) -> [Entry] {
        var bibliography: [Entry] = []
        guard let section = style.bibliography else { return [] }
        let options = bibliographyOptions
        let substitutes = options["subsequent-author-substitute"] != nil
        let rule = options["subsequent-author-substitute-rule"] ?? "complete-all"
        /// The first entry of the run of entries whose author the substitute replaces: each is compared with it (as
        /// pandoc's citeproc compares them), by its author's names, or by its author's text where the first has none.
        var head: (author: String?, names: [CSLName])?
        for item in sorted {
            var context = CSLCiteContext(item: item, citationNumber: numbers[item.id])
            // The bibliography shows what disambiguation did to the citations (pandoc's citeproc keeps it with the
            // item): the year suffix, the disambiguate condition, the names added and the given names expanded.
            if let state = states[item.id] {
                context.yearSuffix = state.yearSuffix.map(Self.yearSuffix)
                context.disambiguate = state.condition
                // A count the entry shows anyway changes nothing, and is left out of its cache key.
                if let least = state.leastNames, least > Int(options["et-al-use-first"] ?? "") ?? 0 { context.leastNames = least }
                // Initials added show only where a name prints short; a full given name added shows in any form.
                context.givenNames = bibliographyShortensNames ? state.givenNames : state.givenNames.filter { $0.value.level > 1 }
            }
            func renderer(_ context: CSLCiteContext) -> CSLRenderer {
                var renderer = CSLRenderer(setup: bibliographySetup, context: context)
                renderer.implicitYearSuffix = implicitYearSuffix
                renderer.linksTitle = true
                return renderer
            }
            let base = renderer(context)
            func entry(_ renderer: CSLRenderer) -> (texts: [CSLText], author: String?, names: [CSLName]) {
                var renderer = renderer
                let identifiers = CSLPrintedIdentifiers()
                renderer.identifiers = identifiers
                var texts: [CSLText]
                if options["second-field-align"] != nil {
                    // The first field the layout prints goes in the margin, the rest beside it.
                    let fields = section.elements.map { renderer.render($0).texts }.filter { !$0.allSatisfy(\.isEmpty) }
                    texts = fields.first.map { first in
                        let margin = Self.affixed(first, prefix: section.layout["prefix"], suffix: nil)
                        // Beside a number with nothing else to print, the layout's suffix stands alone, unless the
                        // number ends with its punctuation mark (as pandoc prints them: Nature's "1. " and ".", Cell's
                        // "1." alone).
                        let rest = CSLPunctuation.merge(Array(fields.dropFirst()))
                        var inline = rest.isEmpty ? section.layout["suffix"].map { [CSLText.text($0)] } ?? []
                            : Self.affixed(rest, prefix: nil, suffix: section.layout["suffix"])
                        if rest.isEmpty, let mark = CSLPunctuation.firstCharacter(inline), mark.isPunctuation,
                           CSLPunctuation.lastCharacter(margin) == mark, case .text(let suffix) = inline.first {
                            inline = suffix.count > 1 ? [.text(String(suffix.dropFirst()))] : []
                        }
                        return [.styled(.display("left-margin"), margin), .styled(.display("right-inline"), inline)]
                    } ?? []
                } else {
                    texts = Self.affixed(renderer.render(section.elements).texts, prefix: section.layout["prefix"], suffix: section.layout["suffix"])
                }
                // pandoc's citeproc links the title itself when the style printed no identifier of the item: its link
                // holds the title, and punctuation after it stays outside the quotes it ends in (“view”.).
                if !identifiers.printed, CSLPrintedIdentifiers.variables.contains(where: { renderer.item.fields[$0] != nil }) {
                    texts = Self.groupingTitleLinks(texts)
                }
                // The author's text, which only subsequent-author-substitute compares.
                guard substitutes, renderer.author != nil else { return (texts, nil, []) }
                return (texts, renderer.authorNames ?? renderer.author.map { $0.map(\.plain).joined() }, renderer.authorNameList)
            }
            // An entry ends where its text does, without trailing spaces (as pandoc prints it), in the layout's font.
            func finished(_ texts: [CSLText]) -> [CSLText] {
                var texts = texts
                if case .styled(let display, let children) = texts.last, display == .display("right-inline") {
                    texts[texts.count - 1] = .styled(display, CSLPunctuation.trimmingTrailingSpaces(children))
                } else {
                    texts = CSLPunctuation.trimmingTrailingSpaces(texts)
                }
                return texts.isEmpty ? texts : Self.formatted(texts, section.layout)
            }
            // An entry stands alone, and is kept in the cache finished, unless the style puts a substitute for the
            // author of the entry before it.
            var texts: [CSLText] = [], author: String?, names: [CSLName] = []
            if substitutes {
                (texts, author, names) = entry(base)
            } else if !cached {
                texts = entry(base).texts
            } else {
                func cachedEntry(_ context: CSLCiteContext) -> (texts: [CSLText], printsShortNames: Bool) {
                    let value = cache.value(.init(kind: .entry, context: context.fingerprint(contextUse)), item: item) {
                        var traced = renderer(context)
                        let shortNames = CSLShortNames()
                        traced.shortNames = shortNames
                        return .entry(texts: finished(entry(traced).texts), printsShortNames: shortNames.printed)
                    }
                    guard case .entry(let texts, let printsShortNames) = value else { return ([], true) }
                    return (texts, printsShortNames)
                }
                // Initials added show only where a name prints short: an entry that prints none is the entry without
                // them (rendered once for every state that adds only initials; most entries print names in full).
                if context.givenNames.contains(where: { $0.value.level == 1 }) {
                    var plain = context
                    plain.givenNames = [:]
                    let withoutHints = cachedEntry(plain)
                    if !withoutHints.printsShortNames { context.givenNames = context.givenNames.filter { $0.value.level > 1 } }
                }
                texts = cachedEntry(context).texts
                bibliography.append(Entry(id: item.id, text: texts))
                continue
            }
            if let substitute = options["subsequent-author-substitute"] {
                // An entry whose author is the first of the run's prints again with the substitute ("———") in its
                // place: for the whole list (complete-all, or where the first has no names: a title stood in), for
                // each name when all are the same (complete-each), for each of the first names they share
                // (partial-each) or for the first when they share it (partial-first).
                /// Whether the substitute replaces this entry's author, and how many of its names one by one (nil: the whole).
                var replaces = false, count: Int?
                if let head, author != nil {
                    let shared = zip(names, head.names).prefix { $0 == $1 }.count
                    switch head.names.isEmpty ? "complete-all" : rule {
                    case "complete-each": (replaces, count) = (names == head.names, names.count)
                    case "partial-each": (replaces, count) = (shared > 0, shared)
                    case "partial-first": (replaces, count) = (shared > 0, 1)
                    // The same people (all of them, past an et-al cut too), or the same text where a title stood in.
                    default: replaces = head.names.isEmpty ? names.isEmpty && author == head.author : names == head.names
                    }
                }
                if replaces {
                    var substituted = base
                    substituted.authorSubstitute = substitute
                    substituted.authorSubstituteCount = count
                    texts = entry(substituted).texts
                } else {
                    head = (author, names)
                }
            }
            bibliography.append(Entry(id: item.id, text: finished(texts)))
        }
        return bibliography
    }

    /// Each citation as `make` makes it of its cites' contexts, the position of each cite worked out from the cites
    /// before it.
    private func renderCitations<Citation>(_ citations: [CSLCitation], items byID: [String: CSLItem], numbers: [String: Int],
                                           states: [String: Disambiguation], _ make: ([CSLCiteContext], CSLLayoutSection) -> Citation) -> [Citation] {
        var rendered: [Citation] = []
        guard let section = style.citation else { return [] }
        let options = citationOptions
        var lastNote: [String: Int] = [:]
        var firstNote: [String: Int] = [:]
        // What a citation follows for "ibid.": citations in the text (note 0 or none) follow the text's previous
        // citation; a note's first cite follows the note before it (every cite of it), later ones the same note's.
        var previousInText: [CSLCite] = [], previousInNote: [CSLCite] = []
        var noteCites: [Int: [CSLCite]] = [:]
        var previousNote: Int?
        let nearNoteDistance = Int(options["near-note-distance"] ?? "") ?? 5
        for citation in citations {
            var contexts: [CSLCiteContext] = []
            for (index, cite) in citation.cites.enumerated() {
                guard let item = byID[cite.id] else { continue }
                var context = CSLCiteContext(item: item, cite: cite, citationNumber: numbers[item.id])
                states[item.id]?.apply(to: &context)
                let inText = (citation.noteNumber ?? 0) == 0
                let followed = inText ? previousInText
                    : citation.noteNumber != previousNote ? previousNote.flatMap { noteCites[$0] } ?? previousInNote : previousInNote
                let before = index > 0 ? citation.cites[index - 1] : followed.count == 1 ? followed[0] : nil
                if lastNote[cite.id] != nil || citation.cites[..<index].contains(where: { $0.id == cite.id }) {
                    context.position = .subsequent
                    if let before, before.id == cite.id {
                        let locator = cite.locator ?? "", earlier = before.locator ?? ""
                        if locator.isEmpty { context.position = earlier.isEmpty ? .ibid : .subsequent }
                        else { context.position = locator == earlier && cite.label == before.label ? .ibid : .ibidWithLocator }
                    }
                }
                if let note = citation.noteNumber, let last = lastNote[cite.id] { context.nearNote = note - last <= nearNoteDistance }
                // Cited earlier in the same note: as near as can be.
                if citation.cites[..<index].contains(where: { $0.id == cite.id }) { context.nearNote = true }
                context.firstNoteNumber = firstNote[cite.id]
                contexts.append(context)
            }
            rendered.append(make(contexts, section))
            // An in-text citation's name (its cites author-only) is part of the citation after it, its rest: both
            // are at the citation's position ("Anthony Stephen Fauci (to Jane Anne Smith, pers. comm., …)" when it
            // is the first), as pandoc's citeproc prints the one citation they are.
            if !citation.cites.isEmpty, citation.cites.allSatisfy(\.authorOnly) { continue }
            for cite in citation.cites {
                if firstNote[cite.id] == nil { firstNote[cite.id] = citation.noteNumber ?? 0 }
                lastNote[cite.id] = citation.noteNumber ?? 0
            }
            // A note that cites two sources is no ground for "ibid." in the next note.
            if let note = citation.noteNumber, note > 0 {
                noteCites[note, default: []] += citation.cites
                previousInNote = citation.cites
                previousNote = note
            } else {
                previousInText = citation.cites
            }
        }
        return rendered
    }

    /// A cite as rendered in its citation.
    private struct RenderedCite {
        var context: CSLCiteContext
        var texts: [CSLText]
        /// Its author's text, who the names shown are and its item's language, and who all its author's people are:
        /// cites group when either is the same.
        var author: String?
        var people: [CSLNameList]?
        /// Whether it has no locator and no affixes of its own, and so may join a range.
        var bare: Bool
        /// Printed as its year suffix alone, after a cite of the same author and year.
        var suffixOnly = false
        /// The cites of one group (one author's, moved together) share it; every cite is its own group unless the
        /// style groups cites.
        var group = 0
    }

    private func renderCitation(_ contexts: [CSLCiteContext], _ section: CSLLayoutSection, setup: CSLRenderSetup) -> [CSLText] {
        let options = setup.options
        var contexts = contexts
        // One cite (most citations) is in order as it is. A cite with a prefix or a suffix stays where it is written,
        // and the cites between such cites sort among themselves (as pandoc sorts them: "see" before a source
        // stays before it).
        if !section.sort.isEmpty, contexts.count > 1 {
            var runs: [[CSLCiteContext]] = []
            for context in contexts {
                if let first = runs.last?.first, !Self.hasAffix(first), !Self.hasAffix(context) {
                    runs[runs.count - 1].append(context)
                } else {
                    runs.append([context])
                }
            }
            contexts = runs.flatMap { run in
                guard run.count > 1 else { return run }
                let order = sort(run.map(\.item), keys: section.sort, setup: setup, numbers: [:], contexts: run)
                // Each sorted item takes the next unused cite of it (an item may be cited twice in one citation).
                var unused = run
                return order.map { item in unused.remove(at: unused.firstIndex { $0.item.id == item.id }!) }
            }
        }
        let collapse = options["collapse"]
        let collapsing = collapse == "year" || collapse == "year-suffix" || collapse == "year-suffix-ranged"
        // Cites of one author stand together when the style collapses them or sets a cite-group delimiter.
        let grouping = collapsing || options["cite-group-delimiter"] != nil
        func render(_ context: CSLCiteContext, first: Bool, suppressAuthor: Bool, yearSuffixOnly: Bool = false) -> (texts: [CSLText], author: String?, people: [CSLNameList]?) {
            // A cite with a page number of digits shares the render of the item's other such cites, the number put in
            // the stand-in's place: pages differ from cite to cite, and each would be rendered anew.
            guard let shared = standIn(for: context) else { return cachedRender(context, first: first, suppressAuthor: suppressAuthor, yearSuffixOnly: yearSuffixOnly) }
            let (texts, author, people) = cachedRender(shared.context, first: first, suppressAuthor: suppressAuthor, yearSuffixOnly: yearSuffixOnly)
            return (Self.replacingStandIn(with: shared.locator, in: texts), author, people)
        }
        func cachedRender(_ context: CSLCiteContext, first: Bool, suppressAuthor: Bool, yearSuffixOnly: Bool) -> (texts: [CSLText], author: String?, people: [CSLNameList]?) {
            // Whether the cite comes first in its citation matters to a note style only (a note's first word).
            let kind = CSLRenderCache.Key.Kind.cite(first: first && style.class == .note, suppressAuthor: suppressAuthor, yearSuffixOnly: yearSuffixOnly)
            let key = CSLRenderCache.Key(kind: kind, context: context.fingerprint(contextUse))
            guard case .cite(let texts, let author, let people) = cache.value(key, item: context.item, make: {
                let rendered = uncachedRender(context, first: first, suppressAuthor: suppressAuthor, yearSuffixOnly: yearSuffixOnly)
                // Authors told apart by their text are told apart by their item's language too, as pandoc's citeproc
                // compares the text with the language it tags it with: APA's "Müller, 2019; Müller, 2020" for a paper in
                // English and one in German (the same people, where the style compares them, group whatever the language).
                let language = context.item.languageTag ?? ""
                return .cite(
                    texts: rendered.texts, author: rendered.author.map { $0.map(\.plain).joined() + "\u{1D}" + rendered.identity + "\u{1D}" + language },
                    people: rendered.author == nil ? nil : rendered.people)
            }) else { return ([], nil, nil) }
            return (texts, author, people)
        }
        func uncachedRender(_ context: CSLCiteContext, first: Bool, suppressAuthor: Bool, yearSuffixOnly: Bool) -> (texts: [CSLText], author: [CSLText]?, identity: String, people: [CSLNameList]) {
            var renderer = CSLRenderer(setup: setup, context: context)
            renderer.implicitYearSuffix = implicitYearSuffix
            renderer.suppressAuthor = suppressAuthor
            renderer.yearSuffixOnly = yearSuffixOnly
            renderer.comparesAuthors = grouping
            let rendered = renderer.render(section.elements)
            var texts = rendered.texts
            // A note that begins with a term begins a sentence: "Ibid.", unless a one-word prefix stands before it.
            if style.class == .note, rendered.startsWithTerm {
                let prefix = context.cite?.prefix ?? ""
                let end = prefix.reversed().drop { $0 == " " || $0 == "”" || $0 == "’" || $0 == "\"" }.first
                let sentence = prefix.split(separator: " ").count > 1 && prefix.hasSuffix(" ") && (end == "." || end == "?" || end == "!")
                if prefix.isEmpty ? first : sentence { texts = CSLTextCase.apply("capitalize-first", to: texts, english: true) }
            }
            return (context.cite?.authorOnly == true ? renderer.author ?? [] : texts, renderer.author, renderer.authorIdentity, renderer.authorPeople)
        }
        var cites: [RenderedCite] = contexts.enumerated().compactMap { index, context in
            let (texts, author, people) = render(context, first: index == 0, suppressAuthor: context.cite?.suppressAuthor == true)
            let cite = context.cite
            // A cite that prints nothing keeps its prefix and suffix, as pandoc prints them (MLA's "@key [and elsewhere]"
            // with the author in the sentence: "(, and elsewhere)"), rather than losing the author's words.
            guard !texts.allSatisfy(\.isEmpty) || Self.hasAffix(context) else { return nil }
            let bare = cite?.locator?.isEmpty != false && cite?.prefix?.isEmpty != false && cite?.suffix?.isEmpty != false
            // Cites without names group together too (their author is empty) when the style collapses year suffixes.
            let key = author ?? (collapse?.hasPrefix("year-suffix") == true ? "" : nil)
            return RenderedCite(context: context, texts: texts, author: key, people: people?.isEmpty == false ? people : nil, bare: bare, group: index)
        }
        if grouping {
            cites = Self.grouped(cites)
            // All but the first cite of a group leave the author out, and where the style collapses year suffixes, a
            // cite of the year of the one before it prints its year suffix for its date, its locator kept, as pandoc
            // collapses them ("Smith 2019a, p. 3, b").
            for index in cites.indices.dropFirst() where collapsing && cites[index].group == cites[index - 1].group {
                let previous = cites[index - 1].context, current = cites[index].context
                let suffixOnly = collapse != "year" && current.yearSuffix != nil && previous.yearSuffix != nil
                    && previous.item.dates["issued"]?.start.first == current.item.dates["issued"]?.start.first
                cites[index].texts = render(current, first: false, suppressAuthor: true, yearSuffixOnly: suffixOnly).texts
                cites[index].suffixOnly = suffixOnly
            }
            // A cite that has nothing left once its author is left out prints nothing (but its prefix and suffix).
            cites.removeAll { $0.texts.allSatisfy(\.isEmpty) && !Self.hasAffix($0.context) }
        }
        for index in cites.indices {
            // The cite's own text (not its affixes) links to where the host says: its bibliography entry.
            if let link = cites[index].context.cite?.link, !cites[index].texts.allSatisfy(\.isEmpty) { cites[index].texts = [.styled(.link(link), cites[index].texts)] }
            if let prefix = cites[index].context.cite?.prefix, !prefix.isEmpty { cites[index].texts = CSLPunctuation.merge([CSLMarkup.parse(prefix, quotesAsTyped: true), cites[index].texts]) }
            if let suffix = cites[index].context.cite?.suffix, !suffix.isEmpty { cites[index].texts = CSLPunctuation.merge([cites[index].texts, CSLMarkup.parse(suffix, quotesAsTyped: true)]) }
        }
        let delimiter = section.layout["delimiter"] ?? ""
        var pieces: [[CSLText]] = []
        var index = 0
        // Whether the cites before ended in a range of numbers, which `after-collapse-delimiter` follows ("[1]–[3]; [5]").
        var afterRange = false
        while index < cites.count {
            let cite = cites[index]
            var end = index
            if collapse == "citation-number" {
                // Runs of three or more consecutive numbers print as a range.
                while end + 1 < cites.count, cites[end].bare, cites[end + 1].bare, let number = cites[end].context.citationNumber,
                      cites[end + 1].context.citationNumber == number + 1 { end += 1 }
            } else if collapse == "year-suffix-ranged", cite.context.yearSuffix != nil {
                while end + 1 < cites.count, cites[end + 1].suffixOnly,
                      cites[end + 1].context.yearSuffix.map(Self.letterNumber) == cites[end].context.yearSuffix.map(Self.letterNumber).map({ $0 + 1 }) { end += 1 }
            }
            if index > 0 {
                let previous = cites[index - 1]
                let prefix = cite.context.cite?.prefix ?? ""
                if prefix.hasPrefix(",") || prefix.hasPrefix(";") || prefix.hasPrefix(".") {
                    // A cite whose prefix starts with a comma or semicolon brings its own delimiter.
                } else if cite.suffixOnly {
                    pieces.append([.text(options["year-suffix-delimiter"] ?? options["cite-group-delimiter"] ?? delimiter)])
                } else if grouping, cite.group == previous.group {
                    // The years of a group are set apart as whole cites are when some of its year suffixes collapsed
                    // ("2020a, b; 2021"; a year with a suffix alone is no collapse: "2020a, 2021") or, with
                    // `collapse="year"`, when one of its cites has a locator, as pandoc sets them apart.
                    let apart = collapse == "year"
                        ? cites.contains { $0.group == cite.group && $0.context.cite?.locator?.isEmpty == false }
                        : cites.contains { $0.group == cite.group && $0.suffixOnly }
                    pieces.append([.text(apart ? options["after-collapse-delimiter"] ?? delimiter : options["cite-group-delimiter"] ?? ", ")])
                } else if afterRange {
                    pieces.append([.text(options["after-collapse-delimiter"] ?? delimiter)])
                } else if collapse == "year" || grouping && index > 1 && previous.group == cites[index - 2].group {
                    // After a group of cites; with `collapse="year"`, after a cite alone too (a group of one, as
                    // citeproc-js and pandoc take it there, and not with the other kinds of collapse).
                    pieces.append([.text(options["after-collapse-delimiter"] ?? delimiter)])
                } else {
                    // After a cite whose own suffix ends in punctuation, the delimiter's punctuation goes.
                    let suffix = previous.context.cite?.suffix ?? ""
                    let ownMark = suffix.last.map { ",;.:".contains($0) } ?? false
                    pieces.append([.text(ownMark && delimiter.first.map { ",;".contains($0) } == true ? String(delimiter.dropFirst()) : delimiter)])
                }
            }
            let minimum = collapse == "citation-number" ? 2 : 1
            if end - index >= minimum {
                pieces += [cite.texts, [.text("–")], cites[end].texts]
                index = end + 1
                afterRange = collapse == "citation-number"
            } else {
                pieces.append(cite.texts)
                index += 1
                afterRange = false
            }
        }
        let joined = CSLPunctuation.merge(pieces)
        guard !joined.isEmpty else { return [] }
        // An author named in the sentence ("Liu et al. (2021)") stands outside the citation's brackets.
        if contexts.allSatisfy({ $0.cite?.authorOnly == true }) { return joined }
        return Self.formatted(Self.affixed(joined, prefix: section.layout["prefix"], suffix: section.layout["suffix"]), section.layout)
    }

    /// Whether a cite has a prefix or a suffix of its own (a locator is neither).
    private static func hasAffix(_ context: CSLCiteContext) -> Bool {
        context.cite?.prefix?.isEmpty == false || context.cite?.suffix?.isEmpty == false
    }

    /// The cites with each author's moved up to the first of them and numbered by group, as pandoc groups them: a cite
    /// with a suffix stands alone, and a later cite joins an earlier one's group (which may start with a prefix) only
    /// across cites without a prefix or a suffix ("(see Smith 2010, 2012)", but "(Smith 2010; see Smith 2012)").
    private static func grouped(_ cites: [RenderedCite]) -> [RenderedCite] {
        // One cite (most citations) is a group alone.
        guard cites.count > 1 else { return cites }
        /// Whether `cite` has the same author as `first` (the same names shown, or the same people in all: pandoc's
        /// citeproc groups "Garcia, Lee, et al. 2015" with "Garcia et al. 2010" when both are Garcia, Lee and Chen).
        func sameAuthor(_ cite: RenderedCite, as first: RenderedCite) -> Bool {
            cite.author == first.author || first.people != nil && cite.people == first.people
        }
        // Where no cite has the author of one before it (most citations of several), each is a group alone, in order.
        if !cites.indices.contains(where: { later in cites[..<later].contains { $0.author != nil && sameAuthor(cites[later], as: $0) } }) {
            var result = cites
            for index in result.indices { result[index].group = index }
            return result
        }
        var result: [RenderedCite] = []
        var rest = cites[...]
        while var first = rest.popFirst() {
            first.group = result.last.map { $0.group + 1 } ?? 0
            result.append(first)
            guard first.author != nil, first.context.cite?.suffix?.isEmpty != false else { continue }
            let plain = rest.prefix { !hasAffix($0.context) }
            let others = rest.dropFirst(plain.count)
            for var cite in plain where sameAuthor(cite, as: first) {
                cite.group = first.group
                result.append(cite)
            }
            rest = plain.filter { !sameAuthor($0, as: first) }[...] + others
        }
        return result
    }

    /// The number a year suffix stands for: `a` 1, `z` 26, `aa` 27.
    private static func letterNumber(_ suffix: String) -> Int {
        suffix.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 96 }
    }

    /// A layout's affixes around its text.
    /// The texts with each link of a title (``CSLRenderer/linksTitle``) one that groups it, as pandoc's citeproc links it.
    static func groupingTitleLinks(_ texts: [CSLText]) -> [CSLText] {
        texts.map { text in
            guard case .styled(let styling, let children) = text else { return text }
            if case .link(let address) = styling { return .styled(.groupingLink(address), children) }
            return .styled(styling, groupingTitleLinks(children))
        }
    }

    private static func affixed(_ texts: [CSLText], prefix: String?, suffix: String?) -> [CSLText] {
        guard !texts.allSatisfy(\.isEmpty) else { return [] }
        // A suffix goes inside a block the text ends with (citeproc-js moves it there).
        if let suffix, case .styled(.display(let kind), let children) = texts.last {
            return affixed(Array(texts.dropLast()) + [.styled(.display(kind), affixed(children, prefix: nil, suffix: suffix))], prefix: prefix, suffix: nil)
        }
        return CSLPunctuation.merge([prefix.map { [CSLText.text($0)] } ?? [], texts, suffix.map { [CSLText.text($0)] } ?? []])
    }

    /// A layout's formatting, which goes around its affixes too.
    private static func formatted(_ texts: [CSLText], _ layout: [XMLAttribute]) -> [CSLText] {
        CSLStyling.from(layout).reversed().reduce(texts) { [.styled($1, $0)] }
    }

    /// Items in the order of the sort keys, each key ascending or descending, items without a value for a key
    /// last; equal items keep their order.
    func sort(_ items: [CSLItem], keys: [CSLSortKey], setup: CSLRenderSetup, numbers: [String: Int],
              contexts: [CSLCiteContext]? = nil) -> [CSLItem] {
        sortedIndices(items, keys: keys, setup: setup, numbers: numbers, contexts: contexts, marksTies: false).indices.map { items[$0] }
    }

    /// The places of ``sort(_:keys:setup:numbers:contexts:)``'s items in its order; with `marksTies`, also whether
    /// each item there has the same value for every key as the one before it (false for the first).
    private func sortedIndices(_ items: [CSLItem], keys: [CSLSortKey], setup: CSLRenderSetup, numbers: [String: Int],
                               contexts: [CSLCiteContext]? = nil, marksTies: Bool) -> (indices: [Int], tied: [Bool]?) {
        // One item is in order: its keys are not worked out (most citations cite one source).
        guard !keys.isEmpty, items.count > 1 else { return (Array(items.indices), nil) }
        // Each item's value for each key, worked out when a comparison first needs it: most items are told apart by
        // the first key, and a later key is read only for those it leaves equal. Nil inside: the item has no value.
        var values = [String??](repeating: nil, count: items.count * keys.count)
        func value(_ index: Int, _ keyIndex: Int) -> String? {
            if let known = values[index * keys.count + keyIndex] { return known }
            let item = items[index], key = keys[keyIndex]
            // A cite's key is its item's alone, as pandoc works keys out before disambiguation: no year suffix, no
            // given name added, no locator or position; its citation number is the one it prints.
            let context = CSLCiteContext(item: item, citationNumber: contexts?[index].citationNumber ?? numbers[item.id])
            // The key is the bibliography's or the citations' (whose setup it is: a citation's cites are sorted, and
            // so are an ambiguous group's items by their first cites, without contexts).
            let kind: CSLRenderCache.Key.Kind = setup === bibliographySetup ? .bibliographySortKey(keyIndex) : .citationSortKey(keyIndex)
            let cached = cache.value(.init(kind: kind, context: context.fingerprint(contextUse)), item: item) {
                var renderer = CSLRenderer(setup: setup, context: context)
                renderer.sortKey = Dictionary(key.nameOptions.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                return .text(renderer.sortValue(key.source))
            }
            var found: String?
            if case .text(let text) = cached { found = text }
            values[index * keys.count + keyIndex] = .some(found)
            return found
        }
        /// Whether the left item comes first by the keys; nil when they leave the two equal.
        func before(_ left: Int, _ right: Int) -> Bool? {
            for (index, key) in keys.enumerated() {
                switch (value(left, index), value(right, index)) {
                case (nil, nil): continue
                case (nil, _): return false
                case (_, nil): return true
                case (let a?, let b?):
                    let order = Self.sortOrder(a, b)
                    if order == .orderedSame { continue }
                    return (order == .orderedAscending) != key.descending
                }
            }
            return nil
        }
        let indices = items.indices.sorted { left, right in before(left, right) ?? (left < right) }
        guard marksTies else { return (indices, nil) }
        return (indices, indices.indices.map { $0 > 0 && before(indices[$0 - 1], indices[$0]) == nil })
    }
}

extension CSLProcessor {
    /// The order of two sort values (``CSLRenderer/sortWords(_:)``) as pandoc's citeproc collates them: word by word,
    /// each pair at every level before the next pair is read. First their letters and digits, ignoring case, accents
    /// and punctuation, digits as characters ("Trial 10" before "Trial 2"; number variables are padded with zeros to
    /// sort as numbers); then their accents ("resume" before "résumé"); then their punctuation, which comes before a
    /// letter at the same place ("a" before "a.", "(7021)" before "7021"): the Unicode collation algorithm's levels,
    /// with punctuation shifted to the last, as pandoc sets it. Punctuation is the table's: marks and symbols other
    /// than currency (`<`, `=`, `+`, `|`, `~`, `^` and `` ` `` too, "<Ab" between "Aa" and "Ac"), but `$` sorts
    /// before digits and letters, as every currency's sign does (`€`, `£`; ``primaryLetters(_:)``). Read a
    /// byte at a time while both are printable ASCII (most values), with the same results (a test compares them).
    static func sortOrder(_ a: String, _ b: String) -> ComparisonResult {
        var a = a, b = b
        return a.withUTF8 { a in
            b.withUTF8 { b in
                wordsOrder(a, b) { x, y in
                    asciiWordOrder(x, y) ?? wordOrder(Substring(decoding: x, as: UTF8.self), Substring(decoding: y, as: UTF8.self))
                }
            }
        }
    }

    /// ``sortOrder(_:_:)`` by characters, of any text.
    static func unicodeSortOrder(_ a: String, _ b: String) -> ComparisonResult {
        var a = a, b = b
        return a.withUTF8 { a in
            b.withUTF8 { b in wordsOrder(a, b) { wordOrder(Substring(decoding: $0, as: UTF8.self), Substring(decoding: $1, as: UTF8.self)) } }
        }
    }

    /// The order of two texts of words parted by single spaces: that of the first pair of words that differ, or the
    /// text of fewer words first.
    private static func wordsOrder(
        _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>,
        _ order: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> ComparisonResult
    ) -> ComparisonResult {
        var startA = 0, startB = 0
        while startA < a.count, startB < b.count {
            let endA = a[startA...].firstIndex(of: 0x20) ?? a.count, endB = b[startB...].firstIndex(of: 0x20) ?? b.count
            let result = order(UnsafeBufferPointer(rebasing: a[startA..<endA]), UnsafeBufferPointer(rebasing: b[startB..<endB]))
            if result != .orderedSame { return result }
            (startA, startB) = (endA + 1, endB + 1)
        }
        return startA < a.count ? .orderedDescending : startB < b.count ? .orderedAscending : .orderedSame
    }

    /// Two words in order, by characters. Format characters weigh nothing (the direction marks around a title copied
    /// from Google Scholar, U+202A … U+202C; a zero-width space), as the collation table has them.
    private static func wordOrder(_ x: Substring, _ y: Substring) -> ComparisonResult {
        func isFormat(_ character: Character) -> Bool { character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .format } }
        let x = x.contains(where: isFormat) ? Substring(x.filter { !isFormat($0) }) : x
        let y = y.contains(where: isFormat) ? Substring(y.filter { !isFormat($0) }) : y
        let lettersX = String(x.filter { !isPunctuation($0) }), lettersY = String(y.filter { !isPunctuation($0) })
        var order = primaryLetters(lettersX).compare(primaryLetters(lettersY), options: [.caseInsensitive, .diacriticInsensitive])
        if order == .orderedSame { order = lettersX.compare(lettersY, options: .caseInsensitive) }
        if order == .orderedSame { order = punctuationOrder(x.map(punctuationWeight), y.map(punctuationWeight)) }
        return order
    }

    /// Letters that the collation reads as another letter with a mark of its own ("ø" as "o", "ł" as "l"), or as two
    /// ("æ" as "ae", "ß" as "ss"), so read.
    /// Currency signs come before digits and letters, in the table's order: `¤`, `¢`, `$`, `£`, `¥`, then the others
    /// (`฿`, `€`, `₹`) in the order of their code points, which is the table's.
    private static func primaryLetters(_ word: String) -> String {
        guard word.unicodeScalars.contains(where: { $0.value >= 0xA2 || $0 == "$" }) else { return word }
        var result = ""
        for character in word.lowercased() {
            switch character {
            case "¤": result += "\u{1}\u{1}"
            case "¢": result += "\u{1}\u{2}"
            case "$": result += "\u{1}\u{3}"
            case "£": result += "\u{1}\u{4}"
            case "¥": result += "\u{1}\u{5}"
            case let sign where sign.isCurrencySymbol: result += "\u{1}" + String(sign)
            case "ø": result += "o"
            case "đ", "ð": result += "d"
            case "ł": result += "l"
            case "ħ": result += "h"
            case "æ": result += "ae"
            case "œ": result += "oe"
            case "ß": result += "ss"
            default: result.append(character)
            }
        }
        return result
    }

    /// Whether the collation reads a character as punctuation, weighed only in the last level: a mark, or a symbol
    /// that is not a currency's (`+`, `<`, `~`, `©`, `×`, `→`) and not a letter's or digit's form (`™`, `Ⓐ`).
    private static func isPunctuation(_ character: Character) -> Bool {
        if character.isPunctuation { return true }
        guard character.isSymbol, !character.isCurrencySymbol else { return false }
        return character.isASCII || !String(character).decomposedStringWithCompatibilityMapping.contains { $0.isLetter || $0.isNumber }
    }

    /// A character's weight in the last level: a punctuation mark's place among them, any other character more.
    private static func punctuationWeight(_ character: Character) -> Int {
        guard isPunctuation(character) else { return Int.max }
        if let ascii = character.asciiValue, let place = asciiPunctuation.firstIndex(of: ascii) { return place }
        return 0x100 + Int(character.unicodeScalars.first!.value)
    }

    /// ASCII's punctuation in the Unicode collation element table's order (its variable elements: all printable
    /// ASCII but letters, digits, the space and `$`).
    private static let asciiPunctuation: [UInt8] = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~".utf8)

    /// Two words' weights in the last level, compared one by one; the shorter first when one starts the other.
    private static func punctuationOrder(_ a: [Int], _ b: [Int]) -> ComparisonResult {
        for (x, y) in zip(a, b) where x != y { return x < y ? .orderedAscending : .orderedDescending }
        return a.count < b.count ? .orderedAscending : a.count > b.count ? .orderedDescending : .orderedSame
    }

    /// Two words in order a byte at a time, as ``wordOrder(_:_:)`` has it; nil when a byte that is not printable ASCII
    /// comes before the letters decide.
    static func asciiWordOrder(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> ComparisonResult? {
        func printable(_ byte: UInt8) -> Bool { byte &- 0x20 < 0x5F }
        func lower(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }
        // Letters and digits, past the punctuation; then the punctuation.
        var x = 0, y = 0
        while true {
            while x < a.count, isASCIIPunctuation(a[x]) { x += 1 }
            while y < b.count, isASCIIPunctuation(b[y]) { y += 1 }
            guard x < a.count, y < b.count else {
                if x < a.count { return printable(a[x]) ? .orderedDescending : nil }
                if y < b.count { return printable(b[y]) ? .orderedAscending : nil }
                break
            }
            guard printable(a[x]), printable(b[y]) else { return nil }
            let lowerX = lower(a[x]), lowerY = lower(b[y])
            if lowerX != lowerY { return lowerX < lowerY ? .orderedAscending : .orderedDescending }
            x += 1
            y += 1
        }
        func weight(_ byte: UInt8) -> Int { isASCIIPunctuation(byte) ? asciiPunctuation.firstIndex(of: byte) ?? 0 : Int.max }
        return punctuationOrder(a.map(weight), b.map(weight))
    }

    /// Whether an ASCII byte is punctuation (as ``isPunctuation(_:)`` has it: not `$`).
    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        byte < 0x80 && (byte < 0x40 ? punctuationBelow64 >> byte : punctuationFrom64 >> (byte - 0x40)) & 1 == 1
    }

    /// ``asciiPunctuation`` as bits: bytes 0 to 63, and 64 to 127.
    private static let (punctuationBelow64, punctuationFrom64): (UInt64, UInt64) = asciiPunctuation.reduce((0, 0)) { bits, byte in
        byte < 0x40 ? (bits.0 | 1 << byte, bits.1) : (bits.0, bits.1 | 1 << (byte - 0x40))
    }
}

extension CSLRenderer {
    /// An item's value for a sort key: a variable's (names in sort order, dates and numbers so they sort as such) or
    /// a macro's text (empty when it prints nothing); nil for a variable the item lacks.
    mutating func sortValue(_ source: CSLSortKey.Source) -> String? {
        let value: String
        switch source {
        case .variable(let variable):
            if item.names[variable] != nil {
                value = Self.sortText(render(.names([XMLAttribute(name: "variable", value: variable)], [])).texts)
            } else if let date = item.dates[variable] {
                value = date.isEmpty ? "" : CSLDates.sortable(date)
            } else if variable == "citation-number" {
                value = context.citationNumber.map { String(format: "%010d", $0) } ?? ""
            } else if variable == "citation-label" {
                value = item.citationLabel
            } else if let text = item.fields[variable] {
                if let number = Int(text.prefix { $0.isNumber }), CSLNumbers.isNumeric(text) {
                    value = String(format: "%010d", number)
                } else {
                    value = Self.sortText(markup(text))
                }
            } else {
                value = ""
            }
        case .macro(let name):
            value = Self.sortText(render(style.macros[name] ?? []).texts)
        }
        let key = Self.sortWords(value)
        // A macro that prints nothing gives an empty value, which sorts first (as pandoc's citeproc has it); a
        // variable the item lacks gives none, which sorts last.
        if case .macro = source { return key }
        return key.isEmpty ? nil : key
    }

    /// Text of a sort key: plain, without the quotation marks of quoted text.
    static func sortText(_ texts: [CSLText]) -> String {
        var printer = CSLPrinter(html: false, quotes: .english)
        printer.marksQuotes = false
        printer.print(texts)
        return printer.output
    }

    /// A sort value as pandoc's citeproc compares it: its words, split at white space, apostrophes and commas
    /// ("O’Brien" is "O Brien", before "O Neil" and "Oa"), joined by one space; ``CSLProcessor/sortOrder(_:_:)`` reads
    /// a word's punctuation last ("O-Brien" is "OBrien" first, after "Obi").
    static func sortWords(_ value: String) -> String {
        guard value.isASCIIText else { return characterSortWords(value) }
        // ASCII (most values): a byte is a character, and the separators are bytes.
        var words: [UInt8] = []
        words.reserveCapacity(value.utf8.count)
        var inWord = false
        for byte in value.utf8 {
            if byte.isASCIIWhitespace || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ",") {
                inWord = false
                continue
            }
            if !inWord, !words.isEmpty { words.append(0x20) }
            inWord = true
            words.append(byte)
        }
        return String(decoding: words, as: UTF8.self)
    }

    /// ``sortWords(_:)`` by characters, of any text.
    static func characterSortWords(_ value: String) -> String {
        var words: [Substring] = []
        var start = value.startIndex, index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            if character.isWhitespace || character == "'" || character == "’" || character == "," || character == "ʾ" || character == "ʿ" {
                if start < index { words.append(value[start..<index]) }
                start = value.index(after: index)
            }
            index = value.index(after: index)
        }
        if start < value.endIndex { words.append(value[start...]) }
        return words.joined(separator: " ")
    }
}

extension CSLProcessor {
    /// Formatted text as HTML, in this style's locale's quotation marks.
    public func html(_ texts: [CSLText], escaping: CSLHTMLEscaping = .citeproc) -> String {
        var printer = CSLPrinter(html: true, quotes: locales.quotes)
        printer.escaping = escaping
        printer.print(texts)
        return printer.output
    }

    /// Formatted text as plain text: its characters alone (`mc2` for `mc<sup>2</sup>`), as pandoc's citeproc compares
    /// text.
    public func plainText(_ texts: [CSLText]) -> String {
        var printer = CSLPrinter(html: false, quotes: locales.quotes)
        printer.print(texts)
        return printer.output
    }

    /// Formatted text as plain text for a reader, as pandoc's plain writer prints it: raised and lowered text in
    /// Unicode's superscripts and subscripts where it can be (`mc²`), else in `^(…)` and `_(…)`
    /// (``CSLMarkup/readable(_:quotesAsText:)``).
    public func readableText(_ texts: [CSLText]) -> String {
        var printer = CSLPrinter(html: false, quotes: locales.quotes)
        printer.writesScripts = true
        printer.print(texts)
        return printer.output
    }
}

extension CSLProcessor {
    /// The locators pandoc reads a label of in a citation's text (`p. 33`, `chap. 2`), in its order: where two share
    /// a word ("page" is `page` and `number-of-pages`), the first takes it.
    static let labelledLocators = [
        "book", "chapter", "column", "figure", "folio", "issue", "line", "note", "opus", "page", "number-of-pages", "paragraph",
        "part", "section", "sub-verbo", "verse", "volume",
    ]

    /// Whether a locale it prints with defines the term, in any form: a term of the style's own that only its locale
    /// of another language defines prints nothing.
    public func definesTerm(_ name: String) -> Bool {
        locales.chain.contains { $0.terms.contains { $0.name == name } }
    }

    /// The language it prints in (`en-US`, `de-DE`).
    public var language: String { locales.language }

    /// A term's long form in the language it prints in, the style's own before its locale file's (`und` for `and` in
    /// German); nil when no locale has it.
    public func term(_ name: String) -> String? {
        locales.term(name)
    }

    /// The words that label a locator in the document's language, as pandoc reads them: every form, singular and
    /// plural, of the locator terms of the language's own locales (the style's and the language's file; a German
    /// site's `S. 4` is a page, its `p. 4` is not), lowercased, each with the locator it names; longest first.
    public func locatorLabels() -> [(label: String, locator: String)] {
        var labels: [String: String] = [:]
        for locator in Self.labelledLocators.reversed() {
            for locale in locales.chain.prefix(locales.ownCount) {
                for term in locale.terms where term.name == locator {
                    for text in [term.single, term.multiple].compactMap({ $0 }) where !text.isEmpty {
                        labels[text.lowercased()] = locator
                    }
                }
            }
        }
        return labels.map { ($0.key, $0.value) }.sorted { ($0.label.count, $1.label) > ($1.label.count, $0.label) }
    }

    /// Whether a comma or period after quoted text goes inside its closing quote in the document's language
    /// (`punctuation-in-quote`: in American English, not in British).
    public var movesPunctuationIntoQuotes: Bool {
        locales.quotes.punctuationInQuote
    }

    /// The short word a locator of the kind (`page`, `chapter`) takes before it in the language (`p.`, `pp.` for
    /// `583-585`; `S.` in German), plural as a style's `<label variable="locator">` decides it; nil when no locale has one.
    public func locatorLabel(_ label: String, for locator: String) -> String? {
        locales.term(label == "sub verbo" ? "sub-verbo" : label, form: .short, plural: CSLNumbers.isPlural(locator)).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A locator as a style's `<text variable="locator">` prints it: each range with the en dash (or the locale's
    /// `page-range-delimiter`), its numbers as written (`583-585` is `583–585`).
    public func locatorRanges(_ locator: String) -> String {
        CSLNumbers.pageRange(locator, format: nil, delimiter: locales.term("page-range-delimiter") ?? "–",
                             ampersand: locales.term("and", form: .symbol) ?? "&")
    }
}

extension CSLProcessor {
    /// The locator a cite's render is shared with when its own is a page number of digits (see ``sharedLocator(_:)``):
    /// digits too, so that the style reads it as it reads the cite's.
    static let locatorStandIn = "9073185264"

    /// The cite's context with ``locatorStandIn`` for its locator, and the locator, when its render may be shared
    /// (``sharedLocator(_:)``).
    func standIn(for context: CSLCiteContext) -> (context: CSLCiteContext, locator: String)? {
        guard let locator = sharedLocator(context) else { return nil }
        var standIn = context
        standIn.cite?.locator = Self.locatorStandIn
        return (standIn, locator)
    }

    /// The cite's locator when its render may be shared: a number of one to nine digits, not starting with 0 (a
    /// single number, numeric, that page-range formatting, text case and stripped periods leave as it is, as they
    /// leave the stand-in), in a style that prints it as written (``printsDigitLocatorsAsWritten(_:)``), for an item
    /// whose own data does not hold the stand-in's digits. Nil otherwise: the cite is rendered with its locator.
    private func sharedLocator(_ context: CSLCiteContext) -> String? {
        guard sharesLocatorRenders, let locator = context.cite?.locator, (1...9).contains(locator.utf8.count),
              locator.utf8.first != UInt8(ascii: "0"), locator.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        return context.item.holdsLocatorStandIn ? nil : locator
    }

    /// Whether a text holds ``locatorStandIn``, found by its bytes.
    static func holdsStandIn(_ text: String) -> Bool {
        !standIns(in: text, first: true).isEmpty
    }

    /// Where ``locatorStandIn`` is in a text (UTF-8 offsets), each found after the one before; only the first with
    /// `first`.
    private static func standIns(in text: String, first: Bool = false) -> [Range<Int>] {
        guard text.utf8.count >= 10 else { return [] }
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return [] }
            var found: [Range<Int>] = [], start = 0
            while start + 10 <= bytes.count, let at = memchr(base + start, 0x39, bytes.count - start - 9) {
                let index = UnsafePointer<UInt8>(at.assumingMemoryBound(to: UInt8.self)) - base
                if memcmp(base + index, standInBytes, 10) == 0 {
                    found.append(index..<(index + 10))
                    if first { break }
                    start = index + 10
                } else {
                    start = index + 1
                }
            }
            return found
        }
    }

    /// ``locatorStandIn``'s ten bytes.
    private static let standInBytes: [UInt8] = Array(locatorStandIn.utf8)

    /// The text with each ``locatorStandIn`` in it replaced by `locator`; the rest copied as it is.
    static func replacingStandIn(with locator: String, in text: String) -> String {
        let found = standIns(in: text)
        guard !found.isEmpty else { return text }
        let utf8 = text.utf8
        var result = "", copied = utf8.startIndex
        result.reserveCapacity(utf8.count)
        for range in found {
            result += text[copied..<utf8.index(utf8.startIndex, offsetBy: range.lowerBound)]
            result += locator
            copied = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        }
        result += text[copied...]
        return result
    }

    /// Whether a style prints a locator of digits as it is written wherever it prints it: never as a `<number>` (an
    /// ordinal or a roman numeral is not its digits), and no sort key reads it.
    static func printsDigitLocatorsAsWritten(_ style: CSLStyle) -> Bool {
        let printsAsNumber = style.containsElement { element in
            if case .number(let attributes) = element { attributes["variable"] == "locator" } else { false }
        }
        let sortsBy = [style.citation, style.bibliography].contains { $0?.sort.contains { $0.source == .variable("locator") } == true }
        return !printsAsNumber && !sortsBy
    }

    /// The texts with each ``locatorStandIn`` in them replaced by `locator`.
    static func replacingStandIn(with locator: String, in texts: [CSLText]) -> [CSLText] {
        texts.map { text in
            switch text {
            case .text(let string): .text(replacingStandIn(with: locator, in: string))
            case .styled(let styling, let children): .styled(styling, replacingStandIn(with: locator, in: children))
            }
        }
    }
}
