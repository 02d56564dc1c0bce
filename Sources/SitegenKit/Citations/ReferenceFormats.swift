import CSL
import Foundation
import Synchronization

/// Formatted entries shared by the articles of one build, so that a source cited by many articles is
/// formatted once. Safe to use from the parallel rendering tasks.
public final class ReferenceFormats: Sendable {
    public let style: CitationStyle
    /// The words of the entries' links and marks and of the markers' labels, in the site's language.
    let words: ReferenceWords
    /// By key, with the version of the bibliography it was last printed from (see ``printed(_:in:)``); `serve` keeps
    /// these between builds, and another file may define the same key differently.
    private let printed = Mutex<[String: (version: UInt64, printed: PrintedReference)]>([:])
    /// An author-date style's entries as the articles print them, by key, with the text they were printed from (the
    /// same source may print differently in two articles: `2020a` in one, `2020` in another); nil for an entry taken
    /// from the last build's printing (``printed(_:formatted:)``).
    private let printedEntries = Mutex<[String: (unprinted: PrintedReference, entry: [CSLText]?, printed: PrintedReference)]>([:])

    /// What the last build of the output printed (``KeptReferenceTexts``), nil when nothing is kept (`serve` keeps these
    /// formats themselves); with the fingerprint of this one's key, which every key of the kept texts holds.
    private let kept: KeptReferenceTexts?
    private let keyFingerprint: UInt64
    /// What this build printed or took from `kept`, for the next build; and how many texts and renderings it took.
    private let keeping = Mutex<(printed: KeptReferenceTexts, reused: Int)>((KeptReferenceTexts(), 0))

    /// - Parameter kept: what the last build of the output kept, when this build keeps what it prints for the next
    ///   (``printedToKeep``).
    init(style: CitationStyle, words: SiteWords, kept: KeptReferenceTexts?) {
        self.style = style
        self.words = words.isDefault ? .english : ReferenceWords(words)
        self.kept = kept
        keyFingerprint = KeptReferenceTexts.fingerprint(ofFormats: Self.key(style, words: words))
    }

    public convenience init(style: CitationStyle = .vancouver, words: SiteWords = SiteWords()) {
        self.init(style: style, words: words, kept: nil)
    }

    /// What was printed so far to keep for the next build, and how many of the texts and renderings were kept ones;
    /// empty when nothing is kept.
    var printedToKeep: (printed: KeptReferenceTexts, reused: Int) { keeping.withLock { $0 } }

    /// What tells formats kept from an earlier build apart: the style's ``CitationStyle/key`` and the site's words.
    static func key(_ style: CitationStyle, words: SiteWords) -> String {
        guard !words.isDefault else { return style.key }
        return style.key + "\u{2}" + words.translations.sorted { $0.key < $1.key }.map { "\($0.key)\u{3}\($0.value)" }.joined(separator: "\u{3}")
    }

    /// The entry of `key` in `bibliography`, nil when it has none. An entry printed from a bibliography of the same
    /// version is its entry; one printed from another is compared with it (a reference is copied only to be printed,
    /// the first time).
    func printed(_ key: String, in bibliography: Bibliography) -> PrintedReference? {
        let known = printed.withLock { $0[key] }
        if let known, known.version == bibliography.version { return known.printed }
        guard let index = bibliography.references.index(forKey: key) else { return nil }
        if let known, known.printed.reference == bibliography.references.values[index] {
            printed.withLock { $0[key] = (bibliography.version, known.printed) }
            return known.printed
        }
        return make(bibliography.references.values[index], version: bibliography.version)
    }

    private func make(_ reference: Reference, version: UInt64) -> PrintedReference {
        // An author-date style's entry depends on the article it is printed in (`2020a`): `printed(_:entry:)` prints it
        // once the article's citations are known, so it is not printed here. Two tasks may format the same entry at
        // once; both get the same result, one is kept.
        let item = reference.cslItem
        let formatted = style.isNumeric ? numericText(item) : FormattedReference(text: "", html: "")
        // An author-date style's articles' renderings are kept under their items' fingerprints.
        let itemHash = kept == nil || style.isNumeric ? 0 : KeptReferenceTexts.key(item.fingerprint, [])
        let result = PrintedReference.make(
            reference, formatted: formatted, cslItem: style.isNumeric ? nil : item, itemHash: itemHash, words: words, and: style.and)
        printed.withLock { $0[reference.id] = (version, result) }
        return result
    }

    /// A numeric style's entry: the text kept for the same item, or the item printed.
    private func numericText(_ item: CSLItem) -> FormattedReference {
        guard let kept else { return style.formatted(style.processor.entry(item)) }
        let key = KeptReferenceTexts.key(item.fingerprint, [keyFingerprint])
        let known = kept.texts[key]
        let formatted = known ?? style.formatted(style.processor.entry(item))
        // (Two tasks may print the same entry at once: it is counted once.)
        keeping.withLock { if $0.printed.texts.updateValue(formatted, forKey: key) == nil, known != nil { $0.reused += 1 } }
        return formatted
    }
}

extension ReferenceFormats {
    /// An entry as one article's bibliography rendered it (an author-date style's), printed once for every article
    /// that renders it the same: `unprinted`, the entry as ``printed(_:in:)`` gave it, with its text.
    func printed(_ unprinted: PrintedReference, entry: [CSLText]) -> PrintedReference {
        printed(unprinted, entry: entry, isKnown: { $0.entry == entry }, formatted: { style.formatted(entry) })
    }

    /// An entry as the last build's printing of an article gave it (``keptRendering(_:)``), printed once
    /// for every article that prints it the same.
    func printed(_ unprinted: PrintedReference, formatted: FormattedReference) -> PrintedReference {
        printed(unprinted, entry: nil, isKnown: { $0.printed.formatted == formatted }, formatted: { formatted })
    }

    /// The entry printed last for `unprinted`'s key when `isKnown` says it is printed the same (most often, the same
    /// entry as `printed(_:in:)` gave it, or an equal one read again); otherwise the entry printed from `formatted`,
    /// kept with `entry`, the text it was printed from (nil for a kept one).
    private func printed(
        _ unprinted: PrintedReference, entry: [CSLText]?, isKnown: ((entry: [CSLText]?, printed: PrintedReference)) -> Bool,
        formatted: () -> FormattedReference
    ) -> PrintedReference {
        let id = unprinted.reference.id
        if let known = printedEntries.withLock({ $0[id] }), isKnown((known.entry, known.printed)),
           known.unprinted === unprinted || known.printed.reference == unprinted.reference { return known.printed }
        let result = PrintedReference.make(
            unprinted.reference, formatted: formatted(), cslItem: unprinted.cslItem, itemHash: unprinted.itemHash, words: words, and: style.and)
        printedEntries.withLock { $0[id] = (unprinted, entry, result) }
        return result
    }

    /// The key an author-date article's rendering is kept under, made of its items (in the order they are given to the
    /// processor) and its citations; nil when nothing is kept.
    func renderingKey(items: [PrintedReference], citations: [CSLCitation]) -> UInt64? {
        guard kept != nil else { return nil }
        return KeptReferenceTexts.key(CSLCitation.fingerprint(citations), [keyFingerprint] + items.map(\.itemHash))
    }

    /// The rendering the last build kept under `key`, kept again for the next build.
    func keptRendering(_ key: UInt64) -> KeptReferenceTexts.Rendering? {
        guard let rendering = kept?.renderings[key] else { return nil }
        keeping.withLock {
            $0.printed.renderings[key] = rendering
            $0.reused += 1
        }
        return rendering
    }

    /// Keeps an article's rendering for the next build.
    func keep(_ rendering: KeptReferenceTexts.Rendering, under key: UInt64) {
        keeping.withLock { $0.printed.renderings[key] = rendering }
    }
}

extension PrintedReference {
    /// The schema.org type of a work of a CSL type.
    static func schemaType(_ type: String) -> String {
        switch type {
        case "article-journal", "article", "paper-conference", "review", "review-book": "ScholarlyArticle"
        case "article-magazine", "article-newspaper": "Article"
        case "book", "classic": "Book"
        case "chapter": "Chapter"
        case "report": "Report"
        case "thesis": "Thesis"
        case "dataset": "Dataset"
        case "webpage", "post", "post-weblog": "WebPage"
        case "legislation", "bill", "regulation": "Legislation"
        default: "CreativeWork"
        }
    }

    /// What pages print of an entry, with its links and JSON-LD made once; `and` joins two authors in its markers' label
    /// and in the sentence that names them.
    static func make(
        _ reference: Reference, formatted: FormattedReference, cslItem: CSLItem?, itemHash: UInt64 = 0, words: ReferenceWords = .english, and: String = "and"
    ) -> PrintedReference {
        let author = reference.authorLabel(and: and)
        var label = reference.shortLabel(author: author)
        if let title = reference.title { label += ", " + CSLMarkup.readable(title, quotesAsText: reference.quotesAsText) }
        let doi = reference.doiURL, pubMed = reference.pubMedURL, pmc = reference.pmcURL, web = reference.webURL
        var links: [(String, String)] = []
        func link(_ url: String, _ words: ReferenceWords.Link) {
            links.append(("<a href=\"\(HTMLEscaping.escape(url))\"\(words.lang) aria-label=\"\(words.before)", "\(words.after)\">\(words.text)</a>"))
        }
        // The notice of its retraction, when its record gives the notice's DOI or PMID: never one made up.
        if let notice = reference.retractionNoticeURL { link(notice, words.retractionNotice) }
        if let doi { link(doi, words.doi) }
        if let pubMed { link(pubMed, words.pubMed) }
        if let pmc { link(pmc, words.pmc) }
        if let web, doi == nil, !reference.isRecordPage(web) { link(web, words.web) }
        // schema.org's type of the work, its title as `name` (a work without one is named by its entry), and the entry's
        // text as `description`.
        var item: [(String, JSONValue)] = [
            ("@type", .string(Self.schemaType(reference.type))),
            ("name", .string(reference.title.map { CSLMarkup.readable($0, quotesAsText: reference.quotesAsText) } ?? formatted.text)), ("description", .string(formatted.text)),
        ]
        if let url = doi ?? web ?? pubMed { item.append(("url", .string(url))) }
        return PrintedReference(
            reference: reference, formatted: formatted, retractedMark: words.retracted, elementId: CitationResolver.elementId(for: reference.id),
            authorLabelHTML: HTMLEscaping.escape(author), markerLabel: HTMLEscaping.escape(label),
            links: links, doiURL: doi, pubMedURL: pubMed, jsonLDItem: JSONValue.object(item).serialized, cslItem: cslItem, itemHash: itemHash)
    }
}

/// The words of an entry's links and marks and of its markers' labels in the site's language (``SiteWords``),
/// HTML-escaped, made once per build.
struct ReferenceWords: Sendable {
    /// A link after an entry: its text, its label in the two parts around the entry's number, and its `lang`
    /// attribute when its label stays English on a site in another language.
    struct Link: Sendable {
        var text: String
        var before: String
        var after: String
        var lang: String
    }

    let retractionNotice: Link, doi: Link, pubMed: Link, pmc: Link, web: Link
    /// The mark after a retracted source's entry, with the space before it.
    let retracted: String
    /// A marker's label before its entry's label (`Reference 1: `), in the two parts around the number. The marker
    /// has no `lang="en"` of its own when `reference` stays English: the most of its label is the source's names and
    /// title, read in the site's language, as its entry is.
    let marker: (before: String, after: String)

    /// English, as an English site prints them.
    static let english = ReferenceWords(SiteWords())

    init(_ words: SiteWords) {
        func link(_ text: String, _ label: String) -> Link {
            let parts = words.parts(label, around: "number")
            return Link(text: HTMLEscaping.escape(text), before: HTMLEscaping.escape(parts.before), after: HTMLEscaping.escape(parts.after), lang: words.langAttribute(label))
        }
        retractionNotice = link(words["retractionNotice"], "retractionNoticeLabel")
        doi = link(words["doi"], "doiLabel")
        pubMed = link(words["pubmed"], "pubmedLabel")
        // PubMed Central's name is the link's text in every language.
        pmc = link("PMC", "pmcLabel")
        web = link(words["link"], "linkLabel")
        retracted = " <span class=\"retracted\"\(words.langAttribute("retracted"))>\(HTMLEscaping.escape(words["retracted"]))</span>"
        let parts = words.parts("reference", around: "number")
        marker = (HTMLEscaping.escape(parts.before), HTMLEscaping.escape(parts.after) + ": ")
    }
}
